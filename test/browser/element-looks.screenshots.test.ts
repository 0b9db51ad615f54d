// The element's looks, compared with stored screenshots (test/browser/screenshots/) in Chromium only: fonts and
// rasterisation differ per engine, so each engine would need references of its own, while the CSS is the same.
// `UPDATE_SCREENSHOTS=1 node test/browser-run.mjs --browsers chromium --files <this file>` writes new references.
// Deterministic on purpose: a fixed viewport and width, no transitions, and whatever changes from run to run (the
// video id hidden while keeping its place; speed and time left, which come and go with timing, left out).
import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import { emulateMedia, executeServerCommand, setViewport } from '@web/test-runner-commands';
import type { TemplateResult } from 'lit';
import '../../src/index.js';
import { LocalizeController } from '../../src/element/localize.js';
import type { ApiVideoUploader } from '../../src/index.js';
import type { ScreenshotPayload, ScreenshotResult } from '../support/screenshot-plugin.js';
import { MiB, nextEvent, onPart, part, untilState, useLane, videoFile } from './support.js';

const lane = useLane();

const stillStyles = html`<style>
  body { margin: 0; background: #808080; }
  .frame { padding: 8px; display: inline-block; }
  apivideo-uploader::part(progress-indicator),
  apivideo-uploader::part(drop-zone) { transition: none; }
  apivideo-uploader::part(video-id) { visibility: hidden; }
  /* Speed and time left appear once a speed is known, which depends on timing: never shown here. */
  apivideo-uploader::part(stats) { display: none; }
  /* Headless Chromium has no pointer ("pointer: none"), so it shows no "or drop it here", as a phone; DevTools cannot
     emulate a mouse's. The wide shots show the words as a page with a mouse sees them. */
  .mouse apivideo-uploader::part(drop-prompt) { display: block; }
  /* The fake camera's frames move: its preview is painted black, keeping its place and shape. */
  apivideo-uploader::part(recording-preview) { filter: brightness(0); }
</style>`;

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

/**
 * The element in a frame of `width` px, with its attributes; the frame is what is photographed. From 800 px, as a
 * desktop browser with a mouse shows it.
 */
async function framed(width: number, element: TemplateResult, dir = 'ltr'): Promise<ApiVideoUploader> {
  const frame = await fixture<HTMLDivElement>(
    html`<div class="frame ${width >= 800 ? 'mouse' : ''}" dir=${dir} style="width: ${width}px">${stillStyles}${element}</div>`,
  );
  const el = frame.querySelector('apivideo-uploader')!;
  await el.updateComplete;
  return el;
}

async function matchesReference(name: string, probe?: { x: number; y: number }): Promise<ScreenshotResult> {
  // Two frames: layout and paint settled after the last update.
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  const result = await executeServerCommand<ScreenshotResult, ScreenshotPayload>('compare-screenshot', { name, selector: '.frame', probe });
  if (result.written) return result;
  expect(result.missing, `no reference ${name}.png: run once with UPDATE_SCREENSHOTS=1 and review it`).to.not.equal(true);
  expect(result.differing, `${name}: pixels unlike the reference (this run's screenshot is in .test-results/screenshots/)`).to.equal(0);
  return result;
}

const hex = (rgb: [number, number, number] | undefined) => `#${(rgb ?? []).map((c) => c.toString(16).padStart(2, '0')).join('')}`;

describe('<apivideo-uploader> looks (Chromium screenshots)', () => {
  before(async () => {
    await setViewport({ width: 800, height: 900 });
  });

  afterEach(async () => {
    await emulateMedia({ colorScheme: 'light' });
    fixtureCleanup();
  });

  it('idle, light: a white box', async () => {
    await framed(480, html`<apivideo-uploader theme="light"></apivideo-uploader>`);
    const { probe } = await matchesReference('idle-light', { x: 14, y: 14 });
    expect(hex(probe)).to.equal('#ffffff');
  });

  it('idle, dark: by the theme attribute, and the same by the visitor\'s dark setting', async () => {
    await framed(480, html`<apivideo-uploader theme="dark"></apivideo-uploader>`);
    const { probe } = await matchesReference('idle-dark', { x: 14, y: 14 });
    expect(hex(probe)).to.equal('#18181b');
    fixtureCleanup();
    await emulateMedia({ colorScheme: 'dark' });
    await framed(480, html`<apivideo-uploader></apivideo-uploader>`);
    await matchesReference('idle-dark');
  });

  it('idle, light theme kept on a dark system', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    await framed(480, html`<apivideo-uploader theme="light"></apivideo-uploader>`);
    await matchesReference('idle-light');
  });

  it('idle at 320 and 800 px, light and dark', async () => {
    for (const width of [320, 800]) {
      for (const theme of ['light', 'dark']) {
        await framed(width, html`<apivideo-uploader theme=${theme}></apivideo-uploader>`);
        await matchesReference(`idle-${width}-${theme}`);
        fixtureCleanup();
      }
    }
  });

  it('idle with the camera and the screen offered, at 320 px light and 800 px dark', async () => {
    for (const [width, theme] of [[320, 'light'], [800, 'dark']] as const) {
      const el = await framed(width, html`<apivideo-uploader theme=${theme} sources="file camera screen"></apivideo-uploader>`);
      await waitUntil(() => part(el, 'record-camera'), 'the record buttons', { timeout: 10_000 });
      await el.updateComplete;
      await matchesReference(`idle-record-${width}-${theme}`);
      fixtureCleanup();
    }
  });

  it('recording from the fake camera at 320 px, light and dark', async () => {
    await lane.reset();
    await lane.emulator('POST', '/config', { minPartBytes: 64 * 1024 });
    // The recording's dot fades in and out; held still.
    await emulateMedia({ reducedMotion: 'reduce' });
    const thaw = freezeRecordingFigures();
    try {
      for (const theme of ['light', 'dark']) {
        const el = await framed(320, html`<apivideo-uploader theme=${theme} sources="file camera" token-url=${lane.tokenUrl}
          api-host=${lane.emulatorUrl} .recordingPartSize=${64 * 1024}></apivideo-uploader>`);
        await waitUntil(() => part(el, 'record-camera'), 'the record button', { timeout: 10_000 });
        await el.startRecording('camera');
        await waitUntil(() => (part(el, 'recording-preview') as HTMLVideoElement | null)?.videoWidth, 'the first frame', { timeout: 15_000 });
        await el.updateComplete;
        await matchesReference(`recording-320-${theme}`);
        el.reset();
        fixtureCleanup();
      }
    } finally {
      thaw();
      await emulateMedia({ reducedMotion: 'no-preference' });
    }
  });

  it('idle at 240 px, a narrow sidebar', async () => {
    await framed(240, html`<apivideo-uploader theme="light" max-file-size="2000000000" max-duration="600"></apivideo-uploader>`);
    await matchesReference('idle-narrow');
  });

  it('paused at half, light and dark, wide, narrow and right to left', async () => {
    for (const [name, width, theme, dir] of [
      ['paused-light', 480, 'light', 'ltr'],
      ['paused-dark', 480, 'dark', 'ltr'],
      ['paused-narrow', 240, 'light', 'ltr'],
      ['paused-rtl', 480, 'light', 'rtl'],
    ] as const) {
      const el = await framed(width, html`<apivideo-uploader theme=${theme} api-host=${lane.emulatorUrl} chunk-size=${String(5 * MiB)} token-url=${lane.tokenUrl}></apivideo-uploader>`, dir);
      onPart(el, 1, () => el.pause());
      void el.upload(videoFile(10 * MiB, 'holiday in the mountains, summer 2026.mp4'));
      await untilState(el, 'paused');
      await matchesReference(name);
      el.cancel();
      fixtureCleanup();
    }
  });

  it('uploading, waiting for the next token at half', async () => {
    let calls = 0;
    const el = await framed(480, html`<apivideo-uploader theme="light" api-host=${lane.emulatorUrl} chunk-size=${String(5 * MiB)}></apivideo-uploader>`);
    const renewing = new Promise<void>((resolve) => {
      el.tokenProvider = async ({ signal }) => {
        calls++;
        if (calls > 1) {
          // The renewal before part 2 never answers: the upload holds at exactly one part of two.
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
    void el.upload(videoFile(10 * MiB, 'clip.mp4'));
    await renewing;
    expect(el.state).to.equal('uploading');
    await matchesReference('uploading-light');
    el.cancel();
  });

  it('error and success', async () => {
    await lane.fault({ part: 1, times: 1, status: 400, body: { type: 'https://docs.api.video/reference/invalid-file', title: 'The file is not a video.', status: 400 } });
    let el = await framed(480, html`<apivideo-uploader theme="light" api-host=${lane.emulatorUrl} token-url=${lane.tokenUrl}></apivideo-uploader>`);
    void el.upload(videoFile(1000, 'clip.mp4'));
    await untilState(el, 'error');
    await matchesReference('error-light');
    fixtureCleanup();
    el = await framed(480, html`<apivideo-uploader theme="dark" api-host=${lane.emulatorUrl} token-url=${lane.tokenUrl}></apivideo-uploader>`);
    const success = nextEvent(el, 'upload-success');
    void el.upload(videoFile(1000, 'clip.mp4'));
    await success;
    await el.updateComplete;
    await matchesReference('success-dark');
  });
});
