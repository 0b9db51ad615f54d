// web-test-runner middleware: the fetch of a module answers 503, for real over HTTP, as when a connection drops or a
// deploy removed the old chunk, while the test page asks for it, and a count of the module fetches that reached the
// server, to tell a browser that fetched again from one that did not.
//
// A page asks with cookies: `failing-modules=queue-mode,panel` names the modules to fail (file names without their
// extension), `held-modules=upload-code` the modules whose answer waits until the page asks GET /__failing-modules/release
// (a slow connection, with the page deciding when the module arrives), `module-requests=KEY` keeps a log of the page's
// module fetches, read at GET /__failing-modules/requests.
// Cookies, not a flag on the server: test files run side by side, each page in its own browser context, and another
// file's page must still get its queue. Module scripts are fetched with the page's same-origin cookies in every engine.
import type { Middleware } from '@web/dev-server-core';

const LOG_ROUTE = '/__failing-modules/requests';
const RELEASE_ROUTE = '/__failing-modules/release';

export function failingModulesMiddleware(): Middleware {
  /** By `module-requests` key: each module fetched, `queue-mode failed`, `queue-mode served` or `upload-code held`. */
  const logs = new Map<string, string[]>();
  /** By `module-requests` key: the answers held, each let go by a call. */
  const held = new Map<string, (() => void)[]>();
  return async (context, next) => {
    const key = context.cookies.get('module-requests');
    if (context.path === LOG_ROUTE) {
      context.body = key ? (logs.get(key) ?? []) : [];
      return;
    }
    if (context.path === RELEASE_ROUTE) {
      const waiting = (key && held.get(key)) || [];
      if (key) held.delete(key);
      for (const release of waiting) release();
      context.body = { released: waiting.length };
      return;
    }
    const file = /\/([^/]+)\.(?:js|ts)$/.exec(context.path)?.[1];
    if (file === undefined) return next();
    const log = key ? logs.get(key) ?? logs.set(key, []).get(key)! : [];
    const failing = context.cookies.get('failing-modules')?.split(',').includes(file) ?? false;
    const holding = Boolean(key) && (context.cookies.get('held-modules')?.split(',').includes(file) ?? false);
    log.push(`${file} ${failing ? 'failed' : holding ? 'held' : 'served'}`);
    if (holding) await new Promise<void>((release) => (held.get(key!) ?? held.set(key!, []).get(key!)!).push(release));
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
