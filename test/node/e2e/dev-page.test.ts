// The dev page (index.html) driven in headless Chromium and Firefox as a person would: choose a file, watch it upload,
// see it play; a token that expires mid-upload; the token manager. One dev server and one recorded video serve both.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import type { EmulatorVideoReport } from '../../../src/server/emulator/control.js';
import type { UploadLogEntry } from '../../../src/server/emulator/state.js';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { ENGINES, MiB, chooseFile, emulatorJson, expectPlayable, openPage, useBrowser, useDevServer } from './support.js';

const e2e = useDevServer('/', 12 * MiB + 12345);

const chooseVideo = (page: Page) => chooseFile(page, '#uploader >>> input[type=file]', e2e.videoPath);
const text = (page: Page, selector: string) => page.$eval(selector, (el) => el.textContent);
const attribute = (page: Page, selector: string, name: string) => page.$eval(selector, (el, n) => el.getAttribute(n), name);
const fill = (page: Page, selector: string, value: string) => page.locator(selector).fill(value);
/** Picks an option of a <select>; a value the select does not offer fails the test instead of selecting nothing. */
const select = async (page: Page, selector: string, value: string) => {
  expect(await page.select(selector, value)).toEqual([value]);
};

/** Resolves once a request for `part` has reached the emulator (the log has it from its arrival on). */
async function untilLogged(emulatorUrl: string, part: number): Promise<void> {
  while (!(await emulatorJson<UploadLogEntry[]>(emulatorUrl, 'requests')).some((entry) => entry.part === part)) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const loggedEvents = (page: Page, name: string) =>
  page.$$eval(`#log li[data-event="${name}"] code`, (codes) => codes.map((code) => JSON.parse(code.textContent || 'null')));

describe.each(ENGINES)('the dev page in %s', (engine) => {
  const launched = useBrowser(engine);

  async function openDevPage(): Promise<{ page: Page; errors: string[] }> {
    const opened = await openPage(launched.browser, `${e2e.server.url}/`);
    await opened.page.waitForSelector('body[data-ready="true"]');
    return opened;
  }

  it('says it talks to the emulator and uploads a chosen file in parts, with progress, then plays it', async () => {
    const { page, errors } = await openDevPage();
    expect(await text(page, '#target')).toContain('emulator');
    await select(page, '#chunk-size', String(5 * MiB));
    await chooseVideo(page);

    // Progress shows in the element while it uploads, then success.
    await page.waitForSelector('#uploader[state="success"]', { timeout: 30_000 });
    expect(await text(page, '#uploader >>> [part~="success"]')).toContain('Upload complete');

    const progress = (await loggedEvents(page, 'upload-progress')).reverse();
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1).percent).toBe(100);
    const parts = (await loggedEvents(page, 'upload-part')).reverse();
    expect(parts.map((p) => p.part)).toEqual([1, 2, 3]);
    const [success] = await loggedEvents(page, 'upload-success');
    const videoId = success.video.videoId as string;

    // The emulator holds exactly the chosen bytes, sent as three parts.
    const stored = await emulatorJson<EmulatorVideoReport>(e2e.server.emulatorUrl, `videos/${videoId}`);
    expect(stored).toMatchObject({ complete: true, size: e2e.video.length, totalParts: 3, receivedParts: [1, 2, 3] });
    expect(stored.sha256).toBe(createHash('sha256').update(e2e.video).digest('hex'));

    // The page plays what was uploaded, from the emulator's mp4 asset.
    const src = await attribute(page, '#playback-video', 'src');
    expect(src).toBe(success.video.assets.mp4);
    const playable = await expectPlayable(page, '#playback-video');
    expect(playable.width).toBe(160);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('sends parts side by side when the page asks for them, into one video with the same bytes', async () => {
    const { page, errors } = await openDevPage();
    await select(page, '#chunk-size', String(5 * MiB));
    await select(page, '#parallel-parts', '4');
    await emulatorJson(e2e.server.emulatorUrl, 'requests', { method: 'DELETE' });
    // Part 2 held until part 3 has reached the emulator beside it. A hold's name, once released, lets every later hold
    // of that name through: one per engine.
    const hold = `parallel-part-2-${engine}`;
    const fault = { part: 2, hold, times: 1 };
    await emulatorJson(e2e.server.emulatorUrl, 'faults', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(fault) });
    await chooseVideo(page);
    await untilLogged(e2e.server.emulatorUrl, 3);
    await emulatorJson(e2e.server.emulatorUrl, `holds/${hold}/release`, { method: 'POST' });
    await page.waitForSelector('#uploader[state="success"]', { timeout: 30_000 });

    const [success] = await loggedEvents(page, 'upload-success');
    const log = (await emulatorJson<UploadLogEntry[]>(e2e.server.emulatorUrl, 'requests')).filter((r) => r.status === 201);
    const two = log.find((r) => r.part === 2)!;
    const three = log.find((r) => r.part === 3)!;
    expect(three.at).toBeLessThan(two.answeredAt!);
    const stored = await emulatorJson<EmulatorVideoReport>(e2e.server.emulatorUrl, `videos/${success.video.videoId}`);
    expect(stored).toMatchObject({ complete: true, size: e2e.video.length, receivedParts: [1, 2, 3] });
    expect(stored.sha256).toBe(createHash('sha256').update(e2e.video).digest('hex'));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('with a 5-second token, the token expires mid-upload: part 2 is refused once, then sent again with a new token', { timeout: 90_000 }, async () => {
    await emulatorJson(e2e.server.emulatorUrl, 'requests', { method: 'DELETE' });
    const { page, errors } = await openDevPage();
    await select(page, '#chunk-size', String(5 * MiB));
    await select(page, '#token-ttl', '5');
    await page.waitForFunction(() => document.querySelector('#faults')?.textContent?.includes('"part":2'));
    await chooseVideo(page);
    await page.waitForSelector('#uploader[state="success"]', { timeout: 45_000 });

    const [success] = await loggedEvents(page, 'upload-success');
    const videoId = success.video.videoId as string;
    const log = await emulatorJson<UploadLogEntry[]>(e2e.server.emulatorUrl, 'requests');
    // The log was cleared before this upload, so every entry is one of its requests.
    const forVideo = log;
    expect(forVideo.every((entry) => entry.videoId === null || entry.videoId === videoId)).toBe(true);
    const refused = forVideo.filter((entry) => entry.status === 401);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.part).toBe(2);
    const after = forVideo.slice(forVideo.indexOf(refused[0]!) + 1);
    expect(after[0]).toMatchObject({ part: 2, status: 201 });
    expect(after[0]!.token).not.toBe(refused[0]!.token);
    expect(forVideo.filter((entry) => entry.status === 201).map((entry) => entry.part)).toEqual([1, 2, 3]);

    // The page's log tells the story: a token fetched because the old one expired.
    const refreshes = (await loggedEvents(page, 'token-refresh')).reverse();
    expect(refreshes.map((refresh) => refresh.reason)).toEqual(['initial', 'rejected']);
    expect(await loggedEvents(page, 'upload-retry')).toEqual([expect.objectContaining({ part: 2 })]);
    const stored = await emulatorJson<EmulatorVideoReport>(e2e.server.emulatorUrl, `videos/${videoId}`);
    expect(stored.sha256).toBe(createHash('sha256').update(e2e.video).digest('hex'));
    expect(errors).toEqual([]);

    // Back to a long life: strict expiry off again.
    await select(page, '#token-ttl', '3600');
    await page.waitForFunction(() => document.querySelector('#faults')?.textContent === 'No fault pending.');
    const config = await emulatorJson<{ strictTokenExpiry: boolean }>(e2e.server.emulatorUrl, 'config');
    expect(config.strictTokenExpiry).toBe(false);
    await page.close();
  });

  it('injects a fault into the next part from the page: a 503 on part 1, retried, and the upload completes', async () => {
    await emulatorJson(e2e.server.emulatorUrl, 'requests', { method: 'DELETE' });
    const { page, errors } = await openDevPage();
    expect(await (await page.$('#fault-panel'))!.isHidden()).toBe(false);
    await select(page, '#chunk-size', String(5 * MiB));
    await select(page, '#fault-kind', '503');
    await page.locator('#inject-fault').click();
    await page.waitForFunction(() => document.querySelector('#faults')?.textContent?.includes('"status":503'));
    await chooseVideo(page);
    await page.waitForSelector('#uploader[state="success"]', { timeout: 30_000 });

    const retries = await loggedEvents(page, 'upload-retry');
    expect(retries).toHaveLength(1);
    expect(retries[0]).toMatchObject({ part: 1, attempt: 1 });
    const log = await emulatorJson<UploadLogEntry[]>(e2e.server.emulatorUrl, 'requests');
    expect(log.map((entry) => [entry.part, entry.status])).toEqual([[1, 503], [1, 201], [2, 201], [3, 201]]);
    // The pending list is read again once the upload ends: the fault was used up.
    await page.waitForFunction(() => document.querySelector('#faults')?.textContent === 'No fault pending.');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('injects a connection reset from the page: part 1 is cut mid-body, sent again, and the bytes arrive whole', async () => {
    await emulatorJson(e2e.server.emulatorUrl, 'requests', { method: 'DELETE' });
    const { page, errors } = await openDevPage();
    await select(page, '#chunk-size', String(5 * MiB));
    await select(page, '#fault-kind', 'reset');
    await page.locator('#inject-fault').click();
    await page.waitForFunction(() => document.querySelector('#faults')?.textContent?.includes('"reset":true'));
    await chooseVideo(page);
    await page.waitForSelector('#uploader[state="success"]', { timeout: 30_000 });

    // Who sends it again depends on the connection: on a kept-alive one the browser itself (Chromium and Firefox alike)
    // resends a request whose socket broke before any answer, unseen by the page (no upload-retry); on a fresh one the
    // element retries.
    const log = await emulatorJson<UploadLogEntry[]>(e2e.server.emulatorUrl, 'requests');
    expect(log.map((entry) => [entry.part, entry.status])).toEqual([[1, 0], [1, 201], [2, 201], [3, 201]]);
    expect(log[0]!.bytes).toBeLessThan(5 * MiB);
    const [success] = await loggedEvents(page, 'upload-success');
    const stored = await emulatorJson<EmulatorVideoReport>(e2e.server.emulatorUrl, `videos/${success.video.videoId}`);
    expect(stored).toMatchObject({ complete: true, receivedParts: [1, 2, 3] });
    expect(stored.sha256).toBe(createHash('sha256').update(e2e.video).digest('hex'));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('switches the element to the chosen language', async () => {
    const { page, errors } = await openDevPage();
    const text = () => page.$eval('#uploader', (el) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ').trim());
    const english = await text();
    await select(page, '#language', 'fr');
    await page.waitForFunction(
      (before: string) => {
        const shown = document.querySelector('#uploader')!.shadowRoot!.textContent!.replace(/\s+/g, ' ').trim();
        return shown !== before;
      },
      {},
      english,
    );
    expect(await attribute(page, '#uploader', 'lang')).toBe('fr');
    expect(await attribute(page, 'html', 'lang')).toBe('fr');
    expect(await text()).not.toBe(english);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('manages tokens: creates one with a ttl, lists with sort and paging, shows it, deletes it', async () => {
    // Only this test's tokens: earlier uploads left short-lived ones that would expire between two listings.
    await emulatorJson(e2e.server.emulatorUrl, 'reset', { method: 'POST' });
    const { page, errors } = await openDevPage();
    // Every operation marks the table aria-busy until it is done.
    const act = async (selector: string) => {
      await page.locator(selector).click();
      await page.waitForSelector('#tm-table[aria-busy="false"]');
    };
    const ttlColumn = () => page.$$eval('#tm-rows tr td:nth-child(2)', (cells) => cells.map((c) => Number(c.textContent)));
    const status = () => text(page, '#tm-status');

    const created: string[] = [];
    for (const ttl of [600, 120, 900]) {
      await fill(page, '#tm-create input[name=ttl]', String(ttl));
      await act('#tm-create button[type=submit]');
      expect(await status()).toMatch(new RegExp(`^Created to\\w+ \\(ttl ${ttl} s\\)\\.$`));
      created.push(JSON.parse((await text(page, '#tm-details'))!).token);
    }

    // More tokens than a page holds, so paging has something to turn.
    for (const ttl of [30, 40, 50, 60]) {
      const made = await fetch(`${e2e.server.url}/__dev/tokens`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ ttl }),
      });
      expect(made.status).toBe(200);
    }

    // Sorted by ttl, longest first.
    await select(page, '#tm-list-form select[name=sortBy]', 'ttl');
    await select(page, '#tm-list-form select[name=sortOrder]', 'desc');
    await select(page, '#tm-list-form select[name=pageSize]', '100');
    await act('#tm-list-form button[type=submit]');
    expect(await ttlColumn()).toEqual([900, 600, 120, 60, 50, 40, 30]);
    await select(page, '#tm-list-form select[name=sortOrder]', 'asc');
    await act('#tm-list-form button[type=submit]');
    expect(await ttlColumn()).toEqual([30, 40, 50, 60, 120, 600, 900]);

    // Paging: five per page; Next shows the rest, Previous comes back.
    await select(page, '#tm-list-form select[name=pageSize]', '5');
    await act('#tm-list-form button[type=submit]');
    expect(await ttlColumn()).toEqual([30, 40, 50, 60, 120]);
    expect(await text(page, '#tm-page')).toBe('Page 1 of 2, 7 tokens');
    await act('#tm-next');
    expect(await ttlColumn()).toEqual([600, 900]);
    expect(await page.$eval('#tm-next', (el) => (el as HTMLButtonElement).disabled)).toBe(true);
    await act('#tm-prev');
    expect(await ttlColumn()).toEqual([30, 40, 50, 60, 120]);
    expect(await page.$eval('#tm-prev', (el) => (el as HTMLButtonElement).disabled)).toBe(true);

    // Show: the details of the chosen token.
    await select(page, '#tm-list-form select[name=pageSize]', '100');
    await act('#tm-list-form button[type=submit]');
    await act(`#tm-rows tr[data-token="${created[1]}"] button::-p-text(Show)`);
    expect(await status()).toBe(`Showing ${created[1]}.`);
    expect(JSON.parse((await text(page, '#tm-details'))!)).toMatchObject({ token: created[1], ttl: 120 });

    // Delete: gone from the list and from the emulator.
    await act(`#tm-rows tr[data-token="${created[1]}"] button::-p-text(Delete)`);
    expect(await status()).toMatch(/^Deleted /);
    expect(await page.$(`#tm-rows tr[data-token="${created[1]}"]`)).toBeNull();
    expect(await page.$(`#tm-rows tr[data-token="${created[0]}"]`)).not.toBeNull();
    expect((await fetch(`${e2e.server.url}/__dev/tokens/${created[1]}`)).status).toBe(404);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('says in the token panel what went wrong: a ttl out of range, a token deleted elsewhere', async () => {
    const { page, errors } = await openDevPage();
    const act = async (selector: string) => {
      await page.locator(selector).click();
      await page.waitForSelector('#tm-table[aria-busy="false"]');
    };
    await fill(page, '#tm-create input[name=ttl]', '99999999999');
    await act('#tm-create button[type=submit]');
    expect(await text(page, '#tm-status')).toBe(
      'Could not create a token: ttl must be a whole number of seconds from 0 to 2147483647. Got 99999999999.',
    );
    expect(await attribute(page, '#tm-status', 'class')).toContain('error');

    // Listed on the page, then deleted by someone else before the page's Delete.
    const made = await fetch(`${e2e.server.url}/__dev/tokens`, { method: 'POST', body: '{"ttl":300}' });
    const { token } = (await made.json()) as { token: string };
    await select(page, '#tm-list-form select[name=pageSize]', '100');
    await act('#tm-list-form button[type=submit]');
    expect((await fetch(`${e2e.server.url}/__dev/tokens/${token}`, { method: 'DELETE' })).status).toBe(204);
    await act(`#tm-rows tr[data-token="${token}"] button::-p-text(Delete)`);
    expect(await text(page, '#tm-status')).toBe(
      `Could not delete ${token}: There is no such token (it may have expired or been deleted).`,
    );
    expect(errors).toEqual([]);
    await page.close();
  });

  it('has no accessibility violations (axe-core) on the plain, React and Vue pages, every control labelled', async () => {
    const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    for (const path of ['/', '/demo/react.html', '/demo/vue.html']) {
      const { page, errors } = await openPage(launched.browser, `${e2e.server.url}${path}`);
      await page.waitForSelector('#uploader');
      // The plain page with its token list filled in, so the rows' buttons are checked too.
      if (path === '/') {
        await page.waitForSelector('body[data-ready="true"]');
        await page.waitForSelector('#tm-table[aria-busy="false"]');
      }
      await page.addScriptTag({ content: axeSource });
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(context: Document): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } }).axe;
        const { violations } = await axe.run(document);
        return violations.map((violation) => ({ id: violation.id, targets: violation.nodes.map((node) => JSON.stringify(node.target)) }));
      });
      expect({ path, violations }).toEqual({ path, violations: [] });
      expect(errors).toEqual([]);
      await page.close();
    }
  });
});
