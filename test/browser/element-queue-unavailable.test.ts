// The queue of `multiple` is fetched on first use (a dynamic import). Here the test server answers 503 for it, as a
// dropped connection or a deploy that removed the old chunk would, then serves it again. Its own page: an engine that
// keeps a failed module for the page's life would deny the queue to any later test of the file.
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
  part,
  queueUploader,
  recordWarnings,
  serveModules,
  useLane,
  videoFile,
  watchUncaught,
} from './support.js';

const sentence = (el: ApiVideoUploader) => part(el, 'load-error')?.textContent?.trim();

describe('<apivideo-uploader multiple> whose queue could not be fetched', () => {
  const lane = useLane();

  it('says so with Try again, keeps the files given meanwhile, and adds them once the queue arrives', async () => {
    failModules('queue-mode');
    const warnings = recordWarnings();
    const uncaught = watchUncaught();
    try {
      // updateComplete resolves, with the failure on screen in place of the queue.
      const el = await queueUploader(lane);
      expect(sentence(el)).to.equal('The uploader could not load. Check your connection and try again.');
      expect(part(el, 'load-retry')?.textContent?.trim()).to.equal('Try again');
      expect(part(el, 'drop-zone')).to.equal(null);
      expect(warnings.seen).to.have.length(1);
      expect(String(warnings.seen[0][0])).to.equal('<apivideo-uploader> queue-mode.js (the queue of `multiple`) could not be loaded:');
      expect(warnings.seen[0][1], "the browser's error").to.be.instanceOf(TypeError);

      // In French too (its strings are fetched as usual). reset() forgets the files waiting, as it forgets the rest.
      const french = await fixture<ApiVideoUploader>(html`<apivideo-uploader multiple lang="fr"></apivideo-uploader>`);
      expect(sentence(french)).to.equal('L’outil d’envoi n’a pas pu se charger. Vérifiez votre connexion et réessayez.');
      drop(french, [videoFile(1024, 'forgotten.mp4')]);
      await french.updateComplete;
      expect(sentence(french)).to.match(/réessayez\. Votre fichier sera ajouté dès qu’il sera chargé\.$/);
      french.reset();
      await french.updateComplete;
      expect(sentence(french)).to.match(/réessayez\.$/);
      french.remove();

      // A dropped file and one given to upload() wait for the queue; upload() does not reject.
      drop(el, [videoFile(6 * MiB, 'dropped.mp4', 1)]);
      let uploaded: string | undefined;
      const given = el.upload(videoFile(6 * MiB, 'given.mp4', 2)).then(
        () => (uploaded = 'resolved'),
        (error: unknown) => (uploaded = `rejected: ${String(error)}`),
      );
      await el.updateComplete;
      expect(sentence(el)).to.equal(
        'The uploader could not load. Check your connection and try again. Your 2 files will be added once it loads.',
      );
      expect(el.files).to.deep.equal([]);

      serveModules();
      part(el, 'load-retry')!.focus();
      part(el, 'load-retry')!.click();
      await el.updateComplete;
      if (browserEngine() !== 'firefox') {
        // Chromium and WebKit ask the server again for a module whose fetch failed, as the HTML standard now says: the
        // queue comes, with both files, and upload() resolves once its file is uploaded.
        expect(await moduleFetches('queue-mode')).to.deep.equal(['queue-mode failed', 'queue-mode failed', 'queue-mode served']);
        await given;
        expect(uploaded).to.equal('resolved');
        await eventually(() => el.files.every((file) => file.state === 'success'), 'both files uploaded', 60_000);
        expect(el.files.map((file) => [file.file.name, file.state])).to.deep.include.members([
          ['dropped.mp4', 'success'],
          ['given.mp4', 'success'],
        ]);
        expect(part(el, 'load-failed')).to.equal(null);
        expect(part(el, 'drop-zone')).to.not.equal(null);
      } else {
        // Firefox keeps the failed fetch in the page's module map and never asks the server again (not even for the
        // French element): Try again fails at once, and the sentence turns to reloading the page.
        expect(await moduleFetches('queue-mode')).to.deep.equal(['queue-mode failed']);
        expect(sentence(el)).to.equal(
          'The uploader still could not load. Check your connection, then reload the page. Add your 2 files again after reloading.',
        );
        expect(part(el, 'load-retry')).to.equal(null);
        await eventually(() => el.shadowRoot!.activeElement === part(el, 'load-error'), 'the focus moved from the gone button to the sentence');
        expect(warnings.seen).to.have.length(3);
        expect(uploaded, 'upload() waits for the queue, without rejecting').to.equal(undefined);
      }
      expect(uncaught.stop()).to.deep.equal([]);
    } finally {
      serveModules();
      warnings.stop();
      uncaught.stop();
    }
  });
});
