import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { ApiVideoUploader } from '../../src/index.js';
import { FileSelectEvent } from '../../src/index.js';
import { eventually, nextEvent, part } from './support.js';

describe('<apivideo-uploader> rendering', () => {
  it('is registered and starts idle with a drop zone button', async () => {
    const el = await fixture<ApiVideoUploader>(html`<apivideo-uploader></apivideo-uploader>`);
    expect(customElements.get('apivideo-uploader')).to.equal(el.constructor);
    expect(el.state).to.equal('idle');
    expect(el.getAttribute('state')).to.equal('idle');
    expect(el.hasAttribute('upload-in-progress')).to.equal(false);
    const zone = part(el, 'drop-zone')!;
    expect(zone.tagName).to.equal('BUTTON');
    expect(zone.textContent).to.contain('Choose a video');
  });

  it('keeps the drop zone the same node when the list\'s code arrives (the focus, a click aimed at it)', async () => {
    const el = await fixture<ApiVideoUploader>(html`<apivideo-uploader token-url="/no-token-here"></apivideo-uploader>`);
    const before = part(el, 'drop-zone');
    before!.focus();
    // The list comes at idle time after load; its code is fetched by then when this file is not the first.
    await eventually(() => performance.getEntriesByType('resource').some((entry) => /upload-list/.test(entry.name)), 'the list\'s code', 10_000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await el.updateComplete;
    expect(part(el, 'drop-zone')).to.equal(before);
    expect(el.shadowRoot!.activeElement).to.equal(before);
  });

  it('renders the French strings with lang="fr", and follows the document language', async () => {
    const el = await fixture<ApiVideoUploader>(html`<apivideo-uploader lang="fr"></apivideo-uploader>`);
    expect(part(el, 'drop-zone')!.textContent).to.contain('Choisir une vidéo');
    el.removeAttribute('lang');
    await el.updateComplete;
    await new Promise((resolve) => setTimeout(resolve));
    await el.updateComplete;
    expect(part(el, 'drop-zone')!.textContent).to.contain('Choose a video');
    const previous = document.documentElement.lang;
    document.documentElement.lang = 'fr-CA';
    try {
      await new Promise((resolve) => setTimeout(resolve));
      await el.updateComplete;
      expect(part(el, 'drop-zone')!.textContent).to.contain('Choisir une vidéo');
    } finally {
      document.documentElement.lang = previous;
    }
  });

  it('takes the language of the nearest ancestor with a lang attribute', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="fr"><apivideo-uploader></apivideo-uploader></div>`);
    const el = wrapper.querySelector('apivideo-uploader')!;
    await el.updateComplete;
    expect(part(el, 'drop-zone')!.textContent).to.contain('Choisir une vidéo');
  });

  it('shows limits in the hint and uses the slot for a custom prompt', async () => {
    const el = await fixture<ApiVideoUploader>(
      html`<apivideo-uploader max-file-size="200000000" max-duration="90"><b>Send your clip</b></apivideo-uploader>`,
    );
    expect(part(el, 'hint')!.textContent).to.contain('Up to 200 MB');
    expect(part(el, 'hint')!.textContent).to.contain('1 min 30 sec');
    const slot = el.shadowRoot!.querySelector('slot')!;
    expect(slot.assignedElements()[0].textContent).to.equal('Send your clip');
  });

  it('shows a file name containing HTML as text, and file-select bubbles out of a shadow root', async () => {
    const outer = await fixture<HTMLDivElement>(html`<div></div>`);
    const shadow = outer.attachShadow({ mode: 'open' });
    const el = document.createElement('apivideo-uploader');
    el.setAttribute('auto-upload', 'false');
    shadow.append(el);
    await el.updateComplete;
    const name = '<img src=x onerror="window.__pwned=1"><b>clip</b>.mp4';
    const file = new File([new Uint8Array(64)], name, { type: 'video/mp4' });
    const seen = nextEvent<FileSelectEvent>(outer, 'file-select');
    await el.upload(file).catch(() => undefined);
    const event = await seen;
    expect(event).to.be.instanceOf(FileSelectEvent);
    expect(event.bubbles && event.composed).to.equal(true);
    expect(event.detail.file).to.equal(file);
    await el.updateComplete;
    const shown = part(el, 'file-name')!;
    expect(shown.textContent).to.equal(name);
    expect(shown.querySelector('img, b')).to.equal(null);
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
    // No token source was given: the upload stops at once and says so.
    expect(el.state).to.equal('error');
    expect(el.error).to.include({ code: 'token-request-failed', reason: 'no-source', retriable: true });
    expect(el.error!.message).to.equal('There is no upload token: give an upload token, a token URL or a token provider.');
    expect(part(el, 'error-message')!.textContent).to.equal(
      'Uploading is not available here yet.',
    );
    expect(part(el, 'retry-button')).to.not.equal(null);
  });
});
