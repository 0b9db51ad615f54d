// "apivideo-uploader-element/emulator" as built (dist/emulator.js): the local api.video emulator, for Node. busboy
// (its multipart parser) is checked before the emulator loads, so that a site without it is told what to install.
// The types are ./index.ts's.
import { requirePeers } from '../peers.js';

await requirePeers('apivideo-uploader-element/emulator', { busboy: () => import('busboy') });
const emulator = await import('./index.js');

export const { createEmulator, DEFAULT_API_KEY } = emulator;
