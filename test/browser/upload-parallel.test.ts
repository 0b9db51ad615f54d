// Parts side by side (`parallelParts`): after part 1 has named the video (or from part 1 when the video is given), the
// others go several at a time, in any order, into one video; token renewal, 429 waits and failures hold with several
// parts in flight.
import { expect } from '@open-wc/testing';
import { RateGate } from '../../src/upload/rate-gate.js';
import type { UploadSessionOptions } from '../../src/upload/index.js';
import type { UploadLogEntry } from '../../src/server/emulator/state.js';
import { libraryPartSender } from '../../src/upload/library-sender.js';
import { RecordedSession, acceptedParts, mostAtOnce, sha256, skippingClock, stored, untilLog, useLane, videoFile } from './support.js';

/** Bytes per part: the emulator is told to take parts this small. */
const PART = 64 * 1024;

describe('UploadSession: parts side by side', () => {
  const lane = useLane();
  beforeEach(async () => {
    await lane.reset();
    await lane.smallParts(PART);
  });

  const file = videoFile(8 * PART + 123, 'eight.mp4');
  const session = (extra: Partial<UploadSessionOptions> = {}) =>
    new RecordedSession({
      file,
      chunkSize: PART,
      minChunkSize: PART,
      apiHost: lane.emulatorUrl,
      tokens: { url: lane.tokenUrl },
      parallelParts: 4,
      rateGate: new RateGate(),
      ...extra,
    });

  it('sends part 1 alone, then the others four at a time, out of order, into one video with the same bytes', async () => {
    // Parts 2 to 5 are held until all four are on the server side by side, however busy the machine; part 2 until
    // the parts after it are stored, so they are answered first.
    await lane.hold(2, 'part-2');
    for (const part of [3, 4, 5]) await lane.hold(part, 'side');
    const run = session();
    const onServer = (log: UploadLogEntry[]) => [2, 3, 4, 5].every((part) => log.some((r) => r.part === part));
    void untilLog(lane, onServer, 'parts 2 to 5 side by side')
      .then(() => lane.release('side'))
      .then(() => untilLog(lane, (log) => [3, 4, 5].every((part) => stored(log, part)), 'parts 3 to 5 stored'))
      .then(() => lane.release('part-2'));

    await run.session.start();

    expect(run.session.state).to.equal('success');
    const log = await lane.requestLog();
    const accepted = acceptedParts(log);
    expect([...accepted].sort((a, b) => a - b)).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(accepted[0]).to.equal(1);
    // Part 1 was answered before any other part was sent.
    expect(log.slice(1).every((r) => r.at >= log[0].answeredAt!)).to.equal(true);
    expect(mostAtOnce(log)).to.equal(4);
    const answeredOrder = [...log].sort((a, b) => a.answeredAt! - b.answeredAt!).map((r) => r.part);
    expect(answeredOrder.indexOf(2)).to.be.greaterThan(answeredOrder.indexOf(3));
    expect(new Set(log.map((r) => r.videoId)).size).to.equal(1);
    expect((await lane.storedVideo(run.session.videoId!)).sha256).to.equal(await sha256(file));
    const progress = run.of('upload-progress').map((p) => p.uploadedBytes);
    expect(progress.every((bytes, i) => i === 0 || bytes >= progress[i - 1])).to.equal(true);
    expect(progress.at(-1)).to.equal(file.size);
  });

  it('sends from part 1 side by side when the video is given', async () => {
    const videoId = await lane.createVideo('Made first');
    for (const part of [1, 2, 3, 4]) await lane.hold(part, 'side');
    const run = session({ videoId });
    void untilLog(lane, (log) => [1, 2, 3, 4].every((part) => log.some((r) => r.part === part)), 'parts 1 to 4 side by side')
      .then(() => lane.release('side'));

    await run.session.start();

    const log = await lane.requestLog();
    expect(mostAtOnce(log)).to.equal(4);
    expect(log.map((r) => r.videoId).every((id) => id === videoId)).to.equal(true);
    expect((await lane.storedVideo(videoId)).sha256).to.equal(await sha256(file));
  });

  it('a token deleted mid-upload costs one token request, and only the parts in flight are sent again', async () => {
    const run = session();
    let deleted = '';
    // Parts 3 and 4 stay on the wire until the token is deleted under them.
    run.until(() => run.of('upload-part').length === 2).then(async () => {
      deleted = (await lane.requestLog())[0].token!;
      await lane.deleteToken(deleted);
      await lane.release('in-flight');
    });
    await lane.hold(3, 'in-flight');
    await lane.hold(4, 'in-flight');

    await run.session.start();

    expect(run.session.state).to.equal('success');
    expect(await lane.tokenRequestCount()).to.equal(2);
    expect(run.of('token-refresh').map((t) => t.reason)).to.deep.equal(['initial', 'rejected']);
    const refused = (await lane.requestLog()).filter((r) => r.status === 401);
    expect(refused.length).to.be.within(1, 4);
    expect(refused.every((r) => r.token === deleted)).to.equal(true);
    expect((await lane.storedVideo(run.session.videoId!)).sha256).to.equal(await sha256(file));
  });

  it('a 429 on one part holds all of them until its wait is over', async () => {
    // The page's own clock says when the gate closed and when each attempt was let through: a server log cannot tell
    // a request sent before the page heard of the 429 from one sent after, on a loaded machine. A clock that moves on
    // at once: the 2 s asked are skipped, not waited, and every time below is read on it.
    const clock = skippingClock();
    class WatchedGate extends RateGate {
      closed: { at: number; until: number } | undefined;
      readonly passedAt: number[] = [];
      override closeFor(ms: number): void {
        const at = clock.now();
        this.closed ??= { at, until: at + ms };
        super.closeFor(ms);
      }
      override async pass(signal: AbortSignal): Promise<void> {
        await super.pass(signal);
        this.passedAt.push(clock.now());
      }
    }
    const gate = new WatchedGate(clock.now, clock.wait);
    await lane.fault({ part: 3, status: 429, headers: { 'X-RateLimit-Retry-After': '2' } });
    await lane.fault({ part: 4, delayMs: 300 });
    // When each request went, on the clock.
    const sentAt: number[] = [];
    const sender = (request: Parameters<typeof libraryPartSender>[0]) => {
      sentAt.push(clock.now());
      return libraryPartSender(request);
    };
    const run = session({ rateGate: gate, now: clock.now, wait: clock.wait, sender });

    await run.session.start();

    expect(run.session.state).to.equal('success');
    const log = await lane.requestLog();
    const { at, until } = gate.closed!;
    expect(until - at).to.equal(2000);
    // Every request went through the gate (the part refused passes once more, at the end of its wait)...
    expect(gate.passedAt.length).to.equal(log.length + 1);
    // ...and none was let through while it was closed: parts already on their way finished, the rest waited.
    expect(gate.passedAt.filter((t) => t > at && t < until)).to.deep.equal([]);
    expect(gate.passedAt.filter((t) => t >= until).length).to.be.greaterThan(1);
    expect(sentAt).to.have.length(log.length);
    expect(sentAt.filter((t) => t >= until).length).to.be.greaterThan(0);
    expect(clock.waits.length).to.be.greaterThan(0);
    expect((await lane.storedVideo(run.session.videoId!)).sha256).to.equal(await sha256(file));
  });

  it('a part refused for good stops the others, and retry() sends only what the server lacks', async () => {
    await lane.fault({ part: 5, status: 400, body: { title: 'Bad part', status: 400 } });
    const run = session();

    await run.session.start();
    expect(run.session.state).to.equal('error');
    expect(run.of('upload-error')[0]).to.deep.include({ code: 'upload-failed', status: 400, part: 5 });
    const before = acceptedParts(await lane.requestLog());

    run.session.retry();
    await run.untilState('success');

    const after = acceptedParts(await lane.requestLog()).slice(before.length);
    expect([...before, ...after].sort((a, b) => a - b)).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect((await lane.storedVideo(run.session.videoId!)).sha256).to.equal(await sha256(file));
  });

  it('pauses with four parts in flight and resumes with the parts the server lacks, into the same video', async () => {
    for (const part of [2, 3, 4, 5]) await lane.fault({ part, delayMs: 1500 });
    const run = session();
    const done = run.session.start();
    await run.until(() => run.of('upload-progress').some((p) => p.part === 5));
    run.session.pause();
    expect(run.session.state).to.equal('paused');
    const beforeResume = acceptedParts(await lane.requestLog());

    run.session.resume();
    await done;

    expect(run.session.state).to.equal('success');
    const all = acceptedParts(await lane.requestLog());
    // Nothing the server held was sent again.
    expect([...all].sort((a, b) => a - b)).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(all.slice(0, beforeResume.length)).to.deep.equal(beforeResume);
    expect(new Set((await lane.requestLog()).filter((r) => r.status === 201).map((r) => r.videoId)).size).to.equal(1);
    expect((await lane.storedVideo(run.session.videoId!)).sha256).to.equal(await sha256(file));
  });

  it('a last part whose answer was lost while the others are on the wire counts as held: the upload succeeds', async () => {
    // Five parts, four side by side: the small last part is answered first, its answer lost after the server stored
    // it, and its resend hears "already sent" while parts 2 to 4 are still on their way.
    const five = videoFile(4 * PART + 123, 'five.mp4');
    for (const part of [2, 3, 4]) await lane.hold(part, 'side');
    await lane.fault({ part: 5, dropAnswer: true });
    const run = session({ file: five });
    // Parts 2 to 4 stay on the wire until part 5's resend has been answered.
    void untilLog(lane, (log) => log.filter((r) => r.part === 5 && r.status === 400).length > 0, 'part 5 sent again')
      .then(() => lane.release('side'));

    await run.session.start();

    expect(run.of('upload-error')).to.deep.equal([]);
    expect(run.session.state).to.equal('success');
    const log = await lane.requestLog();
    const resends = log.filter((r) => r.part === 5);
    expect(resends.map((r) => r.status)).to.deep.equal([0, 400]);
    // The resend was answered while the other parts were still on their way.
    const held = log.filter((r) => r.part! >= 2 && r.part! <= 4).map((r) => r.answeredAt!);
    expect(resends[1].answeredAt!).to.be.lessThan(Math.min(...held));
    expect(run.of('upload-part').map((p) => p.part).sort()).to.deep.equal([1, 2, 3, 4, 5]);
    const stored = await lane.storedVideo(run.session.videoId!);
    expect(stored.complete).to.equal(true);
    expect(stored.sha256).to.equal(await sha256(five));
  });

  it('refuses a parallelParts outside 1..8', () => {
    for (const parallelParts of [0, 9, 2.5]) {
      expect(() => session({ parallelParts }), String(parallelParts)).to.throw(RangeError, /parallel-parts must be a whole number from 1 to 8/);
    }
  });
});
