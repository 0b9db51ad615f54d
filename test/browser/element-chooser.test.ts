// Which file chooser a click opens. Test tools (Playwright, Puppeteer, WebDriver) intercept the file input's chooser,
// never showOpenFilePicker's, and each of them sets navigator.webdriver, as the test runner driving this suite does in
// every engine. showOpenFilePicker is stubbed here in every engine, so Firefox and WebKit, which lack it, would take
// the handle path too if the element looked at nothing else.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { ApiVideoUploader } from '../../src/index.js';
import { asVisitorsBrowser, part } from './support.js';

type PickerWindow = Window & { showOpenFilePicker?: () => Promise<never> };

/** Counts each picker a click opens and keeps both from showing: the handle picker answers as if closed. */
function watchPickers(el: ApiVideoUploader): { input: number; handlePicker: number; restore(): void } {
  const counts = { input: 0, handlePicker: 0 };
  el.shadowRoot!.querySelector('input[type=file]')!.addEventListener('click', (event) => {
    counts.input++;
    event.preventDefault();
  });
  const win = window as PickerWindow;
  const own = Object.getOwnPropertyDescriptor(win, 'showOpenFilePicker');
  win.showOpenFilePicker = () => {
    counts.handlePicker++;
    return Promise.reject(new DOMException('The user aborted a request.', 'AbortError'));
  };
  const restore = () => {
    if (own) Object.defineProperty(win, 'showOpenFilePicker', own);
    else delete win.showOpenFilePicker;
  };
  return Object.assign(counts, { restore });
}

describe('<apivideo-uploader> file chooser', () => {
  const undo: Array<() => void> = [];
  afterEach(() => {
    while (undo.length) undo.pop()!();
  });

  /** A resumable single-file element with an `accept` the handle picker takes: it would pick with a handle. */
  async function element(): Promise<{ el: ApiVideoUploader; pickers: ReturnType<typeof watchPickers> }> {
    const el = await fixture<ApiVideoUploader>(html`<apivideo-uploader accept="video/*" auto-upload="false"></apivideo-uploader>`);
    const pickers = watchPickers(el);
    undo.push(() => pickers.restore());
    return { el, pickers };
  }

  it('opens the file input, not showOpenFilePicker, in a browser driven by a test tool', async () => {
    // The premise: the runner's automation (CDP in Chromium, WebDriver BiDi in Firefox, WebDriver in WebKit) says so.
    expect(navigator.webdriver).to.equal(true);
    const { el, pickers } = await element();
    part(el, 'drop-zone')!.click();
    expect([pickers.input, pickers.handlePicker]).to.deep.equal([1, 0]);
    el.openFilePicker();
    expect([pickers.input, pickers.handlePicker]).to.deep.equal([2, 0]);
  });

  it('opens showOpenFilePicker in a visitor\'s browser that has it, for the kept handle', async () => {
    undo.push(asVisitorsBrowser());
    expect(navigator.webdriver).to.equal(false);
    const { el, pickers } = await element();
    part(el, 'drop-zone')!.click();
    expect([pickers.input, pickers.handlePicker]).to.deep.equal([0, 1]);
  });
});
