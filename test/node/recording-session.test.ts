// A recording's upload in Node: the one UploadSession over a recording's parts (src/record/recording-parts.ts), on a
// scripted api.video behind the part sender seam, with fake time. What a real recorder and the real sender do is in
// the browser suite (test/browser/record-*.test.ts, in every engine).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { UploaderEvent, UploadProgressDetail, UploadStartDetail } from '../../src/events/index.js';
import { RecordingParts } from '../../src/record/recording-parts.js';
import { RateGate } from '../../src/upload/rate-gate.js';
import { UploadSession } from '../../src/upload/session.js';
import { ScriptedApiVideo, blobDigest, digestOf } from './scripted-api-video.js';

const PART = 1000;

function chunk(size: number, seed: number): Blob {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 7 + seed) & 0xff;
  return new Blob([bytes]);
}


describe('a recording through UploadSession, on scripted answers', () => {
  let api: ScriptedApiVideo;
  let events: UploaderEvent[];
  beforeEach(() => {
    api = new ScriptedApiVideo();
    events = [];
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => vi.useRealTimers());

  const of = <T>(type: string) => events.filter((e) => e.type === type).map((e) => (e as UploaderEvent & { detail: T }).detail);

  function recording(): { parts: RecordingParts; session: UploadSession; settled: Promise<void> } {
    const parts = new RecordingParts(new File([], 'camera.webm', { type: 'video/webm' }), { partSize: PART });
    const session = new UploadSession(
      {
        file: parts.file,
        source: parts,
        apiHost: 'http://scripted.invalid',
        tokens: { staticToken: 'to-scripted' },
        sender: api.sender,
        rateGate: new RateGate(),
        stallTimeoutMs: 0,
        playableTimeoutMs: 0,
      },
      (event) => events.push(event),
    );
    return { parts, session, settled: session.start() };
  }

  /** Lets the session act on what it has, moving fake time on. */
  const settle = async (ms = 0) => {
    for (let i = 0; i < 5; i++) await vi.advanceTimersByTimeAsync(ms / 5);
  };

  it('sends each part once it is cut, part k/* in order, then the rest as part N/N; the video holds every byte', async () => {
    const { parts, session, settled } = recording();
    const chunks = [chunk(600, 1), chunk(600, 2), chunk(600, 3), chunk(450, 4)];
    await settle();
    expect(session.state, 'no part yet: the upload has not started').toBe('preparing');
    expect(of('upload-start')).toEqual([]);

    parts.push(chunks[0]);
    parts.push(chunks[1]);
    await settle();
    // 1200 bytes: part 1 is cut (more bytes exist after it), and goes at once.
    expect(api.log.map((s) => [s.part, s.total])).toEqual([[1, '*']]);
    expect(of<UploadStartDetail>('upload-start')).toEqual([expect.objectContaining({ totalBytes: 1200, parts: 0, chunkSize: PART, firstPart: 1 })]);
    expect(session.state).toBe('uploading');

    parts.push(chunks[2]);
    parts.push(chunks[3]);
    await settle();
    expect(api.log.map((s) => [s.part, s.total])).toEqual([[1, '*'], [2, '*']]);
    expect(parts.unacknowledgedBytes, 'part 3 is not cut before the recording stops').toBe(250);

    parts.finish();
    await settled;
    expect(api.log.map((s) => [s.part, s.total])).toEqual([[1, '*'], [2, '*'], [3, 3]]);
    expect(session.state).toBe('success');
    expect(parts.unacknowledgedBytes).toBe(0);
    expect(parts.bytesInMemory).toBe(0);
    expect(digestOf(api.bytesOf(session.videoId!))).toBe(await blobDigest(new Blob(chunks)));
    expect(session.snapshot()).toMatchObject({ state: 'success', videoId: session.videoId, video: { videoId: session.videoId } });

    const percents = of<UploadProgressDetail>('upload-progress').map((p) => p.percent);
    expect(percents.filter((p) => p === 100)).toHaveLength(1);
    expect(percents.at(-1)).toBe(100);
    expect(percents.every((p, i) => i === 0 || p >= percents[i - 1]), `never backwards: ${percents}`).toBe(true);
    const whileRecording = of<UploadProgressDetail>('upload-progress').filter((p) => p.parts === 0);
    expect(whileRecording.length).toBeGreaterThan(0);
    expect(whileRecording.every((p) => p.etaSeconds === null), 'no time left while the total grows').toBe(true);
  });

  it('waits out an outage for as long as it lasts: 503s and a lost answer, then on; never an upload-error', async () => {
    const { parts, session, settled } = recording();
    api.fault({ part: 1, status: 503, times: 12 });
    api.fault({ part: 2, dropAnswer: true });
    parts.push(chunk(2500, 9));
    await settle(1000);
    expect(session.snapshot().retrying, 'the view says the part waits').toMatchObject({ part: 1, cause: 'server' });
    parts.finish();
    for (let i = 0; i < 40 && session.state !== 'success'; i++) await settle(20_000);
    await settled;

    expect(session.state).toBe('success');
    expect(of('upload-error')).toEqual([]);
    expect(of('upload-retry').length).toBeGreaterThan(12);
    expect(session.snapshot().retrying, 'cleared once stored').toBeUndefined();
    expect(api.log.filter((s) => s.part === 2).map((s) => s.status)).toEqual([0, 400]);
    expect(digestOf(api.bytesOf(session.videoId!))).toBe(await blobDigest(chunk(2500, 9)));
  });

  it('nothing recorded: fails with its own words, and nothing is sent', async () => {
    const { parts, session, settled } = recording();
    parts.finish();
    await settled;
    expect(session.state).toBe('error');
    expect(of('upload-error')).toEqual([expect.objectContaining({ code: 'invalid-file', message: 'Nothing was recorded.', retriable: false })]);
    expect(session.snapshot().error).toMatchObject({ code: 'invalid-file' });
    expect(api.log).toEqual([]);
  });

  it('cancelled while recording: nothing more is sent, upload-cancel, back to idle', async () => {
    const { parts, session, settled } = recording();
    parts.push(chunk(1500, 3));
    await settle();
    session.cancel();
    await settled;
    parts.push(chunk(1500, 4));
    parts.finish();
    await settle(1000);
    expect(session.state).toBe('idle');
    expect(of('upload-cancel')).toHaveLength(1);
    expect(api.log.map((s) => s.part)).toEqual([1]);
  });
});
