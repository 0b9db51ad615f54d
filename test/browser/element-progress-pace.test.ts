// Progress reaches the screen at the screen's pace: however many reports come in one animation frame, the element
// renders once in it, and its numbers change at most ten times a second; every report is still an `upload-progress`
// event. The reports here are the browser's own for a request held in flight by the emulator, and many more
// dispatched on that request's upload target, each in a task of its own, as a fast link or several parts at once give
// them. Rendering is the same code in every engine: Chromium alone (test/browser/engines.mjs).
import { expect } from '@open-wc/testing';
import '../../src/index.js';
import type { UploadProgressEvent } from '../../src/index.js';
import { MiB, eventually, holdPart, part, uploader, useLane, videoFile } from './support.js';

/** Waits for the next task: a message through a channel, which no timer clamps. */
const nextTask = () =>
  new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));

describe('<apivideo-uploader> progress on screen', () => {
  const lane = useLane();

  it('renders many progress reports of one frame once, changes its numbers ten times a second at most, and fires every report', async () => {
    const el = await uploader(lane);
    el.uploadToken = await lane.createToken();
    // Part 1 stays in flight: its request waits on the emulator before it is read.
    await holdPart(lane, 1, 10_000);

    // The upload's request, caught as the page sends it.
    let request: XMLHttpRequest | undefined;
    const open = XMLHttpRequest.prototype.open;
    const send = XMLHttpRequest.prototype.send;
    const uploads = new WeakSet<XMLHttpRequest>();
    XMLHttpRequest.prototype.open = function (this: XMLHttpRequest, ...args: unknown[]) {
      if (/\/upload\?/.test(String(args[1]))) uploads.add(this);
      return (open as (...a: unknown[]) => void).apply(this, args);
    } as typeof open;
    XMLHttpRequest.prototype.send = function (this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
      if (uploads.has(this)) request = this;
      return send.call(this, body);
    };
    try {
      // 24 MiB in 5 MiB parts: part 1 is under a quarter of the file, so no milestone is announced (a render of its
      // own) while it is on its way.
      const file = videoFile(24 * MiB, 'paced.mp4', 61);
      void el.upload(file);
      const sending = (await eventually(() => request, 'the first part sent'))!;
      await eventually(() => el.state === 'uploading', 'uploading');
      await el.updateComplete;

      let frame = 0;
      let counting = true;
      const tick = () => {
        frame++;
        if (counting) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
      const reportFrames: number[] = [];
      const renderFrames: number[] = [];
      const texts: { text: string; at: number }[] = [];
      el.addEventListener('upload-progress', () => reportFrames.push(frame));
      const watch = {
        hostUpdated: () => {
          renderFrames.push(frame);
          const text = `${part(el, 'status')!.textContent} ${part(el, 'stats')!.textContent}`;
          if (text !== texts.at(-1)?.text) texts.push({ text, at: performance.now() });
        },
      };
      el.addController(watch);

      // 300 reports, each in its own task, the bytes sent climbing through part 1.
      const started = performance.now();
      const reports = 300;
      for (let i = 1; i <= reports; i++) {
        await nextTask();
        const loaded = Math.floor((i / reports) * 4 * MiB);
        sending.upload.dispatchEvent(new ProgressEvent('progress', { lengthComputable: true, loaded, total: 5 * MiB }));
      }
      const lasted = performance.now() - started;
      // The frame that renders the last of them, and the numbers' last catching up.
      await new Promise((resolve) => setTimeout(resolve, 150));
      await nextFrame();
      await nextFrame();
      counting = false;
      el.removeController(watch);

      expect(reportFrames.length, 'every report is an event').to.be.at.least(reports);
      const perFrame = (frames: number[]) =>
        Math.max(...Object.values(frames.reduce<Record<number, number>>((count, f) => ({ ...count, [f]: (count[f] ?? 0) + 1 }), {})));
      // The test can tell: many reports came within single frames…
      expect(perFrame(reportFrames), 'reports in the busiest frame').to.be.greaterThan(3);
      // …and each frame rendered once at most.
      expect(perFrame(renderFrames), 'renders in the busiest frame').to.equal(1);
      expect(renderFrames.length).to.be.lessThan(reportFrames.length / 3);
      // The numbers: at most one change per 100 ms of the reports, and the last report's figure shown at the end.
      expect(texts.length, texts.map((t) => t.text).join(' | ')).to.be.at.most(Math.ceil(lasted / 100) + 2);
      const latest = (el.progress as UploadProgressEvent['detail']).percent;
      expect(part(el, 'status')!.textContent).to.equal(`Uploading… ${Math.floor(latest)} %`);
      expect(Number(part(el, 'progress-bar')!.getAttribute('aria-valuenow'))).to.equal(Math.floor(latest));
    } finally {
      XMLHttpRequest.prototype.open = open;
      XMLHttpRequest.prototype.send = send;
      el.cancel();
    }
  });
});
