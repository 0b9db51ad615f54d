// Where parts' digests are taken (PartDigests): in a worker when one starts, on the main thread otherwise, always the
// same `partDigest`. The worker here is scripted (Node has no module worker of the web's kind); the real one is tested
// in each browser engine (test/browser/upload-digests.test.ts).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { partDigest } from '../../src/upload/fingerprint.js';
import { PartDigests, type DigestAnswer, type DigestRequest } from '../../src/upload/part-digests.js';

type Behaviour = 'works' | 'silent' | 'unreadable';

/** A worker as the page sees one: it says it runs (unless silent), then answers each request with `partDigest`. */
class ScriptedWorker extends EventTarget {
  readonly asked: DigestRequest[] = [];
  terminated = false;

  constructor(readonly behaviour: Behaviour) {
    super();
    if (behaviour !== 'silent') queueMicrotask(() => this.say({ ready: true }));
  }

  postMessage(request: DigestRequest): void {
    this.asked.push(request);
    if (this.behaviour === 'works') void partDigest(request.blob, request.start, request.end).then((digest) => this.say({ id: request.id, digest }));
    if (this.behaviour === 'unreadable') queueMicrotask(() => this.say({ id: request.id, error: { name: 'NotReadableError', message: 'The file is gone.' } }));
  }

  terminate(): void {
    this.terminated = true;
  }

  /** The script did not load, or a policy refused it, as the page hears of it. */
  fail(): void {
    this.dispatchEvent(new Event('error', { cancelable: true }));
  }

  say(answer: DigestAnswer): void {
    this.dispatchEvent(Object.assign(new Event('message'), { data: answer }));
  }
}

function scripted(behaviour: Behaviour): { started: ScriptedWorker[]; digests: (options?: { startWaitMs?: number; idleMs?: number }) => PartDigests } {
  const started: ScriptedWorker[] = [];
  const startWorker = () => {
    const worker = new ScriptedWorker(behaviour);
    started.push(worker);
    return worker as unknown as Worker;
  };
  return { started, digests: (options = {}) => new PartDigests({ startWorker, ...options }) };
}

const blob = new Blob([Uint8Array.from({ length: 3000 }, (_, i) => (i * 7) % 256)]);
const parts = [
  [0, 1000],
  [1000, 2000],
  [2000, 3000],
] as const;
const onMainThread = () => Promise.all(parts.map(([start, end]) => partDigest(blob, start, end)));
const all = (digests: PartDigests) => Promise.all(parts.map(([start, end]) => digests.digest(blob, start, end)));

afterEach(() => {
  vi.useRealTimers();
});

describe('PartDigests', () => {
  it('takes each digest in the worker, once it says it runs, the same as the main thread takes it', async () => {
    const { started, digests } = scripted('works');
    const page = digests();
    const taken = await all(page);
    expect(taken).toEqual(await onMainThread());
    expect(taken[0]).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(started).toHaveLength(1);
    expect(started[0]!.asked.map(({ start, end }) => [start, end])).toEqual(parts);
    expect(page.taken).toEqual({ worker: 3, mainThread: 0 });
    expect(page.inWorker).toBe(true);
  });

  it('takes them on the main thread where there is no worker to start', async () => {
    const page = new PartDigests({ startWorker: null });
    expect(await all(page)).toEqual(await onMainThread());
    expect(page.taken).toEqual({ worker: 0, mainThread: 3 });
  });

  it('takes them on the main thread, for good, when starting a worker throws (a policy that forbids it)', async () => {
    let tries = 0;
    const page = new PartDigests({
      startWorker: () => {
        tries++;
        throw new DOMException('Refused by the Content Security Policy.', 'SecurityError');
      },
    });
    expect(await all(page)).toEqual(await onMainThread());
    expect(await page.digest(blob, 0, 1000)).toBe((await onMainThread())[0]);
    expect(tries).toBe(1);
    expect(page.taken).toEqual({ worker: 0, mainThread: 4 });
  });

  it('takes what the worker was asked on the main thread when its script fails, and every digest after', async () => {
    const { started, digests } = scripted('silent');
    const page = digests();
    const asked = all(page);
    started[0]!.fail();
    expect(await asked).toEqual(await onMainThread());
    expect(started[0]!.terminated).toBe(true);
    expect(await page.digest(blob, 1000, 2000)).toBe((await onMainThread())[1]);
    expect(started).toHaveLength(1);
    expect(page.taken).toEqual({ worker: 0, mainThread: 4 });
    expect(page.inWorker).toBe(false);
  });

  it('gives up a worker that never says it runs, and takes its digests on the main thread', async () => {
    vi.useFakeTimers();
    const { started, digests } = scripted('silent');
    const page = digests({ startWaitMs: 5_000 });
    const asked = all(page);
    await vi.advanceTimersByTimeAsync(4_999);
    expect(page.taken.mainThread).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    vi.useRealTimers();
    expect(await asked).toEqual(await onMainThread());
    expect(started[0]!.terminated).toBe(true);
  });

  it('rejects a digest the worker could not read the bytes for, as the main thread would, and keeps the worker', async () => {
    const { started, digests } = scripted('unreadable');
    const page = digests();
    await expect(page.digest(blob, 0, 1000)).rejects.toMatchObject({ name: 'NotReadableError' });
    expect(page.taken).toEqual({ worker: 0, mainThread: 0 });
    expect(started[0]!.terminated).toBe(false);
  });

  it('lets an idle worker go, and starts another for the next digest', async () => {
    vi.useFakeTimers();
    const { started, digests } = scripted('works');
    const page = digests({ idleMs: 30_000 });
    await page.digest(blob, 0, 1000);
    await vi.advanceTimersByTimeAsync(29_999);
    expect(started[0]!.terminated).toBe(false);
    const next = page.digest(blob, 1000, 2000);
    await next;
    await vi.advanceTimersByTimeAsync(29_999);
    expect(started[0]!.terminated).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(started[0]!.terminated).toBe(true);
    expect(await page.digest(blob, 2000, 3000)).toBe((await onMainThread())[2]);
    expect(started).toHaveLength(2);
    expect(page.taken).toEqual({ worker: 3, mainThread: 0 });
  });
});
