#!/usr/bin/env node
// `apivideo-tokens` as installed: the api.video client is checked before main.ts loads.
import { requirePeersOrExit } from '../peers.js';

await requirePeersOrExit('apivideo-tokens', { '@api.video/nodejs-client': () => import('@api.video/nodejs-client') });
await import('./main.js');
