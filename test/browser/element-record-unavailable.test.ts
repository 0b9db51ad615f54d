// The recording code is fetched on first use (a dynamic import) by an element whose `sources` record. Here the test
// server answers 503 for it, as a dropped connection or a deploy that removed the old chunk would, then serves it
// again. No test records: WebKitGTK, which cannot record here, still draws the record buttons, so it runs too.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { ApiVideoUploader } from '../../src/index.js';
import { browserEngine, failModules, moduleFetches, part, recordWarnings, serveModules, useLane, waitUntil, watchUncaught } from './support.js';

const sentence = (el: ApiVideoUploader) => part(el, 'load-error')?.textContent?.trim();

describe('<apivideo-uploader sources="file camera"> whose recording code could not be fetched', () => {
  const lane = useLane();

  it('says so in place of the record buttons, with Try again, and still takes files', async () => {
    failModules('panel');
    const warnings = recordWarnings();
    const uncaught = watchUncaught();
    try {
      const el = await fixture<ApiVideoUploader>(
        html`<apivideo-uploader sources="file camera" token-url=${lane.tokenUrl} api-host=${lane.emulatorUrl}></apivideo-uploader>`,
      );
      await waitUntil(() => part(el, 'load-error'), 'the sentence saying the recording did not load');
      expect(sentence(el)).to.equal('Recording could not load. Check your connection and try again.');
      expect(part(el, 'load-retry')?.textContent?.trim()).to.equal('Try again');
      expect(part(el, 'record-camera')).to.equal(null);
      expect(part(el, 'drop-zone'), 'files are still taken').to.not.equal(null);
      expect(String(warnings.seen[0][0])).to.equal('<apivideo-uploader> panel.js (the recording) could not be loaded:');
      expect(warnings.seen[0][1], "the browser's error").to.be.instanceOf(TypeError);
      expect(await moduleFetches('panel')).to.deep.equal(['panel failed']);

      serveModules();
      part(el, 'load-retry')!.click();
      await waitUntil(() => warnings.seen.length === 2 || part(el, 'record-camera'), 'the second fetch settled');
      if (browserEngine() !== 'firefox') {
        // Chromium and WebKit ask the server again for a module whose fetch failed: the record buttons come.
        expect(await moduleFetches('panel')).to.deep.equal(['panel failed', 'panel served']);
        expect(part(el, 'record-camera')).to.not.equal(null);
        expect(part(el, 'load-failed')).to.equal(null);
      } else {
        // Firefox keeps the failed fetch in the page's module map and never asks the server again: Try again fails at
        // once, and the sentence turns to reloading the page.
        expect(await moduleFetches('panel')).to.deep.equal(['panel failed']);
        await el.updateComplete;
        expect(sentence(el)).to.equal('Recording still could not load. Check your connection, then reload the page.');
        expect(part(el, 'load-retry')).to.equal(null);
        // startRecording() resolves with the sentence still on screen; it does not reject.
        await el.startRecording('camera');
        expect(sentence(el)).to.equal('Recording still could not load. Check your connection, then reload the page.');
      }

      if (browserEngine() === 'firefox') {
        // In French too. The element hears its `lang` change through a MutationObserver: a task later.
        el.lang = 'fr';
        await waitUntil(() => sentence(el)?.startsWith('L’'), 'the French sentence');
        expect(sentence(el)).to.equal('L’enregistrement ne se charge toujours pas. Vérifiez votre connexion, puis rechargez la page.');
      }
      expect(uncaught.stop()).to.deep.equal([]);
    } finally {
      serveModules();
      warnings.stop();
      uncaught.stop();
    }
  });
});
