#!/usr/bin/env node
// `apivideo-emulator` as installed: busboy (the emulator's multipart parser) is checked before cli.ts loads.
import { requirePeersOrExit } from '../peers.js';

await requirePeersOrExit('apivideo-emulator', { busboy: () => import('busboy') });
await import('./cli.js');
