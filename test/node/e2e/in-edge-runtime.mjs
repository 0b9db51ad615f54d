// Runs an ES module inside Vercel's edge runtime (the `edge-runtime` package): a VM context with the web globals an
// edge function has (fetch, Request, Response, streams, TextEncoder, btoa, timers) and nothing of Node's: no
// `require`, no `process`, no `Buffer`, and no module but the one given: any `import` it still has is refused, as a
// `node:` module is on an edge runtime. Node runs a module in a VM context only behind --experimental-vm-modules,
// hence a process of its own: `node --experimental-vm-modules in-edge-runtime.mjs <module.mjs> <call.json>`.
//
// The call is `{ "export": name, "options": {...}, "request": { "url", "method", "headers", "body" } }`: the module's
// export is called with the options, and what it returns with a Request made in the edge context. One JSON line on
// standard output says how far it went: `{ "loaded": false, "error" }`, or the globals seen, the answer's status,
// headers and body.
import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import { EdgeRuntime } from 'edge-runtime';

const [modulePath, callPath] = process.argv.slice(2);
const call = JSON.parse(readFileSync(callPath, 'utf8'));
const runtime = new EdgeRuntime();
const globals = runtime.evaluate(
  `({ require: typeof require, process: typeof process, Buffer: typeof Buffer, fetch: typeof fetch, Request: typeof Request })`,
);

const say = (result) => process.stdout.write(`${JSON.stringify(result)}\n`);

let namespace;
try {
  const module = new vm.SourceTextModule(readFileSync(modulePath, 'utf8'), { context: runtime.context, identifier: modulePath });
  await module.link((specifier) => {
    throw new Error(`the edge runtime has no module "${specifier}"`);
  });
  await module.evaluate();
  namespace = module.namespace;
} catch (error) {
  say({ loaded: false, globals: { ...globals }, error: String(error?.stack ?? error) });
  process.exit(0);
}

const make = namespace[call.export];
const handler = make(call.options);
const { url, ...init } = call.request;
const response = await handler(new runtime.context.Request(url, init));
say({
  loaded: true,
  globals: { ...globals },
  status: response.status,
  headers: Object.fromEntries(response.headers),
  body: await response.text(),
});
// The memory rate limiter's timers, set in the edge context, cannot be unref'd there: they would hold this process.
process.exit(0);
