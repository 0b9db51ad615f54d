// The emulator as a long, thin network: each connection's upload held to its rate, all of them to the total, and
// latency before the first byte and the answer. A throttle can only make a transfer slower than its rate allows, so
// each check is a lower bound on the time taken (a busy machine only makes it slower), never an upper one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../../src/server/emulator/index.js';
import { bytesOf, startEmulator, type Client, MiB } from './support.js';

describe('emulator network shaping', () => {
  let emulator: Emulator;
  let client: Client;
  beforeAll(async () => {
    ({ emulator, client } = await startEmulator({ connectionBytesPerSecond: 2 * MiB }));
  });
  afterAll(() => emulator.close());

  const timed = async (work: () => Promise<unknown>) => {
    const started = performance.now();
    await work();
    return performance.now() - started;
  };
  // A bucket lets a twentieth of a second through at once: the rest of the bytes wait their turn.
  const atLeastMs = (bytes: number, bytesPerSecond: number) => ((bytes - bytesPerSecond / 20) / bytesPerSecond) * 1000;

  it('holds one connection to --connection-bytes-per-second, from the start and through /__emulator/config', async () => {
    const token = await client.newToken();
    const size = 3 * MiB;
    const first = await timed(async () => expect((await client.upload(token, bytesOf(size))).status).toBe(201));
    expect(first).toBeGreaterThanOrEqual(atLeastMs(size, 2 * MiB));

    expect(await client.control('POST', '/config', { connectionBytesPerSecond: 1 * MiB })).toMatchObject({ connectionBytesPerSecond: MiB });
    const slower = await timed(() => client.upload(token, bytesOf(2 * MiB)));
    expect(slower).toBeGreaterThanOrEqual(atLeastMs(2 * MiB, MiB));
  });

  it('shares --total-bytes-per-second between connections', async () => {
    await client.control('POST', '/config', { connectionBytesPerSecond: 0, totalBytesPerSecond: 2 * MiB });
    const token = await client.newToken();
    const size = 2 * MiB;
    const both = await timed(() => Promise.all([client.upload(token, bytesOf(size)), client.upload(token, bytesOf(size))]));
    expect(both).toBeGreaterThanOrEqual(atLeastMs(2 * size, 2 * MiB));
  });

  it('adds latency before the first byte is read and before the answer', async () => {
    await client.control('POST', '/config', { totalBytesPerSecond: 0, latencyMs: 400 });
    const token = await client.newToken();
    const took = await timed(() => client.upload(token, bytesOf(1024)));
    expect(took).toBeGreaterThanOrEqual(800);
    await client.control('POST', '/config', { latencyMs: 0 });
  });

  it('refuses a shaping setting that is not a whole number, 0 or more, and keeps the others', async () => {
    const reply = await client.send('POST', '/__emulator/config', { body: { latencyMs: 50, totalBytesPerSecond: -1 }, auth: null });
    expect(reply.status).toBe(400);
    expect(reply.text).toContain('totalBytesPerSecond must be an integer, 0 or more.');
    expect(await client.control('GET', '/config')).toMatchObject({ latencyMs: 0, totalBytesPerSecond: 0 });
  });
});
