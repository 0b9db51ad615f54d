// The dev token manager acts with the dev server's API key, so it answers this machine only, even when
// `npm start -- --host` opens the dev server to the network. Traffic stays on loopback: the test server presents a
// request from another machine by setting the socket's remote address itself.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDevTokenRoutes } from '../../demo/dev-server/token-routes.js';
import { createEmulator, type Emulator } from '../../src/server/emulator/index.js';

let emulator: Emulator;
let server: Server;
let url: string;

beforeAll(async () => {
  emulator = createEmulator();
  const emulatorUrl = await emulator.listen(0, '127.0.0.1');
  const routes = createDevTokenRoutes({ apiKey: 'emulator-api-key', baseUri: emulatorUrl });
  server = createServer((req, res) => {
    const pretend = req.headers['x-remote-address'];
    if (typeof pretend === 'string') Object.defineProperty(req.socket, 'remoteAddress', { value: pretend, configurable: true });
    routes(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await emulator.close();
});

describe('the dev token manager routes', () => {
  it('refuse a request from another machine, and create nothing for it', async () => {
    for (const remote of ['192.0.2.7', '2001:db8::1', '::ffff:192.0.2.7']) {
      const answer = await fetch(`${url}/`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Remote-Address': remote },
        body: '{"ttl":60}',
      });
      expect({ remote, status: answer.status, body: await answer.json() }).toMatchObject({
        remote,
        status: 403,
        body: { title: 'The token manager answers this machine only.' },
      });
    }
    const listed = await (await fetch(`${url}/`, { headers: { 'X-Remote-Address': '127.0.0.1' } })).json();
    expect(listed.data).toEqual([]);
  });

  it('answer this machine, over IPv4 and IPv6 loopback', async () => {
    for (const remote of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
      const answer = await fetch(`${url}/`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Remote-Address': remote },
        body: '{"ttl":60}',
      });
      expect({ remote, status: answer.status }).toEqual({ remote, status: 200 });
    }
  });

  it('refuse a page of another origin by its Origin or Sec-Fetch-Site, and serve their own origin', async () => {
    const host = new URL(url).host;
    const cases: [Record<string, string>, number][] = [
      [{ Origin: 'http://localhost:9999' }, 403],
      [{ Origin: 'null' }, 403],
      [{ 'Sec-Fetch-Site': 'same-site' }, 403],
      [{ 'Sec-Fetch-Site': 'cross-site', Origin: `http://${host}` }, 403],
      [{ Origin: `http://${host}`, 'Sec-Fetch-Site': 'same-origin' }, 200],
      [{ 'Sec-Fetch-Site': 'none' }, 200],
    ];
    for (const [headers, status] of cases) {
      const answer = await fetch(`${url}/`, { headers: { ...headers, 'X-Remote-Address': '127.0.0.1' } });
      expect({ headers, status: answer.status }).toEqual({ headers, status });
    }
  });
});
