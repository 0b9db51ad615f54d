// A wrong api-host says so: an unreachable host is named on screen while the part waits to be sent again, and a
// host:port without a scheme is a configuration error, not a silent https guess.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { ApiVideoUploader, UploadErrorEvent, UploadRetryEvent } from '../../src/index.js';
import { MiB, nextEvent, part, videoFile } from './support.js';

describe('<apivideo-uploader> api-host', () => {
  it('names the host it cannot reach, and the wait before the next try', async () => {
    // Nothing listens on this loopback port (and no engine blocks it as a reserved port).
    const el = await fixture<ApiVideoUploader>(
      html`<apivideo-uploader api-host="http://127.0.0.1:47" upload-token="to1unreachable"></apivideo-uploader>`,
    );
    const retried = nextEvent<UploadRetryEvent>(el, 'upload-retry');
    void el.upload(videoFile(MiB, 'far.mp4'));
    const { detail } = await retried;
    await el.updateComplete;

    expect(detail.reason).to.equal('network error');
    expect(part(el, 'stats')!.textContent).to.equal(`Can’t reach 127.0.0.1:47, trying again in ${Math.ceil(detail.delayMs / 1000)} s`);
    expect(el.state).to.equal('uploading');
    el.cancel();
  });

  it('in French too', async () => {
    const el = await fixture<ApiVideoUploader>(
      html`<apivideo-uploader lang="fr" api-host="http://127.0.0.1:47" upload-token="to1unreachable"></apivideo-uploader>`,
    );
    const retried = nextEvent<UploadRetryEvent>(el, 'upload-retry');
    void el.upload(videoFile(MiB, 'loin.mp4'));
    await retried;
    await el.updateComplete;

    expect(part(el, 'stats')!.textContent).to.match(/^Impossible de joindre 127\.0\.0\.1:47, nouvel essai dans \d+\u00a0s$/);
    el.cancel();
  });

  it('refuses a host:port without a scheme, telling the developer what to write, and sends nothing', async () => {
    const logged: string[] = [];
    const originalWarn = console.warn;
    console.warn = (...args: unknown[]) => void logged.push(args.map(String).join(' '));
    const el = await fixture<ApiVideoUploader>(
      html`<apivideo-uploader api-host="127.0.0.1:8787" upload-token="to1whatever"></apivideo-uploader>`,
    );
    const failed = nextEvent<UploadErrorEvent>(el, 'upload-error');
    void el.upload(videoFile(MiB, 'near.mp4'));
    const { detail } = await failed.finally(() => (console.warn = originalWarn));
    await el.updateComplete;

    expect(detail).to.deep.include({ code: 'upload-failed', retriable: false });
    expect(detail.message).to.contain('api-host "127.0.0.1:8787" has no scheme: write http://127.0.0.1:8787');
    // The visitor can do nothing about it; the console says what to write.
    expect(part(el, 'error-message')!.textContent).to.equal('Uploading is not available here yet.');
    expect(logged.some((line) => line.includes('write http://127.0.0.1:8787'))).to.equal(true);
  });
});
