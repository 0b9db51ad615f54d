// The browser suite, in one engine per run: TEST_ENGINE is chromium, firefox or webkit (test/browser-run.mjs sets it
// and runs each engine in turn). Each engine has its own concurrency: WebKitGTK runs one MiniBrowser window.
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { ensureBrowsers, CHROMIUM_ARGS, CHROMIUM_FAKE_MEDIA_ARGS, FIREFOX_FAKE_MEDIA_PREFS } from './test/support/browsers.mjs';
import { WebKitLauncher } from './test/support/webkit-launcher.mjs';
import { countReporter } from './test/support/count-reporter.mjs';
import { browserEnvPlugin } from './test/support/browser-env.ts';
import { testTokenEndpointPlugin } from './test/support/test-token-endpoint.ts';
import { screenshotPlugin } from './test/support/screenshot-plugin.ts';
import { failingModulesMiddleware } from './test/support/failing-modules.ts';
import { browserTestFiles } from './test/browser/engines.mjs';
import { freePort } from './test/support/free-port.ts';

const tsconfig = fileURLToPath(new URL('./tsconfig.json', import.meta.url));
const engine = process.env.TEST_ENGINE || 'chromium';
const path = ensureBrowsers([engine])[engine];

// One browser context (its own window) per page: tabs sharing a window are hidden while another runs, and a hidden
// page gets no animation frames and defers media loading, so concurrent test files would stall.
const pagePerContext = async ({ browser }) => (await browser.createBrowserContext()).newPage();

const launchers = {
  chromium: () =>
    chromeLauncher({
      // Fake camera and microphone, granted without a prompt, for the recording tests.
      launchOptions: { executablePath: path, headless: true, args: [...CHROMIUM_ARGS, ...CHROMIUM_FAKE_MEDIA_ARGS] },
      createPage: pagePerContext,
    }),
  // puppeteer-core drives Firefox over WebDriver BiDi; test-runner-chrome takes it as its puppeteer.
  firefox: () =>
    chromeLauncher({
      puppeteer,
      launchOptions: {
        browser: 'firefox',
        executablePath: path,
        headless: true,
        extraPrefsFirefox: {
          'media.autoplay.default': 0,
          'media.autoplay.blocking_policy': 0,
          // Fake camera and microphone, granted without a prompt, for the recording tests.
          ...FIREFOX_FAKE_MEDIA_PREFS,
        },
      },
      createPage: pagePerContext,
    }),
  webkit: () => new WebKitLauncher(path),
};

// WebKitGTK runs one MiniBrowser window: with a concurrency above 1, @web/test-runner-webdriver runs the files in
// iframes of that window, where WebKitWebDriver's key commands fail ("Invalid frame ID"). Firefox takes key events
// (WebDriver BiDi) only in the active window, so with test files side by side in several windows the keys of one would
// land in another; and on two busy cores, two files at once made timing-bound tests fail (docs/development.md).
const concurrency = { chromium: 2, firefox: 1, webkit: 1 };
// TEST_CONCURRENCY=n overrides it, to try another setting on a machine.
const concurrencyOverride = Number(process.env.TEST_CONCURRENCY) || undefined;

export default {
  // A port of its own: `npm test` runs engines side by side, and two runners probing from 8000 at once took the same.
  port: await freePort(),
  // Chromium runs every file; Firefox and WebKit the files that test what engines do differently, listed with their
  // reasons in test/browser/engines.mjs (screenshots in Firefox too, against references of its own).
  files: browserTestFiles(engine),
  nodeResolve: { exportConditions: ['browser', 'development'] },
  concurrency: concurrencyOverride ?? concurrency[engine],
  testFramework: { config: { timeout: 60_000 } },
  testsFinishTimeout: 20 * 60_000,
  browsers: [launchers[engine]()],
  // Modules a test page asks to fail (test/support/failing-modules.ts), before anything serves them.
  middleware: [failingModulesMiddleware()],
  plugins: [browserEnvPlugin(), testTokenEndpointPlugin(), screenshotPlugin(fileURLToPath(new URL('.', import.meta.url))), esbuildPlugin({ ts: true, tsconfig, target: 'es2022' })],
  reporters: [defaultReporter(), countReporter(`.test-results/browser-${engine}.json`)],
};
