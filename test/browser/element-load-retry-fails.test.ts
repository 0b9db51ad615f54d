// An element whose on-demand code (here the recording's) fails to fetch twice: the second failure says to reload the
// page. Its own page: a module fetched once is in the page's module map for good, so it cannot fail again there.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { ApiVideoUploader } from '../../src/index.js';
import { failModules, part, recordWarnings, serveModules, useLane, waitUntil } from './support.js';

const sentence = (el: ApiVideoUploader) => part(el, 'load-error')?.textContent?.trim();

describe('<apivideo-uploader sources="camera"> whose recording code fails to fetch twice', () => {
  const lane = useLane();

  it('says to reload the page when Try again fails too, and moves the focus from the gone button to that sentence', async () => {
    failModules('panel');
    const warnings = recordWarnings();
    try {
      const el = await fixture<ApiVideoUploader>(
        html`<apivideo-uploader sources="camera" token-url=${lane.tokenUrl} api-host=${lane.emulatorUrl}></apivideo-uploader>`,
      );
      await waitUntil(() => part(el, 'load-retry'), 'Try again');
      part(el, 'load-retry')!.focus();
      part(el, 'load-retry')!.click();
      await waitUntil(() => part(el, 'load-retry') === null, 'the second fetch failed');
      expect(sentence(el)).to.equal('Recording still could not load. Check your connection, then reload the page.');
      await waitUntil(() => el.shadowRoot!.activeElement === part(el, 'load-error'), 'the focus on the sentence');
      expect(warnings.seen).to.have.length(2);
    } finally {
      serveModules();
      warnings.stop();
    }
  });
});
