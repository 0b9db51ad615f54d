// The upload engine (the session, resume, the part sender and the library) is fetched with a dynamic import at the
// visitor's first sign of intent, or once the page is idle after its load. Here the test server answers 503 for it,
// as a dropped connection or a deploy that removed the old chunk would, then serves it again. Its own page: an engine
// that keeps a failed module for the page's life would deny the upload to any later test of the file.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { ApiVideoUploader } from '../../src/index.js';
import {
  MiB,
  browserEngine,
  drop,
  eventually,
  failModules,
  moduleFetches,
  nextEvent,
  part,
  recordWarnings,
  serveModules,
  sha256,
  uploader,
  useLane,
  videoFile,
  watchUncaught,
} from './support.js';

const sentence = (el: ApiVideoUploader) => part(el, 'load-error')?.textContent?.trim();

describe('<apivideo-uploader> whose upload engine could not be fetched', () => {
  const lane = useLane();

  it('fetches it once the page is idle, says so with Try again once a file waits for it, and uploads that file once it arrives', async () => {
    failModules('upload-code');
    const warnings = recordWarnings();
    const uncaught = watchUncaught();
    try {
      const el = await uploader(lane);
      el.uploadToken = await lane.createToken();
      // No intent: the page is loaded, and once it is idle the engine is fetched (and fails here).
      await eventually(async () => (await moduleFetches('upload-code')).length > 0, 'the idle fetch', 15_000);
      expect(await moduleFetches('upload-code')).to.deep.equal(['upload-code failed']);
      await eventually(() => warnings.seen.length === 1, 'the warning');
      expect(String(warnings.seen[0][0])).to.equal('<apivideo-uploader> upload-code.js (the upload) could not be loaded:');
      expect(warnings.seen[0][1], "the browser's error").to.be.instanceOf(TypeError);
      // Nothing waits for it yet: the visitor sees the drop zone, no failure.
      await el.updateComplete;
      expect(part(el, 'load-failed')).to.equal(null);
      expect(part(el, 'drop-zone')).to.not.equal(null);

      // A dropped file waits for the engine: the sentence and Try again stand where its progress would. Neither the
      // drop nor the pointer fetches again after a failure (only Try again does).
      const file = videoFile(6 * MiB + 123, 'waiting.mp4', 7);
      el.dispatchEvent(new PointerEvent('pointerenter'));
      drop(el, [file]);
      await eventually(() => sentence(el) !== undefined, 'the failure on screen');
      expect(sentence(el)).to.equal(
        'The uploader could not load. Check your connection and try again. Your file will be uploaded once it loads.',
      );
      expect(part(el, 'load-retry')?.textContent?.trim()).to.equal('Try again');
      expect(el.state).to.equal('preparing');
      expect(el.files.map((entry) => [entry.file.name, entry.state])).to.deep.equal([['waiting.mp4', 'queued']]);
      expect(await moduleFetches('upload-code')).to.deep.equal(['upload-code failed']);
      expect(await lane.requestLog()).to.deep.equal([]);

      // In French too. Each element fetches for itself: Chromium and WebKit ask the server again, Firefox does not.
      const french = await fixture<ApiVideoUploader>(html`<apivideo-uploader lang="fr" api-host=${lane.emulatorUrl}></apivideo-uploader>`);
      drop(french, [videoFile(1024, 'attend.mp4')]);
      await eventually(() => sentence(french) !== undefined, 'the French failure on screen');
      expect(sentence(french)).to.equal(
        'L’outil d’envoi n’a pas pu se charger. Vérifiez votre connexion et réessayez. Votre fichier sera envoyé dès qu’il sera chargé.',
      );
      // Cancelled while it waits, the file is given up, with its upload-cancel: back to the drop zone.
      const cancelled = nextEvent(french, 'upload-cancel');
      french.cancel();
      await cancelled;
      await french.updateComplete;
      expect(french.files).to.deep.equal([]);
      expect(french.state).to.equal('idle');
      expect(part(french, 'load-failed')).to.equal(null);
      expect(part(french, 'drop-zone')).to.not.equal(null);
      french.remove();
      const failed = browserEngine() === 'firefox' ? ['upload-code failed'] : ['upload-code failed', 'upload-code failed'];
      expect(await moduleFetches('upload-code')).to.deep.equal(failed);

      serveModules();
      part(el, 'load-retry')!.focus();
      part(el, 'load-retry')!.click();
      if (browserEngine() !== 'firefox') {
        // Chromium and WebKit ask the server again for a module whose fetch failed: the engine comes, and the file
        // waiting for it uploads, its bytes intact.
        await eventually(() => el.state === 'success', 'the waiting file uploaded', 60_000);
        expect(await moduleFetches('upload-code')).to.deep.equal([...failed, 'upload-code served']);
        expect(part(el, 'load-failed')).to.equal(null);
        const stored = await lane.storedVideo(el.videoId!);
        expect(stored).to.include({ complete: true, size: file.size, sha256: await sha256(file) });
      } else {
        // Firefox keeps the failed fetch in the page's module map and never asks the server again: Try again fails at
        // once, and the sentence turns to reloading the page.
        await eventually(() => part(el, 'load-retry') === null, 'the second failure on screen');
        expect(sentence(el)).to.equal(
          'The uploader still could not load. Check your connection, then reload the page. Add your file again after reloading.',
        );
        expect(await moduleFetches('upload-code')).to.deep.equal(failed);
        await eventually(() => el.shadowRoot!.activeElement === part(el, 'load-error'), 'the focus moved from the gone button to the sentence');
        expect(el.files.map((entry) => entry.state)).to.deep.equal(['queued']);
        expect(await lane.requestLog()).to.deep.equal([]);
      }
      expect(uncaught.stop()).to.deep.equal([]);
    } finally {
      serveModules();
      warnings.stop();
      uncaught.stop();
    }
  });
});
