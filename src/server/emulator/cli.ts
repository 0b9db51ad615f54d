#!/usr/bin/env node
// `apivideo-emulator`: runs the api.video emulator until Ctrl-C.
import { parseArgs } from 'node:util';
import { createEmulator } from './index.js';

const USAGE = `Usage: apivideo-emulator [--port 8787] [--host 127.0.0.1] [--api-key KEY]... [--data-dir DIR] [--strict-token-expiry]
       [--latency-ms N] [--connection-bytes-per-second N] [--total-bytes-per-second N]`;

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      port: { type: 'string', default: '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      'api-key': { type: 'string', multiple: true },
      'data-dir': { type: 'string' },
      'strict-token-expiry': { type: 'boolean', default: false },
      'latency-ms': { type: 'string' },
      'connection-bytes-per-second': { type: 'string' },
      'total-bytes-per-second': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  }));
} catch (err) {
  fail((err as Error).message);
}

if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
if (!/^\d{1,5}$/.test(values.port) || Number(values.port) > 65535) fail(`--port must be a number from 0 to 65535, not "${values.port}".`);

if (values['api-key']?.some((key) => !key.trim())) fail('--api-key needs a non-empty key.');

/** A network-shaping flag's value: a whole number, 0 or more; absent means off. */
function shaping(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) fail(`--${flag} must be a whole number, 0 or more, not "${value}".`);
  return Number(value);
}

const emulator = createEmulator({
  latencyMs: shaping('latency-ms', values['latency-ms']),
  connectionBytesPerSecond: shaping('connection-bytes-per-second', values['connection-bytes-per-second']),
  totalBytesPerSecond: shaping('total-bytes-per-second', values['total-bytes-per-second']),
  apiKeys: values['api-key'],
  dataDir: values['data-dir'],
  strictTokenExpiry: values['strict-token-expiry'],
});

// Stopped cleanly from the ready line on: a signal sent as soon as the line is read must find the handlers there.
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  emulator.close().then(() => process.exit(0), () => process.exit(1));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

try {
  const url = await emulator.listen(Number(values.port), values.host);
  process.stdout.write(`api.video emulator listening on ${url}\n`);
} catch (err) {
  const code = (err as NodeJS.ErrnoException).code;
  fail(code === 'EADDRINUSE' ? `Port ${values.port} is already in use.` : `Could not listen: ${(err as Error).message}`);
}
