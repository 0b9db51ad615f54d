// What a recording's parts (src/record/recording-parts.ts, sent by src/upload/engine.ts) rely on in the part sender over @api.video/video-uploader
// (src/upload/library-sender.ts), each checked on the wire: an upgrade that changes one fails here, not in a recording.
import { expect } from '@open-wc/testing';
import { UploadEngine } from '../../src/upload/engine.js';
import { PartError } from '../../src/upload/part-sender.js';
import { useLane, videoFile } from './support.js';

const PART = 64 * 1024;

describe('UploadEngine contract for a recording\'s parts', () => {
  const lane = useLane();
  beforeEach(async () => {
    await lane.reset();
    await lane.emulator('POST', '/config', { minPartBytes: PART });
  });

  it('createFormData + xhrWithRetrier: part k/* while the total is unknown, part N/N last, the videoId once set', async () => {
    const token = await lane.createToken();
    const engine = new UploadEngine({ apiHost: lane.emulatorUrl, videoName: 'take.webm' });
    const bytes = videoFile(2 * PART + 100);
    const first = await engine.attempt({ part: 1, bytes: bytes.slice(0, PART), total: '*' }, token).result;
    engine.useVideo(first.videoId);
    await engine.attempt({ part: 2, bytes: bytes.slice(PART, 2 * PART), total: '*' }, token).result;
    const last = await engine.attempt({ part: 3, bytes: bytes.slice(2 * PART), total: 3 }, token).result;

    const log = await lane.requestLog();
    expect(log.map((r) => [r.part, r.totalParts, r.status])).to.deep.equal([[1, null, 201], [2, null, 201], [3, 3, 201]]);
    expect(last.videoId).to.equal(first.videoId);
    const stored = await lane.storedVideo(first.videoId);
    expect(stored.complete).to.equal(true);
    expect(stored.size).to.equal(bytes.size);
    expect(stored.title).to.equal('take.webm');
  });

  it('retryStrategy: a 500 is one request, its failure handed back at once', async () => {
    await lane.fault({ part: 1, status: 500, times: 1 });
    const engine = new UploadEngine({ apiHost: lane.emulatorUrl, videoName: 'take.webm' });
    const failure = await engine.attempt({ part: 1, bytes: videoFile(PART), total: '*' }, await lane.createToken()).result.then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).to.be.instanceOf(PartError);
    expect((failure as PartError).failure.status).to.equal(500);
    expect((await lane.requestLog()).length).to.equal(1);
  });

  it('parseErrorResponse: a 429 carries X-RateLimit-Retry-After', async () => {
    await lane.fault({ part: 1, status: 429, headers: { 'X-RateLimit-Retry-After': '3' } });
    const engine = new UploadEngine({ apiHost: lane.emulatorUrl, videoName: 'take.webm' });
    const failure = (await engine.attempt({ part: 1, bytes: videoFile(PART), total: '*' }, await lane.createToken()).result.catch((e: unknown) => e)) as PartError;
    expect(failure.failure.status).to.equal(429);
    expect(failure.failure.retryAfterSeconds).to.equal(3);
  });

  it('a part answered is kept by nothing, so a long recording keeps none of its sent parts', async () => {
    // One library object per request, let go with it (library-sender.ts): what is on its way is all that is kept.
    const token = await lane.createToken();
    const engine = new UploadEngine({ apiHost: lane.emulatorUrl, videoName: 'take.webm' });
    const controllers = () => Array.from({ length: engine.inFlight });
    const bytes = videoFile(2 * PART + 100);
    const first = engine.attempt({ part: 1, bytes: bytes.slice(0, PART), total: '*' }, token);
    expect(controllers().length, 'kept while on its way').to.equal(1);
    engine.useVideo((await first.result).videoId);
    await engine.attempt({ part: 2, bytes: bytes.slice(PART, 2 * PART), total: '*' }, token).result;
    await engine.attempt({ part: 3, bytes: bytes.slice(2 * PART), total: 3 }, token).result;
    expect(controllers()).to.deep.equal([]);
  });
});
