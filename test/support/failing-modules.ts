// web-test-runner middleware: the fetch of a module answers 503, for real over HTTP, as when a connection drops or a
// deploy removed the old chunk, while the test page asks for it, and a count of the module fetches that reached the
// server, to tell a browser that fetched again from one that did not.
//
// A page asks with cookies: `failing-modules=queue-mode,panel` names the modules to fail (file names without their
// extension), `module-requests=KEY` keeps a log of the page's module fetches, read at GET /__failing-modules/requests.
// Cookies, not a flag on the server: test files run side by side, each page in its own browser context, and another
// file's page must still get its queue. Module scripts are fetched with the page's same-origin cookies in every engine.
import type { Middleware } from '@web/dev-server-core';

const LOG_ROUTE = '/__failing-modules/requests';

export function failingModulesMiddleware(): Middleware {
  /** By `module-requests` key: each module fetched, `queue-mode failed` or `queue-mode served`. */
  const logs = new Map<string, string[]>();
  return async (context, next) => {
    const key = context.cookies.get('module-requests');
    if (context.path === LOG_ROUTE) {
      context.body = key ? (logs.get(key) ?? []) : [];
      return;
    }
    const file = /\/([^/]+)\.(?:js|ts)$/.exec(context.path)?.[1];
    if (file === undefined) return next();
    const log = key ? logs.get(key) ?? logs.set(key, []).get(key)! : [];
    const failing = context.cookies.get('failing-modules')?.split(',').includes(file) ?? false;
    log.push(`${file} ${failing ? 'failed' : 'served'}`);
    // The test runner lets browsers keep every file a year (its cacheMiddleware, around this one), and Chromium shares
    // that cache between the pages of test files: keyed by the cookie, a module another page fetched is not what a
    // page asking for failures gets.
    context.vary('Cookie');
    if (!failing) return next();
    // Answered raw: the test runner would mark the 503 to be kept a year too, and a browser would then fetch it again
    // from its cache, not from the server. A real server's error is not kept.
    context.respond = false;
    context.res.writeHead(503, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-store', Vary: 'Cookie' });
    context.res.end(`${file} is not served right now (failing-modules cookie).`);
  };
}
