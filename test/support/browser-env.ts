// web-test-runner plugin: the servers the browser tests talk to, started once per run.
// Browser tests import `/__env.js` to learn their addresses: `{ emulatorUrl }`, plus whatever other
// plugins add through `addBrowserEnv`.
import type { Plugin } from '@web/dev-server-core';
import { createEmulator, type Emulator } from '../../src/server/emulator/index.js';

const env: Record<string, string> = {};

/** Lets another plugin publish a value to the browser tests' `/__env.js` (call it in its `serverStart`). */
export function addBrowserEnv(key: string, value: string): void {
  env[key] = value;
}

/** What `/__env.js` serves, for other plugins that need the same addresses on the Node side. */
export function browserEnv(): Readonly<Record<string, string>> {
  return env;
}

export function browserEnvPlugin(): Plugin {
  let emulator: Emulator | undefined;
  return {
    name: 'browser-env',
    async serverStart() {
      emulator = createEmulator();
      addBrowserEnv('emulatorUrl', await emulator.listen(0, '127.0.0.1'));
    },
    async serverStop() {
      await emulator?.close();
    },
    serve(context) {
      if (context.path === '/__env.js') return { body: `export default ${JSON.stringify(env)};`, type: 'js' };
      return undefined;
    },
  };
}
