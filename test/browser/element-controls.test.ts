import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { ApiVideoUploader, UploadErrorEvent, UploadSuccessEvent } from '../../src/index.js';
import {
  nextEvent,
  onPart,
  part,
  recordAnnouncements,
  sha256,
  untilState,
  uploader,
  useLane,
  videoFile,
} from './support.js';

/** The buttons on show, by part name. */
function buttons(el: ApiVideoUploader): string[] {
  return [...el.shadowRoot!.querySelectorAll('[part~="actions"] button')].map(
    (button) => button.getAttribute('part')!.split(' ').find((name) => name !== 'button')!,
  );
}

/** Bytes per part: the emulator is told to take parts this small. */
const PART = 64 * 1024;
/** Three parts, the last one smaller. */
const THREE_PARTS = 2 * PART + PART / 2;

describe('<apivideo-uploader> controls', () => {
  const lane = useLane();
  // Never reset here: the lane's emulator takes small parts from the start.
  before(() => lane.smallParts(PART));

  it('shows pause while uploading and resume while paused; resuming finishes without resending a stored part', async () => {
    const el = await uploader(lane, PART);
    const token = await lane.createToken();
    el.uploadToken = token;
    const file = videoFile(THREE_PARTS, 'pause.mp4', 31);
    const paused = nextEvent(el, 'upload-pause', 60_000);
    onPart(el, 1, () => {
      expect(buttons(el)).to.deep.equal(['pause-button', 'cancel-button']);
      part(el, 'pause-button')!.click();
    });
    void el.upload(file);
    await paused;
    await el.updateComplete;
    expect(el.state).to.equal('paused');
    expect(el.getAttribute('state')).to.equal('paused');
    expect(part(el, 'status')!.textContent).to.equal('Paused');
    expect(buttons(el)).to.deep.equal(['resume-button', 'cancel-button']);

    const resumed = nextEvent(el, 'upload-resume');
    const success = nextEvent<UploadSuccessEvent>(el, 'upload-success', 60_000);
    part(el, 'resume-button')!.click();
    await resumed;
    const { video } = (await success).detail;
    await el.updateComplete;
    expect(buttons(el)).to.deep.equal(['reset-button']);

    const stored = await lane.storedVideo(video.videoId);
    expect(stored.sha256).to.equal(await sha256(file));
    const log = await lane.requestsWith(token);
    expect(log.filter((entry) => entry.status === 201).map((entry) => entry.part)).to.deep.equal([1, 2, 3]);
  });

  it('pauses when the browser goes offline and resumes when it is back online', async () => {
    const el = await uploader(lane, PART);
    const token = await lane.createToken();
    el.uploadToken = token;
    const file = videoFile(THREE_PARTS, 'offline.mp4', 36);
    onPart(el, 1, () => window.dispatchEvent(new Event('offline')));
    const paused = nextEvent(el, 'upload-pause', 60_000);
    void el.upload(file);
    await paused;
    await el.updateComplete;
    expect(el.state).to.equal('paused');
    expect(buttons(el)).to.deep.equal(['resume-button', 'cancel-button']);
    const success = nextEvent<UploadSuccessEvent>(el, 'upload-success', 60_000);
    window.dispatchEvent(new Event('online'));
    const { video } = (await success).detail;
    expect((await lane.storedVideo(video.videoId)).sha256).to.equal(await sha256(file));
    const log = await lane.requestsWith(token);
    expect(log.filter((entry) => entry.status === 201).map((entry) => entry.part)).to.deep.equal([1, 2, 3]);
  });

  it('cancels at once: upload-cancel, back to the drop zone, the video left unfinished', async () => {
    const el = await uploader(lane, PART);
    el.uploadToken = await lane.createToken();
    const cancelled = nextEvent(el, 'upload-cancel', 60_000);
    onPart(el, 1, () => part(el, 'cancel-button')!.click());
    let succeeded = false;
    let videoId = '';
    el.addEventListener('upload-part', (event) => (videoId = event.detail.videoId), { once: true });
    el.addEventListener('upload-success', () => (succeeded = true));
    const settled = el.upload(videoFile(THREE_PARTS, 'cancel.mp4', 32));
    const event = await cancelled;
    await settled;
    await el.updateComplete;
    expect(event.bubbles && event.composed).to.equal(true);
    expect(el.state).to.equal('idle');
    expect(el.file).to.equal(undefined);
    expect(part(el, 'drop-zone')).to.not.equal(null);
    expect(succeeded).to.equal(false);
    const stored = await lane.storedVideo(videoId);
    expect(stored.complete).to.equal(false);
    expect(stored.receivedParts).to.not.include(3);
  });

  it('cancels a paused upload, and reset() cancels a running one', async () => {
    const el = await uploader(lane, PART);
    el.uploadToken = await lane.createToken();
    onPart(el, 1, () => el.pause());
    void el.upload(videoFile(THREE_PARTS, 'paused-cancel.mp4', 33));
    await untilState(el, 'paused');
    const cancelled = nextEvent(el, 'upload-cancel');
    el.cancel();
    await cancelled;
    expect(el.state).to.equal('idle');

    onPart(el, 1, () => el.reset());
    const again = nextEvent(el, 'upload-cancel', 60_000);
    void el.upload(videoFile(THREE_PARTS, 'reset.mp4', 34));
    await again;
    await el.updateComplete;
    expect(el.state).to.equal('idle');
    expect(part(el, 'drop-zone')).to.not.equal(null);
  });

  it('shows no retry for a refusal retrying cannot fix, says so to the visitor and what api.video said in the console', async () => {
    const el = await uploader(lane, PART);
    const logged: string[] = [];
    const originalWarn = console.warn;
    console.warn = (...args: unknown[]) => void logged.push(args.map(String).join(' '));
    el.uploadToken = await lane.createToken();
    const title = 'The <b>file</b> is not a video & cannot be stored.';
    await lane.fault({
      part: 1,
      status: 400,
      body: { type: 'https://docs.api.video/reference/invalid-file', title, status: 400 },
    });
    const failed = nextEvent<UploadErrorEvent>(el, 'upload-error', 60_000);
    void el.upload(videoFile(PART / 2, 'refused.mp4', 37));
    const error = (await failed).detail;
    await untilState(el, 'error');
    console.warn = originalWarn;
    expect(error).to.include({ code: 'upload-failed', status: 400, retriable: false, part: 1 });
    expect(error.message).to.contain(title);
    expect(buttons(el)).to.deep.equal(['reset-button']);
    const shown = part(el, 'error-message')!;
    expect(shown.textContent).to.equal('The video was not accepted.');
    expect(logged).to.deep.equal([`<apivideo-uploader> upload-error upload-failed 400: ${title} “${title}”`]);
  });

  it('shows and announces an error in French under lang="fr", api.video\'s words left to the event', async () => {
    const el = await fixture<ApiVideoUploader>(
      html`<apivideo-uploader lang="fr" api-host=${lane.emulatorUrl} .minChunkSize=${PART} .chunkSize=${PART}></apivideo-uploader>`,
    );
    const announcements = recordAnnouncements(el);
    el.uploadToken = await lane.createToken();
    const title = 'The file is not a video.';
    await lane.fault({
      part: 1,
      status: 400,
      body: { type: 'https://docs.api.video/reference/invalid-file', title, status: 400 },
    });
    const failed = nextEvent<UploadErrorEvent>(el, 'upload-error', 60_000);
    void el.upload(videoFile(PART / 2, 'refusé.mp4', 39));
    const error = (await failed).detail;
    await untilState(el, 'error');

    const french = 'La vidéo n’a pas été acceptée.';
    expect(error).to.include({ code: 'upload-failed', status: 400, detail: title, message: title });
    expect(part(el, 'error-message')!.textContent).to.equal(french);
    expect(announcements.at(-1)).to.equal(`L’envoi a échoué : ${french}`);
  });

  it('shows retry after an error and continues at the part that failed', async () => {
    const el = await uploader(lane, PART);
    const tokens: string[] = [];
    let available = true;
    el.tokenProvider = async () => {
      if (!available) throw new Error('No token right now');
      tokens.push(await lane.createToken());
      return tokens[tokens.length - 1];
    };
    // Part 1 stored; then its token disappears and the source has none to give: the upload stops at part 2.
    onPart(el, 1, () => {
      el.pause();
      available = false;
      void lane.deleteToken(tokens[0]).then(() => el.resume());
    });
    const failed = nextEvent<UploadErrorEvent>(el, 'upload-error', 60_000);
    const file = videoFile(THREE_PARTS, 'retry.mp4', 35);
    void el.upload(file);
    const error = (await failed).detail;
    await untilState(el, 'error');
    expect(error.code).to.equal('token-request-failed');
    expect(error.retriable).to.equal(true);
    expect(buttons(el)).to.deep.equal(['retry-button', 'reset-button']);
    expect(part(el, 'error-message')!.textContent).to.equal('The upload could not start. Try again. Details: “No token right now”');

    available = true;
    const success = nextEvent<UploadSuccessEvent>(el, 'upload-success', 60_000);
    part(el, 'retry-button')!.click();
    const { video } = (await success).detail;
    const stored = await lane.storedVideo(video.videoId);
    expect(stored.sha256).to.equal(await sha256(file));
    const log = await lane.requestsWith(...tokens);
    expect(log.filter((entry) => entry.status === 201).map((entry) => entry.part)).to.deep.equal([1, 2, 3]);
    const afterRetry = log.filter((entry) => entry.token === tokens[1]);
    expect(afterRetry[0].part).to.be.within(2, 3);
    expect(afterRetry.map((entry) => entry.part)).to.not.include(1);
  });
});
