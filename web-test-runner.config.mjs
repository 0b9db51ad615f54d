import { fileURLToPath } from 'node:url';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { ensureChromium, CHROMIUM_ARGS } from './test/support/chromium.mjs';
import { countReporter } from './test/support/count-reporter.mjs';
import { browserEnvPlugin } from './test/support/browser-env.ts';
import { testTokenEndpointPlugin } from './test/support/test-token-endpoint.ts';

const tsconfig = fileURLToPath(new URL('./tsconfig.json', import.meta.url));

export default {
  files: ['test/browser/**/*.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  concurrency: 2,
  testFramework: { config: { timeout: 60_000 } },
  testsFinishTimeout: 20 * 60_000,
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: ensureChromium(), headless: true, args: CHROMIUM_ARGS },
      // One browser context (its own window) per page: tabs sharing a window are hidden while another runs, and a
      // hidden page gets no animation frames and defers media loading, so concurrent test files would stall.
      createPage: async ({ browser }) => (await browser.createBrowserContext()).newPage(),
    }),
  ],
  plugins: [browserEnvPlugin(), testTokenEndpointPlugin(), esbuildPlugin({ ts: true, tsconfig, target: 'es2022' })],
  reporters: [defaultReporter(), countReporter('.test-results/browser.json')],
};
