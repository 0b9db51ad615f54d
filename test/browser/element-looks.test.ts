// What the page passes into the element's look and what it does not, in every engine: font family, size and
// direction come in; an ancestor's other text styles stop at the host. The theme attribute picks the colours. Every
// control is a fingertip's size and shows the keyboard's focus, and nothing overflows a 320 px box, idle or recording
// (the recording with the engine's fake camera; WebKitGTK cannot record here, see `recordsHere`).
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import type { ApiVideoUploader } from '../../src/index.js';
import { browserEngine, drop, MiB, onPart, overflowing, part, recordsHere, untilState, useLane, videoFile, waitUntil } from './support.js';

const loudPage = [
  'font-family: serif',
  'font-size: 20px',
  'font-weight: 700',
  'font-style: italic',
  'text-align: justify',
  'text-indent: 40px',
  'letter-spacing: 4px',
  'word-spacing: 9px',
  'text-transform: uppercase',
  'line-height: 3',
  'white-space: pre',
].join('; ');

describe('<apivideo-uploader> looks', () => {
  it('takes the page\'s font family and root font size, and none of its other text styles', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div style=${loudPage}><apivideo-uploader></apivideo-uploader></div>`);
    const el = wrapper.querySelector<ApiVideoUploader>('apivideo-uploader')!;
    await el.updateComplete;
    const hint = getComputedStyle(part(el, 'hint')!);
    expect(hint.fontFamily).to.equal(getComputedStyle(wrapper).fontFamily);
    // The size is the page's root size (1rem), not the loud parent's 20px: the hint is 0.875 of it.
    const root = parseFloat(getComputedStyle(document.documentElement).fontSize);
    expect(hint.fontSize).to.equal(`${root * 0.875}px`);
    expect(hint.fontStyle).to.equal('normal');
    expect(hint.letterSpacing).to.equal('normal');
    expect(hint.wordSpacing).to.equal('0px');
    expect(hint.textTransform).to.equal('none');
    expect(hint.whiteSpace).to.equal('normal');
    expect(hint.textIndent).to.equal('0px');
    expect(parseFloat(hint.lineHeight)).to.be.closeTo(root * 0.875 * 1.4, 0.5);
    const host = getComputedStyle(el);
    expect(host.fontWeight).to.equal('400');
    expect(['start', 'left']).to.include(host.textAlign);
  });

  it('paints the dark palette with theme="dark" and the light one with theme="light"', async () => {
    const dark = await fixture<ApiVideoUploader>(html`<apivideo-uploader theme="dark"></apivideo-uploader>`);
    expect(getComputedStyle(part(dark, 'base')!).backgroundColor).to.equal('rgb(24, 24, 27)');
    expect(getComputedStyle(dark).color).to.equal('rgb(244, 244, 245)');
    const light = await fixture<ApiVideoUploader>(html`<apivideo-uploader theme="light"></apivideo-uploader>`);
    expect(getComputedStyle(part(light, 'base')!).backgroundColor).to.equal('rgb(255, 255, 255)');
    expect(getComputedStyle(light).color).to.equal('rgb(31, 41, 55)');
  });

  it('lets a page\'s custom property win in either theme', async () => {
    const el = await fixture<ApiVideoUploader>(
      html`<apivideo-uploader theme="dark" style="--apivideo-uploader-background: rgb(1, 2, 3)"></apivideo-uploader>`,
    );
    expect(getComputedStyle(part(el, 'base')!).backgroundColor).to.equal('rgb(1, 2, 3)');
  });

  it('reflects the theme property to its attribute', async () => {
    const el = await fixture<ApiVideoUploader>(html`<apivideo-uploader></apivideo-uploader>`);
    expect(el.hasAttribute('theme')).to.equal(false);
    el.theme = 'dark';
    await el.updateComplete;
    expect(el.getAttribute('theme')).to.equal('dark');
  });
});

/** What a person can press, tap or tab to in the element; a checkbox by its label, which takes its taps too. */
function controls(el: ApiVideoUploader): HTMLElement[] {
  const found = [...el.shadowRoot!.querySelectorAll<HTMLElement>('button, a[href], input:not([type=file])')];
  return found.map((control) => (control instanceof HTMLInputElement ? (control.labels?.[0] ?? control) : control));
}

/**
 * Walks the element with Tab from a button before it to one after it (never out of the page: Firefox then no longer
 * marks the next Tab's focus as the keyboard's), and gives each control that took the focus with its ring.
 */
async function tabThrough(wrapper: HTMLElement, el: ApiVideoUploader): Promise<{ part: string; outline: string; visible: boolean }[]> {
  wrapper.querySelector<HTMLButtonElement>('#before')!.focus();
  const seen = [];
  for (let i = 0; i < 10; i++) {
    await sendKeys({ press: 'Tab' });
    const active = el.shadowRoot!.activeElement as HTMLElement | null;
    if (document.activeElement !== el || !active) {
      expect(document.activeElement, 'Tab leaves the element for the button after it').to.equal(wrapper.querySelector('#after'));
      break;
    }
    const style = getComputedStyle(active);
    seen.push({
      part: active.getAttribute('part') ?? active.localName,
      outline: `${style.outlineStyle} ${parseFloat(style.outlineWidth)}`,
      visible: active.matches(':focus-visible'),
    });
  }
  return seen;
}

/** Tab walks `parts`, in that order, and each shows the element's ring (3 px, solid) as the keyboard's focus. */
async function expectRingsInTabOrder(wrapper: HTMLElement, el: ApiVideoUploader, parts: string[]): Promise<void> {
  const seen = await tabThrough(wrapper, el);
  expect(seen.map((control) => control.part)).to.deep.equal(parts);
  for (const control of seen) {
    expect(control.visible, control.part).to.equal(true);
    expect(control.outline, control.part).to.equal('solid 3');
  }
}

describe('<apivideo-uploader> looks: controls and narrow boxes', () => {
  const lane = useLane();
  const itRecords: Mocha.TestFunction = recordsHere ? it : (it.skip as Mocha.TestFunction);

  it('draws what the drop zone does as a primary button inside it, the whole zone being the one control', async () => {
    const el = await fixture<ApiVideoUploader>(html`<apivideo-uploader theme="light"></apivideo-uploader>`);
    const zone = part(el, 'drop-zone')!;
    const prompt = part(el, 'prompt')!;
    expect(prompt.textContent!.trim()).to.equal('Choose a video');
    expect(zone.contains(prompt)).to.equal(true);
    expect(zone.querySelectorAll('button, a, input'), 'no control inside the zone').to.have.length(0);
    expect(getComputedStyle(prompt).backgroundColor, 'the accent').to.equal('rgb(194, 65, 12)');
    expect(getComputedStyle(prompt).color).to.equal('rgb(255, 255, 255)');
    // "or drop it here" only where a pointer can drop.
    const dropWords = part(el, 'drop-prompt')!;
    expect(dropWords.textContent!.trim()).to.equal('or drop it here');
    expect(getComputedStyle(dropWords).display !== 'none').to.equal(matchMedia('(pointer: fine)').matches);
  });

  it('words the drop zone\'s button after `sources`: a file, beside the camera or the screen', async () => {
    const el = await fixture<ApiVideoUploader>(html`<apivideo-uploader sources="file camera"></apivideo-uploader>`);
    expect(part(el, 'prompt')!.textContent!.trim()).to.equal('Choose a video file');
    const fr = await fixture<ApiVideoUploader>(html`<apivideo-uploader lang="fr" sources="file screen"></apivideo-uploader>`);
    await waitUntil(() => part(fr, 'prompt')!.textContent!.trim() !== 'Choose a video file', 'the French strings');
    expect(part(fr, 'prompt')!.textContent!.trim()).to.equal('Choisir un fichier vidéo');
    expect(part(fr, 'drop-prompt')!.textContent!.trim()).to.equal('ou déposez-la ici');
  });

  it('makes every control at least 44 by 44 px, the microphone a labelled switch', async () => {
    const el = await fixture<ApiVideoUploader>(
      html`<apivideo-uploader sources="file camera screen" auto-upload="false" style="width: 240px"></apivideo-uploader>`,
    );
    await waitUntil(() => part(el, 'record-camera'), 'the record buttons', { timeout: 10_000 });
    const mic = part(el, 'microphone-switch') as HTMLInputElement;
    expect(mic.getAttribute('role')).to.equal('switch');
    expect(mic.labels?.[0]?.textContent?.trim()).to.equal('Microphone');
    mic.labels![0]!.click();
    expect(mic.checked, 'a tap on its words switches it').to.equal(false);
    const sizes = (view: string) =>
      controls(el).map((control) => {
        const { width, height } = control.getBoundingClientRect();
        return { view, control: control.getAttribute('part') ?? control.localName, width, height };
      });
    const idle = sizes('idle');
    expect(idle.map((c) => c.control)).to.deep.equal(['drop-zone', 'button record-camera', 'button record-screen', 'microphone']);
    drop(el, [videoFile(1000, 'clip.mp4')]);
    await waitUntil(() => part(el, 'upload-button'), 'the file ready to upload');
    const ready = sizes('ready');
    expect(ready.map((c) => c.control)).to.include.members(['button upload-button', 'button reset-button']);
    for (const size of [...idle, ...ready]) {
      expect(size.width >= 44 && size.height >= 44, JSON.stringify(size)).to.equal(true);
    }
  });

  it('rings the control that has the keyboard\'s focus', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div><button id="before">before</button><apivideo-uploader sources="file camera screen"></apivideo-uploader><button id="after">after</button></div>`,
    );
    const el = wrapper.querySelector('apivideo-uploader')!;
    await waitUntil(() => part(el, 'record-camera'), 'the record buttons', { timeout: 10_000 });
    await expectRingsInTabOrder(wrapper, el, ['drop-zone', 'button record-camera', 'button record-screen', 'microphone-switch']);
  });

  it('rings every control of a paused upload and of its details form', async () => {
    await lane.reset();
    const wrapper = await fixture<HTMLDivElement>(
      html`<div><button id="before">before</button><apivideo-uploader metadata-fields="title description" api-host=${lane.emulatorUrl}
        chunk-size=${String(5 * MiB)} token-url=${lane.tokenUrl}></apivideo-uploader><button id="after">after</button></div>`,
    );
    const el = wrapper.querySelector('apivideo-uploader')!;
    onPart(el, 1, () => el.pause());
    void el.upload(videoFile(10 * MiB, 'clip.mp4'));
    await untilState(el, 'paused');
    await waitUntil(() => part(el, 'metadata-title'), 'the details form', { timeout: 10_000 });
    await el.updateComplete;
    try {
      await expectRingsInTabOrder(wrapper, el, [
        'button resume-button',
        'button cancel-button',
        'metadata-input metadata-title',
        'metadata-input metadata-description',
        'button metadata-save-button',
      ]);
    } finally {
      el.cancel();
    }
  });

  it('fits a 320 px box when idle, with the camera and the screen offered', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div style="width: 320px"><apivideo-uploader sources="file camera screen" max-file-size="2000000000" max-duration="600"></apivideo-uploader></div>`,
    );
    const el = wrapper.querySelector('apivideo-uploader')!;
    await waitUntil(() => part(el, 'record-camera'), 'the record buttons', { timeout: 10_000 });
    expect(el.getBoundingClientRect().width).to.equal(320);
    expect(overflowing(el)).to.deep.equal([]);
    expect(wrapper.scrollWidth).to.equal(320);
  });

  itRecords('fits a 320 px box while recording: the preview at the camera\'s shape, no drop zone, stop in reach', async () => {
    await lane.reset();
    await lane.emulator('POST', '/config', { minPartBytes: 64 * 1024 });
    const wrapper = await fixture<HTMLDivElement>(
      html`<div style="width: 320px"><button id="before">before</button><apivideo-uploader sources="file camera" token-url=${lane.tokenUrl}
        api-host=${lane.emulatorUrl} .recordingPartSize=${64 * 1024}></apivideo-uploader><button id="after">after</button></div>`,
    );
    const el = wrapper.querySelector('apivideo-uploader')!;
    await waitUntil(() => part(el, 'record-camera'), 'the record button', { timeout: 10_000 });
    part(el, 'record-camera')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => (part(el, 'recording-preview') as HTMLVideoElement | null)?.videoWidth, 'the preview\'s first frame', { timeout: 15_000 });
    await el.updateComplete;
    try {
      // 16:9 until a frame is laid out (Chromium reports the camera's size a moment before it lays the frame out).
      await waitUntil(() => {
        const preview = part(el, 'recording-preview') as HTMLVideoElement;
        const box = preview.getBoundingClientRect();
        return Math.abs(box.width / box.height - preview.videoWidth / preview.videoHeight) < 0.02;
      }, 'the preview at the camera\'s shape', { timeout: 5_000 });
      expect(el.shadowRoot!.activeElement, 'the focus moved from the gone record button to stop').to.equal(part(el, 'stop-recording'));
      expect(part(el, 'drop-zone'), 'no drop zone while recording').to.equal(null);
      expect(part(el, 'record'), 'no record buttons while recording').to.equal(null);
      const preview = part(el, 'recording-preview') as HTMLVideoElement;
      const box = preview.getBoundingClientRect();
      const base = part(el, 'base')!;
      expect(box.width, 'the preview fills the box').to.be.closeTo(base.clientWidth - 2 * parseFloat(getComputedStyle(base).paddingLeft), 0.5);
      expect(box.width / box.height, 'at the camera\'s shape').to.be.closeTo(preview.videoWidth / preview.videoHeight, 0.02);
      expect(overflowing(el)).to.deep.equal([]);
      expect(wrapper.scrollWidth).to.equal(320);
      expect(part(el, 'recording-timer')!.textContent).to.match(/^Recording /);
      // Status and figures on the type scale of an upload's: the timer the base size, the bytes sent smaller, muted.
      const root = parseFloat(getComputedStyle(document.documentElement).fontSize);
      expect(parseFloat(getComputedStyle(part(el, 'recording-timer')!).fontSize)).to.equal(root);
      expect(parseFloat(getComputedStyle(part(el, 'recording-sent')!).fontSize)).to.equal(root * 0.875);
      const stop = part(el, 'stop-recording')!;
      expect(stop.getBoundingClientRect().height).to.be.at.least(44);
      expect(stop.querySelector('svg'), 'an icon').to.not.equal(null);
      const seen = await tabThrough(wrapper, el);
      expect(seen).to.deep.equal([{ part: 'button stop-recording', outline: 'solid 3', visible: true }]);
    } finally {
      el.reset();
    }
  });

  // Chromium emulates `prefers-reduced-motion` (DevTools protocol); puppeteer needs that protocol for it, which Firefox
  // over WebDriver BiDi does not speak, and the WebDriver launcher (WebKit) has no such command.
  const itEmulatesMotion: Mocha.TestFunction = browserEngine() === 'chromium' ? it : (it.skip as Mocha.TestFunction);

  itEmulatesMotion('moves the progress bar smoothly, and not at all for a visitor who asked for less motion', async () => {
    await lane.reset();
    const el = await fixture<ApiVideoUploader>(
      html`<apivideo-uploader api-host=${lane.emulatorUrl} chunk-size=${String(5 * MiB)} token-url=${lane.tokenUrl}></apivideo-uploader>`,
    );
    onPart(el, 1, () => el.pause());
    void el.upload(videoFile(10 * MiB, 'clip.mp4'));
    await untilState(el, 'paused');
    await el.updateComplete;
    const indicator = part(el, 'progress-indicator')!;
    try {
      expect(getComputedStyle(indicator).transitionDuration).to.equal('0.2s');
      await emulateMedia({ reducedMotion: 'reduce' });
      expect(getComputedStyle(indicator).transitionDuration).to.equal('0s');
    } finally {
      await emulateMedia({ reducedMotion: 'no-preference' });
      el.cancel();
    }
  });
});
