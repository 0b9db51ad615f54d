// "apivideo-uploader-element/server" as built (dist/server.js): the server's dependencies are checked before the
// handlers and the emulator load, so a site without them is told what to install. The types are ./index.ts's.
import { requirePeers, serverPeers } from './peers.js';

await requirePeers('apivideo-uploader-element/server', serverPeers);
const server = await import('./index.js');

export const { createEmulator, createUploadTokenFetchHandler, createUploadTokenHandler } = server;
