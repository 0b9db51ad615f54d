// `npm start`: the dev page (index.html, demo/react.html, demo/vue.html) with the api.video emulator, the token
// endpoint and the token manager's routes mounted as middleware (see demo/dev-server/plugin.ts).
import { defineConfig, type UserConfig } from 'vite';
import { apiVideoDevServer, type DevServerOptions } from './demo/dev-server/plugin.js';

/** The dev page's configuration; the end-to-end tests start it with options (a real-api.video setup, say). */
export function devPageConfig(options?: DevServerOptions): UserConfig {
  return {
    server: { host: 'localhost', port: 5173 },
    // Vue's full build compiles the demo's in-page template; the runtime-only build cannot.
    resolve: { alias: { vue: 'vue/dist/vue.esm-bundler.js' } },
    define: { __VUE_OPTIONS_API__: 'true', __VUE_PROD_DEVTOOLS__: 'false', __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false' },
    plugins: [apiVideoDevServer(options)],
  };
}

export default defineConfig(devPageConfig());
