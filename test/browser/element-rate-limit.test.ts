// api.video's rate limit is the account's: a 429 on one upload holds every upload of the page for as long as api.video
// asked, even after the upload that heard it is gone. An upload held so says it is waiting, in an event and on screen,
// and goes as soon as the wait is over.
import { expect } from '@open-wc/testing';
import '../../src/index.js';
import type { UploadRetryEvent, UploadSuccessEvent } from '../../src/index.js';
import { MiB, nextEvent, part, uploader, useLane, videoFile } from './support.js';

describe('<apivideo-uploader> and the page-wide rate limit', () => {
  const lane = useLane();
  beforeEach(() => lane.reset());

  it("an upload held by another's 429 says it waits, for no longer than api.video asked, then goes", async () => {
    const tooMany = { type: 'https://docs.api.video/reference/too-many-requests', title: 'Too many requests.', status: 429 };
    await lane.fault({ part: 1, status: 429, headers: { 'X-RateLimit-Retry-After': '3' }, body: tooMany, times: 1 });
    // A hears the 429, is cancelled and removed while it waits.
    const a = await uploader(lane);
    a.tokenUrl = lane.tokenUrl;
    const heard = nextEvent<UploadRetryEvent>(a, 'upload-retry');
    void a.upload(videoFile(MiB, 'a.mp4'));
    const refusedAt = performance.now();
    expect((await heard).detail).to.deep.include({ cause: 'rate-limited', delayMs: 3000 });
    a.cancel();
    a.remove();

    const b = await uploader(lane);
    b.tokenUrl = lane.tokenUrl;
    const waits = nextEvent<UploadRetryEvent>(b, 'upload-retry');
    const success = nextEvent<UploadSuccessEvent>(b, 'upload-success');
    void b.upload(videoFile(1000, 'b.mp4'));
    const { detail } = await waits;
    await b.updateComplete;

    expect(detail.cause).to.equal('rate-limited');
    expect(detail.part).to.equal(1);
    expect(detail.delayMs).to.be.within(1, 3000);
    expect(b.state).to.equal('uploading');
    expect(part(b, 'stats')!.textContent).to.equal(`api.video asked to slow down, sending again in ${Math.ceil(detail.delayMs / 1000)} s`);

    await success;
    const sentAt = (await lane.requestLog()).filter((r) => r.status === 201);
    expect(sentAt).to.have.length(1);
    // B waited out the rest of A's wait: it said how long, never more than api.video asked (above).
    expect(performance.now() - refusedAt).to.be.at.least(2900);
  });
});
