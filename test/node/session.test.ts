// UploadSession in Node, on a scripted api.video behind the part sender seam: the session's decisions alone, with no
// browser, network or library. The real sender is covered against the emulator in every engine
// (test/browser/upload-engine-contract.test.ts) and end to end by the browser suite.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { UploaderEvent, UploadPartDetail } from '../../src/events/index.js';
import { RateGate } from '../../src/upload/rate-gate.js';
import { UploadSession } from '../../src/upload/session.js';
import type { UploadSessionOptions } from '../../src/upload/types.js';
import { ScriptedApiVideo, blobDigest, digestOf } from './scripted-api-video.js';

const MiB = 1024 * 1024;

function fileOf(parts: number, name = 'clip.mp4'): File {
  const size = (parts - 1) * 5 * MiB + 1234;
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i += 4096) bytes[i] = (i / 4096) & 0xff;
  return new File([bytes], name, { type: 'video/mp4' });
}

describe('UploadSession on scripted answers', () => {
  let api: ScriptedApiVideo;
  let events: UploaderEvent[];
  beforeEach(() => {
    api = new ScriptedApiVideo();
    events = [];
    // Backoffs wait on fake time: a resend never waits for real.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => vi.useRealTimers());

  const session = (file: File, extra: Partial<UploadSessionOptions> = {}) =>
    new UploadSession(
      {
        file,
        chunkSize: 5 * MiB,
        apiHost: 'http://scripted.invalid',
        tokens: { staticToken: 'to-scripted' },
        sender: api.sender,
        rateGate: new RateGate(),
        stallTimeoutMs: 0,
        playableTimeoutMs: 0,
        ...extra,
      },
      (event) => events.push(event),
    );

  /** Runs the session to its end, moving fake time on while it waits. */
  async function run(subject: UploadSession): Promise<void> {
    let done = false;
    void subject.start().then(() => (done = true));
    for (let i = 0; i < 1000 && !done; i++) await vi.advanceTimersByTimeAsync(100);
    expect(done, 'the session settled').toBe(true);
  }

  const of = (type: string) => events.filter((e) => e.type === type).map((e) => (e as UploaderEvent & { detail: unknown }).detail);

  it('sends part 1 alone, then the rest side by side into its video; the video holds the file', async () => {
    const file = fileOf(5);
    const subject = session(file, { parallelParts: 4 });

    await run(subject);

    expect(subject.state).toBe('success');
    expect(api.log[0]).toMatchObject({ part: 1, videoId: undefined });
    expect(api.log.slice(1).every((sent) => sent.videoId === subject.videoId)).toBe(true);
    expect(api.videos.size).toBe(1);
    expect(digestOf(api.bytesOf(subject.videoId!))).toBe(await blobDigest(file));
    expect(of('upload-progress').filter((p) => (p as { percent: number }).percent === 100)).toHaveLength(1);
  });

  it("counts a last part whose answer was lost as held while the others are still on their way", async () => {
    const file = fileOf(5);
    for (const part of [2, 3, 4]) api.fault({ part, hold: true });
    api.fault({ part: 5, dropAnswer: true });
    const subject = session(file, { parallelParts: 4 });
    let done = false;
    void subject.start().then(() => (done = true));
    // Part 5's resend hears "already sent" while parts 2 to 4 are held.
    for (let i = 0; i < 50 && api.log.filter((s) => s.part === 5).length < 2; i++) await vi.advanceTimersByTimeAsync(100);
    await vi.advanceTimersByTimeAsync(0);
    expect(api.log.filter((s) => s.part === 5).map((s) => s.status)).toEqual([0, 400]);
    expect(subject.state).toBe('uploading');
    for (const part of [2, 3, 4]) api.release(part);
    for (let i = 0; i < 50 && !done; i++) await vi.advanceTimersByTimeAsync(100);

    expect(subject.state).toBe('success');
    expect(of('upload-error')).toEqual([]);
    expect(digestOf(api.bytesOf(subject.videoId!))).toBe(await blobDigest(file));
  });

  it('a pause during part 1 and a resume at once make one video: part 1 is sent once', async () => {
    const file = fileOf(3);
    api.fault({ part: 1, hold: true });
    const subject = session(file);
    let done = false;
    void subject.start().then(() => (done = true));
    for (let i = 0; i < 20 && !api.isHeld(1); i++) await vi.advanceTimersByTimeAsync(10);
    subject.pause();
    subject.resume();
    api.release(1);
    for (let i = 0; i < 100 && !done; i++) await vi.advanceTimersByTimeAsync(100);

    expect(subject.state).toBe('success');
    expect(api.log.filter((s) => s.part === 1)).toHaveLength(1);
    expect(api.videos.size).toBe(1);
    expect(digestOf(api.bytesOf(subject.videoId!))).toBe(await blobDigest(file));
  });

  it('a 503 is sent again after its backoff, counted in the attempts its upload-part reports', async () => {
    const file = fileOf(3);
    api.fault({ part: 2, status: 503, times: 2 });
    const subject = session(file);

    await run(subject);

    expect(subject.state).toBe('success');
    expect(of('upload-retry').map((r) => (r as { cause: string; delayMs: number }).delayMs)).toEqual([500, 1000]);
    expect((of('upload-part') as UploadPartDetail[]).map((p) => [p.part, p.attempts])).toEqual([[1, 1], [2, 3], [3, 1]]);
  });

  it('fails a part refused for good, and retry() sends only what the server lacks', async () => {
    const file = fileOf(3);
    api.fault({ part: 2, status: 400 });
    const subject = session(file);

    await run(subject);
    expect(subject.state).toBe('error');
    expect(of('upload-error')).toEqual([expect.objectContaining({ code: 'upload-failed', status: 400, part: 2, retriable: false })]);

    subject.retry();
    for (let i = 0; i < 100 && subject.state !== 'success'; i++) await vi.advanceTimersByTimeAsync(100);
    expect(subject.state).toBe('success');
    expect(api.log.map((s) => [s.part, s.status])).toEqual([[1, 201], [2, 400], [2, 201], [3, 201]]);
  });

  it("keeps the capability that came with the video the token source made, not one a renewal carries", async () => {
    api.makeVideo('viMade');
    const file = fileOf(3);
    const answers = [
      { token: 'to-scripted', videoId: 'viMade', capability: 'v1.cap-for-made', ttl: 3600 },
      { token: 'to-scripted', videoId: 'viMade', capability: 'v1.cap-renewed' },
    ];
    let asked = 0;
    const subject = session(file, { tokens: { provider: () => answers[Math.min(asked++, 1)] } });
    expect(subject.snapshot().editable).toBeUndefined();
    await run(subject);
    expect(subject.snapshot().state).toBe('success');
    expect(subject.snapshot().editable).toEqual({ videoId: 'viMade', capability: 'v1.cap-for-made' });
    expect(api.log.every((sent) => sent.videoId === 'viMade')).toBe(true);
  });

  it('has nothing editable when the token source names no video, whatever capability it sends', async () => {
    const subject = session(fileOf(2), { tokens: { provider: () => ({ token: 'to-scripted', capability: 'v1.orphan' }) } });
    await run(subject);
    expect(subject.snapshot().state).toBe('success');
    expect(subject.snapshot().editable).toBeUndefined();
  });
});
