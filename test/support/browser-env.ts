// web-test-runner plugin: the servers the browser tests talk to, started once per run.
// Browser tests import `/__env.js` to learn their addresses.
import type { Plugin } from '@web/dev-server-core';

export function browserEnvPlugin(): Plugin {
  const env: Record<string, string> = {};
  return {
    name: 'browser-env',
    async serverStart() {},
    async serverStop() {},
    serve(context) {
      if (context.path === '/__env.js') return { body: `export default ${JSON.stringify(env)};`, type: 'js' };
      return undefined;
    },
  };
}
