// The dev server's token manager acts with its API key (the real account, when APIVIDEO_API_KEY is set), so it answers
// the dev page alone. A page on another localhost port is "same-site" but not "same-origin", and Vite's default CORS
// lets it read and send to the dev server: here, such a page in Chromium tries to create, list and delete tokens.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'puppeteer-core';
import { emulatorJson, launchBrowser, startDevServer, type DevServer } from './support.js';

let dev: DevServer;
let browser: Browser;
let elsewhere: Server;
let elsewhereUrl: string;

beforeAll(async () => {
  [dev, browser] = await Promise.all([startDevServer(), launchBrowser('chromium')]);
  elsewhere = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><meta charset="utf-8"><title>Another local app</title>');
  });
  await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
  elsewhereUrl = `http://127.0.0.1:${(elsewhere.address() as { port: number }).port}`;
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => elsewhere?.close(resolve));
  await dev?.close();
});

/** What a page at `pageUrl` gets from the token manager: each status, or "failed" when the browser blocked it. */
async function tryFrom(pageUrl: string, token: string): Promise<Record<string, number | string>> {
  const page = await browser.newPage();
  try {
    await page.goto(pageUrl);
    return await page.evaluate(async (base: string, known: string) => {
      const attempt = async (path: string, init?: RequestInit) =>
        fetch(`${base}/__dev/tokens${path}`, init).then((r) => r.status, () => 'failed');
      return {
        create: await attempt('/', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"ttl":60}' }),
        // A "simple" request: no preflight, so only the server can stop it.
        createSimple: await attempt('/', { method: 'POST', body: '{"ttl":60}' }),
        list: await attempt('/'),
        show: await attempt(`/${known}`),
        remove: await attempt(`/${known}`, { method: 'DELETE' }),
      };
    }, dev.url, token);
  } finally {
    await page.close();
  }
}

async function activeTokens(): Promise<string[]> {
  const response = await fetch(`${dev.emulatorUrl}/upload-tokens?pageSize=100`, {
    headers: { Authorization: `Basic ${btoa('emulator-api-key:')}` },
  });
  return ((await response.json()) as { data: { token: string }[] }).data.map((t) => t.token);
}

describe('the dev token manager, asked by a page on another localhost origin', () => {
  it('refuses it every route with 403, creating, listing and deleting nothing', async () => {
    const { token } = await emulatorJson<{ token: string }>(dev.emulatorUrl, 'tokens', { method: 'POST', body: '{"ttl":600}' });
    const statuses = await tryFrom(elsewhereUrl, token);
    expect(statuses).toEqual({ create: 403, createSimple: 403, list: 403, show: 403, remove: 403 });
    expect(await activeTokens()).toEqual([token]);
  });

  it('still answers the dev page itself', async () => {
    const { token } = await emulatorJson<{ token: string }>(dev.emulatorUrl, 'tokens', { method: 'POST', body: '{"ttl":600}' });
    const statuses = await tryFrom(`${dev.url}/__dev/config`, token);
    expect(statuses).toEqual({ create: 200, createSimple: 200, list: 200, show: 200, remove: 204 });
  });
});
