import type { IncomingMessage } from 'node:http';
import type { EmulatorState } from './state.js';
import type { Storage } from './storage.js';
import type { NetworkShaper } from './network-shaping.js';

export interface Context {
  state: EmulatorState;
  storage: Storage;
  /** Latency and bandwidth of the uploads' network (off unless configured). */
  network: NetworkShaper;
  /** the base URL links and assets point at, e.g. `http://127.0.0.1:8787` */
  baseUrl(req: IncomingMessage): string;
}
