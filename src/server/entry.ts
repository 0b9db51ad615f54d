// "apivideo-uploader-element/server" as built (dist/server.js): the token handler, both front doors. It loads with
// web globals only (edge runtimes: Workers, Vercel Edge, Deno): nothing on its path imports a `node:` module, busboy
// or the official Node client. Its one dependency is checked before the handler loads, so that a site without it is
// told what to install. The types are ./index.ts's.
import { requirePeers } from './peers.js';

await requirePeers('apivideo-uploader-element/server', {
  'rate-limiter-flexible': () => import('rate-limiter-flexible/lib/RateLimiterMemory.js'),
});
const server = await import('./index.js');

export const { createUploadTokenFetchHandler, createUploadTokenHandler } = server;
