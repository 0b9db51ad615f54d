// Debian's Chromium driven by playwright-core, with the flags the tests use on this machine.
import { chromium, type Browser, type Page } from 'playwright-core';
// @ts-expect-error: a plain .mjs helper without type declarations
import { ensureChromium, CHROMIUM_ARGS, CHROMIUM_FAKE_MEDIA_ARGS } from '../../test/support/browsers.mjs';

/** `fakeMedia`: Chromium's fake camera and microphone, granted without a prompt (the recording section's browser). */
export async function launchBrowser(options: { fakeMedia?: boolean } = {}): Promise<Browser> {
  const executablePath = (ensureChromium as (log?: (line: string) => void) => string)();
  // Precise heap figures (performance.memory is otherwise bucketed) and long-task entries need no other flags.
  return chromium.launch({
    executablePath,
    headless: true,
    args: [...(CHROMIUM_ARGS as string[]), '--enable-precise-memory-info', ...(options.fakeMedia ? (CHROMIUM_FAKE_MEDIA_ARGS as string[]) : [])],
    timeout: 60_000,
  });
}

/** A fresh page on the bench site, its script loaded and `window.bench` ready. */
export async function openBenchPage(browser: Browser, siteUrl: string): Promise<Page> {
  const page = await browser.newPage();
  page.setDefaultTimeout(180_000);
  page.on('pageerror', (error) => console.error(`  page error: ${error.message}`));
  await page.goto(siteUrl + '/');
  await page.waitForFunction(() => 'bench' in window, undefined, { timeout: 30_000 });
  return page;
}
