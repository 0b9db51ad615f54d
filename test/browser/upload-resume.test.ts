// UploadSession with a resume record, against a private emulator: an upload stopped as a page unload stops it goes
// on in a new session into the same video, and every answer api.video may give a resumed upload is met.
import { expect } from '@open-wc/testing';
import type { UploadProgressEvent } from '../../src/events/index.js';
import { ResumeStore, ResumeTracker, type UploadSessionOptions } from '../../src/upload/index.js';
import { fingerprintOf, partDigest } from '../../src/upload/fingerprint.js';
import { recordKey, type ResumeRecord } from '../../src/upload/resume-record.js';
import type { EmulatorVideoReport } from '../../src/server/emulator/control.js';
import { RecordedSession, eventually, freshNamespace, holdPart, sendsByPart, sha256, untilLogged, useLane, videoFile } from './support.js';

/**
 * Bytes per part: the emulator is told to take parts this small. Larger than the fingerprint's 64 KiB at each end, so
 * a part can differ where the fingerprint does not look.
 */
const PART = 256 * 1024;
/** 8 parts, the last one smaller. */
const EIGHT_PARTS = 7 * PART + 1234;

describe('UploadSession resumed from its record', () => {
  const lane = useLane();
  let store: ResumeStore;
  beforeEach(async () => {
    await lane.reset();
    await lane.smallParts(PART);
    store = new ResumeStore({ namespace: freshNamespace('session') });
  });

  /** Every video the lane's emulator holds. */
  const allVideos = () => lane.emulator<EmulatorVideoReport[]>('GET', '/videos');

  const session = (file: File, extra: Partial<UploadSessionOptions> = {}, tracker = new ResumeTracker(store)) =>
    new RecordedSession({ file, chunkSize: PART, minChunkSize: PART, apiHost: lane.emulatorUrl, tokens: { url: lane.tokenUrl }, resume: tracker, ...extra });

  /**
   * Uploads `file` until part `part` is on its way (held by the emulator), then stops the session the way a page
   * that is leaving does: the record is kept. Returns the video and the record left behind.
   */
  async function interruptedAt(file: File, part: number): Promise<{ videoId: string; record: ResumeRecord }> {
    await holdPart(lane, part);
    const tracker = new ResumeTracker(store);
    const first = session(file, {}, tracker);
    void first.session.start();
    await untilLogged(lane, part);
    tracker.keep();
    first.session.cancel();
    const videoId = first.session.videoId!;
    const [record] = await store.list(lane.emulatorUrl);
    return { videoId, record };
  }

  it('continues at the first part not acknowledged, into the same video: parts 1–4 are never sent again', async () => {
    const file = videoFile(EIGHT_PARTS, 'eight.mp4');
    const { videoId, record } = await interruptedAt(file, 5);
    expect(record).to.include({ videoId, chunkSize: PART, parts: 8, apiHost: lane.emulatorUrl });
    expect(record.acknowledged).to.deep.equal([1, 2, 3, 4]);
    const before = (await lane.requestLog()).length;

    const second = session(file);
    await second.session.start();

    expect(second.session.state).to.equal('success');
    expect(second.of('upload-start')).to.deep.equal([{ totalBytes: file.size, chunkSize: PART, parts: 8, resumed: true, firstPart: 5 }]);
    // The bar starts where the record left it, not at 0.
    expect(second.of('upload-progress')[0]).to.include({ uploadedBytes: 4 * PART, part: 5 });
    expect(second.of('upload-part').map((p) => [p.part, p.videoId])).to.deep.equal([5, 6, 7, 8].map((p) => [p, videoId]));
    const after = (await lane.requestLog()).slice(before);
    expect(sendsByPart(after)).to.deep.equal({ 5: 1, 6: 1, 7: 1, 8: 1 });
    expect(after.every((entry) => entry.videoId === videoId)).to.equal(true);
    expect(await allVideos()).to.have.length(1);
    const stored = await lane.storedVideo(videoId);
    expect(stored.sha256).to.equal(await sha256(file));
    // Success removes the record.
    expect(await store.list()).to.deep.equal([]);
  });

  it('counts a part the server already has as acknowledged (its answer was lost before the record said so)', async () => {
    const file = videoFile(EIGHT_PARTS, 'lost-answer.mp4');
    const { videoId, record } = await interruptedAt(file, 6);
    expect(record.acknowledged).to.deep.equal([1, 2, 3, 4, 5]);
    // The record as a crash right after part 5's answer would leave it.
    await store.save({ ...record, acknowledged: [1, 2, 3, 4] });
    const before = (await lane.requestLog()).length;

    const second = session(file);
    await second.session.start();

    expect(second.session.state).to.equal('success');
    expect(second.of('upload-start')[0]).to.include({ resumed: true, firstPart: 5 });
    const after = (await lane.requestLog()).slice(before);
    expect(after.map((entry) => [entry.part, entry.status])).to.deep.equal([[5, 400], [6, 201], [7, 201], [8, 201]]);
    expect(second.of('upload-error')).to.deep.equal([]);
    expect((await lane.storedVideo(videoId)).sha256).to.equal(await sha256(file));
  });

  it('ends in success when the server says the video is complete, sending no part after the one that told it', async () => {
    const file = videoFile(EIGHT_PARTS, 'complete.mp4');
    const { videoId, record } = await interruptedAt(file, 5);
    // The rest of the parts reach the video some other way (another tab finished it): the record still says 1–4.
    const other = new RecordedSession({ file, chunkSize: PART, minChunkSize: PART, apiHost: lane.emulatorUrl, tokens: { url: lane.tokenUrl }, videoId });
    await other.session.start();
    expect(other.session.state).to.equal('success');
    expect((await store.list())[0].acknowledged).to.deep.equal(record.acknowledged);
    const before = (await lane.requestLog()).length;

    const second = session(file);
    await second.session.start();

    expect(second.session.state).to.equal('success');
    expect(second.of('upload-success')[0].video.videoId).to.equal(videoId);
    expect((await lane.requestLog()).slice(before).map((entry) => [entry.part, entry.status])).to.deep.equal([[5, 400]]);
    expect(await store.list()).to.deep.equal([]);
  });

  it('starts over in a new video when the earlier one was deleted, and says why', async () => {
    const file = videoFile(EIGHT_PARTS, 'deleted.mp4');
    const { videoId } = await interruptedAt(file, 5);
    await lane.deleteVideo(videoId);

    const second = session(file);
    await second.session.start();

    expect(second.session.state).to.equal('success');
    expect(second.of('upload-start').map(({ resumed, firstPart, notResumed }) => ({ resumed, firstPart, notResumed }))).to.deep.equal([
      { resumed: true, firstPart: 5, notResumed: undefined },
      { resumed: false, firstPart: 1, notResumed: 'video-not-found' },
    ]);
    expect(second.of('upload-error')).to.deep.equal([]);
    // The bar went back to 0 once, for the new upload, right after it said so.
    const kinds = second.events.map((e) => (e.type === 'upload-progress' ? `${e.type} ${(e as UploadProgressEvent).detail.uploadedBytes}` : e.type));
    const restart = kinds.lastIndexOf('upload-start');
    expect(kinds[restart + 1]).to.equal('upload-progress 0');
    const [{ video }] = second.of('upload-success');
    expect(video.videoId).to.not.equal(videoId);
    const videos = await allVideos();
    expect(videos.map((v) => v.videoId)).to.deep.equal([video.videoId]);
    expect(videos[0].sha256).to.equal(await sha256(file));
    expect(await store.list()).to.deep.equal([]);
  });

  it('starts over when the part size changed, and says why', async () => {
    const file = videoFile(EIGHT_PARTS, 'resized.mp4');
    const { videoId } = await interruptedAt(file, 3);

    const second = session(file, { chunkSize: PART + PART / 4 });
    await second.session.start();

    expect(second.of('upload-start')[0]).to.include({ resumed: false, firstPart: 1, notResumed: 'part-size-changed' });
    const [{ video }] = second.of('upload-success');
    expect(video.videoId).to.not.equal(videoId);
    expect((await lane.storedVideo(video.videoId)).sha256).to.equal(await sha256(file));
  });

  it('does not take a different file of the same name, size, type and date for the first one', async () => {
    const lastModified = Date.UTC(2024, 0, 1);
    const original = new File([videoFile(EIGHT_PARTS, 'x', 1)], 'holiday.mp4', { type: 'video/mp4', lastModified });
    const lookalike = new File([videoFile(EIGHT_PARTS, 'x', 2)], 'holiday.mp4', { type: 'video/mp4', lastModified });
    const { videoId } = await interruptedAt(original, 5);

    const second = session(lookalike);
    await second.session.start();

    expect(second.of('upload-start')[0]).to.include({ resumed: false, firstPart: 1 });
    expect(second.of('upload-start')[0].notResumed).to.equal(undefined);
    const [{ video }] = second.of('upload-success');
    expect(video.videoId).to.not.equal(videoId);
    expect((await lane.storedVideo(video.videoId)).sha256).to.equal(await sha256(lookalike));
    // The original's record is still there, for the original.
    const left = await store.list();
    expect(left.map((r) => r.videoId)).to.deep.equal([videoId]);
  });

  it('does not continue with a file that shares name, size, type, date and both ends but differs inside a part', async () => {
    // An edit in place: the same metadata, the same first and last 64 KiB, other bytes inside parts 2 and 7.
    const lastModified = Date.UTC(2024, 0, 1);
    const bytes = new Uint8Array(await videoFile(EIGHT_PARTS, 'x', 3).arrayBuffer());
    const original = new File([bytes], 'edited.mp4', { type: 'video/mp4', lastModified });
    const edited = bytes.slice();
    edited[PART + 1000] ^= 0xff;
    edited[6 * PART + 77] ^= 0xff;
    const lookalike = new File([edited], 'edited.mp4', { type: 'video/mp4', lastModified });
    const { videoId } = await interruptedAt(original, 5);
    const held = await lane.storedVideo(videoId);

    const second = session(lookalike);
    await second.session.start();

    expect(second.of('upload-start')).to.deep.equal([
      { totalBytes: lookalike.size, chunkSize: PART, parts: 8, resumed: false, firstPart: 1, notResumed: 'file-changed' },
    ]);
    const [{ video }] = second.of('upload-success');
    expect(video.videoId).to.not.equal(videoId);
    expect((await lane.storedVideo(video.videoId)).sha256).to.equal(await sha256(lookalike));
    // The first file's video got nothing of the second: no part beyond those it held, but for part 5, the first's own
    // request stopped in flight, which the emulator may still store once it reads the held body (seconds later, on a
    // busy machine after the second upload). Both files have one record key: the second's record took the first's
    // place once its own part 1 was held, and went with its success.
    const first = await lane.storedVideo(videoId);
    const since = first.receivedParts.filter((p) => !held.receivedParts.includes(p));
    expect(since.length === 0 || String(since) === '5', `parts the first video got since: ${since}`).to.equal(true);
    expect(first.complete).to.equal(false);
    expect(await store.list()).to.deep.equal([]);
  });

  it('does not trust a record edited to claim parts the server does not hold: the file goes whole into a new video', async () => {
    const file = videoFile(EIGHT_PARTS, 'claimed.mp4');
    const { videoId, record } = await interruptedAt(file, 5);
    // Parts 5 to 7 claimed, with their true digests: only the seal can tell.
    const digests = { ...record.digests };
    for (const part of [5, 6, 7]) digests[part] = await partDigest(file, (part - 1) * PART, part * PART);
    await editStoredRecord(record.key, { acknowledged: [1, 2, 3, 4, 5, 6, 7], digests });

    const second = session(file);
    await second.session.start();

    expect(second.session.state).to.equal('success');
    expect(second.of('upload-start')[0]).to.include({ resumed: false, firstPart: 1 });
    const [{ video }] = second.of('upload-success');
    expect(video.videoId).to.not.equal(videoId);
    const stored = await lane.storedVideo(video.videoId);
    expect(stored.complete).to.equal(true);
    expect(stored.sha256).to.equal(await sha256(file));
  });

  it("does not trust a record edited to name another video: that video is left as it was", async () => {
    const other = videoFile(EIGHT_PARTS, 'other.mp4', 9);
    const { videoId: otherVideo } = await interruptedAt(other, 3);
    const file = videoFile(EIGHT_PARTS, 'mine.mp4', 10);
    const { record } = await interruptedAt(file, 5);
    await editStoredRecord(record.key, { videoId: otherVideo });
    // The other video's part 3, held by the emulator when its upload stopped, may still land after this (its bytes
    // had arrived): what counts is that nothing of this upload goes into that video.
    const since = (await lane.requestLog()).length;

    const second = session(file);
    await second.session.start();

    expect(second.of('upload-start')[0]).to.include({ resumed: false, firstPart: 1 });
    const [{ video }] = second.of('upload-success');
    expect(video.videoId).to.not.equal(otherVideo);
    expect((await lane.storedVideo(video.videoId)).sha256).to.equal(await sha256(file));
    const log = await lane.requestLog();
    expect(log.slice(since).length, 'the second upload was logged').to.be.greaterThan(0);
    expect(log.slice(since).filter((entry) => entry.videoId === otherVideo)).to.deep.equal([]);
    expect((await lane.storedVideo(otherVideo)).complete).to.equal(false);
  });

  it('with a video made first by the backend (videoId from the token source), resumes into the video it began', async () => {
    /** A site's backend that makes a video with its API key for every token it hands out. */
    const made: string[] = [];
    const backend = async () => {
      const videoId = await lane.createVideo('Made by the backend');
      made.push(videoId);
      return { token: await lane.createToken(3600), videoId };
    };
    const file = videoFile(EIGHT_PARTS, 'backend.mp4');
    await holdPart(lane, 4);
    const tracker = new ResumeTracker(store);
    const first = session(file, { tokens: { provider: backend } }, tracker);
    void first.session.start();
    await untilLogged(lane, 4);
    tracker.keep();
    first.session.cancel();
    expect((await store.list())[0]).to.include({ videoId: made[0] });

    const second = session(file, { tokens: { provider: backend } });
    await second.session.start();

    // The fresh token came with another new video; the upload went on in the one it began.
    expect(made).to.have.length(2);
    expect(second.of('upload-start')[0]).to.include({ resumed: true, firstPart: 4 });
    expect(second.of('upload-success')[0].video.videoId).to.equal(made[0]);
    expect((await lane.storedVideo(made[0])).sha256).to.equal(await sha256(file));
    expect((await lane.storedVideo(made[1])).receivedParts).to.deep.equal([]);
  });

  it('writes the record once part 1 is acknowledged and before part 2 is sent, and never the token', async () => {
    const order: string[] = [];
    const save = store.save.bind(store);
    store.save = async (record) => {
      order.push(`save ${record.acknowledged.join(',')}`);
      return save(record);
    };
    const send = XMLHttpRequest.prototype.send;
    XMLHttpRequest.prototype.send = function (this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
      if (body instanceof FormData) order.push('send part');
      return send.call(this, body);
    };
    const file = videoFile(2 * PART + PART / 2, 'ordered.mp4');
    // Part 2 stays on the wire until part 1's record has been read: a part this small would be stored meanwhile.
    const hold = await lane.hold(2, 'ordered');
    const run = session(file);
    try {
      const settled = run.session.start();
      await run.until(() => run.of('upload-part').length === 1);
      // Written once part 1's digest is in hand (taken while it was on its way), before part 2 goes (the order below).
      const record = await eventually(async () => (await store.list())[0], 'the record of part 1');
      expect(record.acknowledged).to.deep.equal([1]);
      expect(Object.keys(record.digests)).to.deep.equal(['1']);
      await lane.release(hold);
      await settled;
      const written = JSON.stringify(record);
      const tokens = (await lane.requestLog()).map((entry) => entry.token);
      expect(tokens).to.have.length(3);
      expect(tokens.filter((token) => !token || written.includes(token))).to.deep.equal([]);
      expect(Object.keys(record).filter((name) => /token/i.test(name))).to.deep.equal([]);
    } finally {
      XMLHttpRequest.prototype.send = send;
    }
    expect(order).to.deep.equal(['send part', 'save 1', 'send part', 'save 1,2', 'send part', 'save 1,2,3']);
  });

  it('ignores and removes a record older than its maximum age', async () => {
    const file = videoFile(EIGHT_PARTS, 'old.mp4');
    const { record } = await interruptedAt(file, 5);
    const later = new ResumeStore({ namespace: store.namespace, now: () => Date.now() + 7 * 24 * 3600 * 1000 + 1000 });
    expect(await later.find(lane.emulatorUrl, record.fingerprint)).to.equal(undefined);
    expect(await store.list()).to.deep.equal([]);
    expect(record.key).to.equal(recordKey(store.namespace, lane.emulatorUrl, await fingerprintOf(file)));
  });
});

/** Changes a stored record as an edit in the browser's tools would: straight in IndexedDB, its seal left as it was. */
async function editStoredRecord(key: string, change: Partial<ResumeRecord>): Promise<void> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const opening = indexedDB.open('apivideo-uploader');
    opening.onsuccess = () => resolve(opening.result);
    opening.onerror = () => reject(opening.error);
  });
  try {
    await new Promise<void>((resolve, reject) => {
      const transaction = db.transaction('resumable-uploads', 'readwrite');
      const store = transaction.objectStore('resumable-uploads');
      const read = store.get(key);
      read.onsuccess = () => {
        expect(read.result, 'the record to edit').to.not.equal(undefined);
        store.put({ ...read.result, ...change });
      };
      transaction.oncomplete = () => resolve();
      transaction.onerror = () => reject(transaction.error);
    });
  } finally {
    db.close();
  }
}
