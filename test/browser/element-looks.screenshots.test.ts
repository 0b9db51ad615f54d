// Every state of the element, compared with stored screenshots in Chromium and in Firefox, each engine against
// references of its own (test/browser/screenshots/<engine>/): fonts and rasterisation differ per engine, the CSS does
// not. Each state is reached once, then photographed at 320 and 800 px, light and dark, left to right and right to
// left; at 320 px nothing in it may reach past the element, and axe checks it in both palettes.
// `UPDATE_SCREENSHOTS=1 node test/browser-run.mjs --browsers chromium,firefox --files <this file>` writes new
// references (review them before committing).
// Deterministic on purpose: a fixed viewport, no transitions or animations, a still camera preview, and whatever
// changes from run to run (the video id hidden while keeping its place; speed and time left, which come and go with
// timing, left out) kept off the picture.
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { emulateMedia, executeServerCommand, setViewport } from '@web/test-runner-commands';
import type { TemplateResult } from 'lit';
import '../../src/index.js';
import { LocalizeController } from '../../src/element/localize.js';
import type { ApiVideoUploader } from '../../src/index.js';
import type { ScreenshotPayload, ScreenshotResult } from '../support/screenshot-plugin.js';
import {
  MiB, browserEngine, choose, describeRecording, eventually, inRow, nextEvent, nextEventFor, onFilePart, onPart, overflowing, part,
  stateOf, untilState, useLane, videoFile, waitUntil,
} from './support.js';

const lane = useLane();

const stillStyles = html`<style>
  body { margin: 0; background: #808080; font-family: sans-serif; }
  .frame { padding: 8px; display: inline-block; }
  apivideo-uploader::part(progress-indicator),
  apivideo-uploader::part(drop-zone),
  apivideo-uploader::part(button) { transition: none; }
  /* The recording's dot fades in and out. */
  apivideo-uploader::part(recording-timer)::before { animation: none; }
  apivideo-uploader::part(video-id) { visibility: hidden; }
  /* Speed and time left appear once a speed is known, which depends on timing: never shown here, save a retry's wait. */
  .frame:not(.retry) apivideo-uploader::part(stats) { display: none; }
  /* Headless browsers have no pointer ("pointer: none"), so they show no "or drop it here", as a phone; DevTools
     cannot emulate a mouse's. The wide shots show the words as a page with a mouse sees them. */
  .mouse apivideo-uploader::part(drop-prompt) { display: block; }
  /* The fake camera's frames move, and its preview's shape comes and goes with them (16:9 until a frame is laid out):
     painted black at the fake cameras' 4:3. element-looks.test.ts checks the shape. */
  apivideo-uploader::part(recording-preview) { filter: brightness(0); aspect-ratio: 4 / 3; }
</style>`;

const WIDTHS = [320, 800] as const;
const THEMES = ['light', 'dark'] as const;
const DIRECTIONS = ['ltr', 'rtl'] as const;

/**
 * The time recorded and the bytes sent, fixed: the elements' formatting of them is stubbed for these shots. Gives
 * what puts it back.
 */
function freezeRecordingFigures(): () => void {
  const { duration, bytes } = LocalizeController.prototype;
  LocalizeController.prototype.duration = () => '12 sec';
  LocalizeController.prototype.bytes = () => '1.4 MB';
  return () => Object.assign(LocalizeController.prototype, { duration, bytes });
}

/** The frame the element is photographed in, `width` px wide; from 800 px, as a desktop browser with a mouse sees it. */
function setFrame(frame: HTMLElement, width: number, dir: string): void {
  frame.style.width = `${width}px`;
  frame.classList.toggle('mouse', width >= 800);
  frame.dir = dir;
}

/** The element in a frame of `width` px, with its attributes. */
async function framed(width: number, element: TemplateResult, dir = 'ltr'): Promise<ApiVideoUploader> {
  const frame = await fixture<HTMLDivElement>(html`<div class="frame">${stillStyles}${element}</div>`);
  setFrame(frame, width, dir);
  const el = frame.querySelector('apivideo-uploader')!;
  await el.updateComplete;
  return el;
}

const twoFrames = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));

/**
 * Until the frame holds still: its pictures decoded, every transition of the last change (a theme, a direction) run to its end, and the
 * frame's size the same two frames apart (a camera's preview takes its shape from its first frames).
 */
async function settled(): Promise<void> {
  const frame = document.querySelector('.frame')!;
  const roots: (Document | ShadowRoot)[] = [document, ...[...frame.querySelectorAll('apivideo-uploader')].map((el) => el.shadowRoot!)];
  // Pictures decoded before they are painted, not in the middle of it.
  await Promise.all(roots.flatMap((root) => [...root.querySelectorAll('img')].map((img) => img.decode().catch(() => undefined))));
  let before = '';
  for (let i = 0; i < 100; i++) {
    for (const animation of roots.flatMap((root) => root.getAnimations())) {
      try {
        animation.finish();
      } catch {
        // An endless animation cannot finish; none is left running in these shots.
      }
    }
    await twoFrames();
    const size = JSON.stringify(frame.getBoundingClientRect());
    if (size === before) return;
    before = size;
  }
}

/**
 * The shot against the engine's reference: no pixel apart, or `allowed` (a live camera's layer: Chromium antialiases
 * the rounded corners of its frames a few pixels differently from one frame to the next).
 */
async function matchesReference(name: string, probe?: { x: number; y: number }, allowed = 0): Promise<ScreenshotResult> {
  await settled();
  const result = await executeServerCommand<ScreenshotResult, ScreenshotPayload>('compare-screenshot', { name, selector: '.frame', probe });
  if (result.written) return result;
  expect(result.missing, `no reference ${name}.png: run once with UPDATE_SCREENSHOTS=1 and review it`).to.not.equal(true);
  expect(result.differing, `${name}: pixels unlike the reference (this run's screenshot is in .test-results/screenshots/)`).to.be.at.most(allowed);
  return result;
}

/**
 * Photographs the element in its current state as `state-<width>-<theme>-<dir>`, for every width, theme and
 * direction (or those given); at 320 px nothing may reach past it. Then axe, in both palettes.
 */
async function photographEveryWay(
  el: ApiVideoUploader,
  state: string,
  {
    widths = WIDTHS,
    themes = THEMES,
    directions = DIRECTIONS,
    allowed = 0,
  }: { widths?: readonly number[]; themes?: readonly string[]; directions?: readonly string[]; allowed?: number } = {},
): Promise<void> {
  const frame = el.closest<HTMLElement>('.frame')!;
  for (const width of widths) {
    for (const theme of themes) {
      for (const dir of directions) {
        setFrame(frame, width, dir);
        el.setAttribute('theme', theme);
        await el.updateComplete;
        await matchesReference(`${state}-${width}-${theme}-${dir}`, undefined, allowed);
        if (width <= 320) expect(overflowing(el), `${state} at ${width} px, ${theme}, ${dir}`).to.deep.equal([]);
      }
    }
  }
  for (const theme of themes) {
    el.setAttribute('theme', theme);
    await el.updateComplete;
    await expect(el).to.be.accessible();
  }
}

/**
 * A 4 s VP8 video whose every frame is the same picture, 3 kB: the poster frame shows beside its name, and is the same
 * whichever frame an engine hands back after a seek (Chromium now and then draws one before or after the one sought).
 */
async function framesBytes(): Promise<Blob> {
  return (await fetch('/test/fixtures/still.webm')).blob();
}

/** The same video followed by zeros up to `size`, so it has several parts; the engines decode it all the same. */
async function videoOfSize(size: number, name: string): Promise<File> {
  const video = await framesBytes();
  return new File([video, new Uint8Array(size - video.size)], name, { type: 'video/webm' });
}

const drawn = (img: HTMLElement | null) => Boolean(img && (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0);

function untilPoster(el: ApiVideoUploader): Promise<unknown> {
  return eventually(() => drawn(part(el, 'poster')), 'the poster frame drawn', 20_000);
}

/** A token provider that answers the first `answered` calls from the lane's endpoint and never answers the others. */
function tokensUntil(answered: number, then?: () => void): ApiVideoUploader['tokenProvider'] {
  let calls = 0;
  return async ({ signal }) => {
    if (++calls > answered) {
      then?.();
      return new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
    }
    const answer = await fetch(lane.tokenUrl, { method: 'POST' });
    return { token: ((await answer.json()) as { token: string }).token };
  };
}

describe(`<apivideo-uploader> looks (${browserEngine()} screenshots)`, () => {
  before(async () => {
    await setViewport({ width: 900, height: 1100 });
  });

  beforeEach(() => lane.reset());

  afterEach(() => fixtureCleanup());

  it('idle: a white box in light, the dark palette in dark', async () => {
    let el = await framed(480, html`<apivideo-uploader theme="light"></apivideo-uploader>`);
    const { probe } = await matchesReference('idle-480-light-ltr', { x: 14, y: 14 });
    expect(hex(probe)).to.equal('#ffffff');
    fixtureCleanup();
    el = await framed(480, html`<apivideo-uploader theme="dark"></apivideo-uploader>`);
    const dark = await matchesReference('idle-480-dark-ltr', { x: 14, y: 14 });
    expect(hex(dark.probe)).to.equal('#18181b');
    await photographEveryWay(el, 'idle');
  });

  it('idle at 240 px, a narrow sidebar', async () => {
    await framed(240, html`<apivideo-uploader theme="light" max-file-size="2000000000" max-duration="600"></apivideo-uploader>`);
    await matchesReference('idle-240-light-ltr');
  });

  it('idle with the camera and the screen offered', async () => {
    const el = await framed(320, html`<apivideo-uploader sources="file camera screen"></apivideo-uploader>`);
    await waitUntil(() => part(el, 'record-camera'), 'the record buttons', { timeout: 10_000 });
    await photographEveryWay(el, 'idle-record');
  });

  it('a file chosen, its details being typed, while the token is on its way', async () => {
    const el = await framed(320, html`<apivideo-uploader metadata-fields="title description" api-host=${lane.emulatorUrl}></apivideo-uploader>`);
    el.tokenProvider = tokensUntil(0);
    choose(el, [new File([await framesBytes()], 'holiday in the mountains, summer 2026.webm', { type: 'video/webm' })]);
    await untilState(el, 'preparing');
    await untilPoster(el);
    await eventually(() => part(el, 'metadata'), 'the details form', 10_000);
    await photographEveryWay(el, 'chosen');
    el.cancel();
  });

  it('uploading, waiting for the next token at half', async () => {
    const el = await framed(320, html`<apivideo-uploader api-host=${lane.emulatorUrl} chunk-size=${String(5 * MiB)}></apivideo-uploader>`);
    // The renewal before part 2 never answers: the upload holds at exactly one part of two.
    let calls = 0;
    const renewing = new Promise<void>((resolve) => {
      el.tokenProvider = async ({ signal }) => {
        if (++calls > 1) {
          resolve();
          return new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
        }
        const answer = await fetch(lane.tokenUrl, { method: 'POST' });
        const { token } = (await answer.json()) as { token: string };
        // Part 1 takes over 500 ms (below), so by part 2 this token is too close to its end and is renewed first.
        return { token, expiresAt: Date.now() + 600 };
      };
    });
    await lane.fault({ part: 1, times: 1, delayMs: 500 });
    void el.upload(await videoOfSize(10 * MiB, 'clip.webm'));
    await renewing;
    expect(el.state).to.equal('uploading');
    await untilPoster(el);
    await photographEveryWay(el, 'uploading');
    el.cancel();
  });

  it('paused at half, and at 240 px', async () => {
    const el = await framed(320, html`<apivideo-uploader api-host=${lane.emulatorUrl} chunk-size=${String(5 * MiB)} token-url=${lane.tokenUrl}></apivideo-uploader>`);
    onPart(el, 1, () => el.pause());
    void el.upload(await videoOfSize(10 * MiB, 'holiday in the mountains, summer 2026.webm'));
    await untilState(el, 'paused');
    await untilPoster(el);
    await photographEveryWay(el, 'paused');
    await photographEveryWay(el, 'paused', { widths: [240], themes: ['light'], directions: ['ltr'] });
    el.cancel();
  });

  it('error: the file refused, in words', async () => {
    await lane.fault({ part: 1, times: 1, status: 400, body: { type: 'https://docs.api.video/reference/invalid-file', title: 'The file is not a video.', status: 400 } });
    const el = await framed(320, html`<apivideo-uploader api-host=${lane.emulatorUrl} token-url=${lane.tokenUrl}></apivideo-uploader>`);
    void el.upload(videoFile(1000, 'clip.mp4'));
    await untilState(el, 'error');
    await photographEveryWay(el, 'error');
  });

  it('done, with the video\'s frame', async () => {
    const el = await framed(320, html`<apivideo-uploader api-host=${lane.emulatorUrl} token-url=${lane.tokenUrl}></apivideo-uploader>`);
    const success = nextEvent(el, 'upload-success');
    void el.upload(new File([await framesBytes()], 'clip.webm', { type: 'video/webm' }));
    await success;
    await untilPoster(el);
    await photographEveryWay(el, 'done');
  });

  it('a queue of three: one done, one paused, one waiting for its token', async () => {
    const el = await framed(320, html`<apivideo-uploader multiple concurrency="1" api-host=${lane.emulatorUrl} chunk-size=${String(5 * MiB)}></apivideo-uploader>`);
    const done = new File([await framesBytes()], 'first day.webm', { type: 'video/webm' });
    const paused = await videoOfSize(10 * MiB, 'holiday in the mountains, summer 2026.webm');
    const waiting = videoFile(1000, 'clip.mp4');
    // One file at a time: the first is done, the second paused at half, which lets the third start and wait.
    let waitingForToken!: () => void;
    const third = new Promise<void>((resolve) => (waitingForToken = resolve));
    el.tokenProvider = tokensUntil(2, waitingForToken);
    onFilePart(el, paused, 1, () => inRow(el, paused, 'pause-button')!.click());
    const success = nextEventFor(el, 'upload-success', done);
    choose(el, [done, paused, waiting]);
    await success;
    await third;
    await eventually(() => stateOf(el, paused) === 'paused', 'the second file paused');
    await eventually(() => drawn(inRow(el, done, 'row-poster')) && drawn(inRow(el, paused, 'row-poster')), 'the rows’ frames', 20_000);
    await photographEveryWay(el, 'queue');
    el.cancel();
  });

  describeRecording('recording', () => {
    it('recording from the fake camera', async () => {
      await lane.emulator('POST', '/config', { minPartBytes: 64 * 1024 });
      const thaw = freezeRecordingFigures();
      try {
        const el = await framed(320, html`<apivideo-uploader sources="file camera" token-url=${lane.tokenUrl}
          api-host=${lane.emulatorUrl} .recordingPartSize=${64 * 1024}></apivideo-uploader>`);
        await waitUntil(() => part(el, 'record-camera'), 'the record button', { timeout: 10_000 });
        await el.startRecording('camera');
        await waitUntil(() => (part(el, 'recording-preview') as HTMLVideoElement | null)?.videoWidth, 'the first frame', { timeout: 15_000 });
        await photographEveryWay(el, 'recording', { allowed: 64 });
        el.reset();
      } finally {
        thaw();
      }
    });
  });

  // Last: api.video's answer holds every upload to its host for a minute (the rate gate is the page's, not one
  // upload's), so no upload may follow it in this file.
  describe('retrying', () => {
    it('retrying: api.video asked to slow down, the wait said', async () => {
      await lane.fault({ part: 2, times: 1, status: 429, headers: { 'Retry-After': '60' }, body: { title: 'Too many requests', status: 429 } });
      const el = await framed(320, html`<apivideo-uploader api-host=${lane.emulatorUrl} chunk-size=${String(5 * MiB)} token-url=${lane.tokenUrl}></apivideo-uploader>`);
      el.closest('.frame')!.classList.add('retry');
      const retry = nextEvent(el, 'upload-retry');
      void el.upload(await videoOfSize(10 * MiB, 'holiday in the mountains, summer 2026.webm'));
      await retry;
      await untilPoster(el);
      await el.updateComplete;
      expect(part(el, 'stats')!.textContent).to.contain('60 s');
      await photographEveryWay(el, 'retrying');
      el.cancel();
    });
  });

  // Chromium emulates the visitor's colour scheme (DevTools protocol); puppeteer needs that protocol for it, which
  // Firefox over WebDriver BiDi does not speak.
  const itEmulatesScheme: Mocha.TestFunction = browserEngine() === 'chromium' ? it : (it.skip as Mocha.TestFunction);

  itEmulatesScheme('dark by the visitor\'s setting, and the light theme kept on a dark system', async () => {
    try {
      await emulateMedia({ colorScheme: 'dark' });
      await framed(480, html`<apivideo-uploader></apivideo-uploader>`);
      await matchesReference('idle-480-dark-ltr');
      fixtureCleanup();
      await framed(480, html`<apivideo-uploader theme="light"></apivideo-uploader>`);
      await matchesReference('idle-480-light-ltr');
    } finally {
      await emulateMedia({ colorScheme: 'light' });
    }
  });
});

function hex(rgb: [number, number, number] | undefined): string {
  return `#${(rgb ?? []).map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}
