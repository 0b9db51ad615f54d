// A page left mid-recording (reloaded, closed) cannot record on, but what it recorded is not lost: the recording ran
// in a frame, the frame is removed as a reload removes a page (its scripts stop where they are), and this page's
// recording panel then offers the recording, whole, for download.
import { expect, fixture, html } from '@open-wc/testing';
import type { ApiVideoUploader } from '../../src/index.js';
import '../../src/index.js';
import { RecordingJournal } from '../../src/record/journal.js';
import { describeRecording, EBML_HEADER, eventually, part, useLane, waitUntil } from './support.js';

const PART = 64 * 1024;

interface FramePage extends Window {
  parts?: number;
  recordedBytes?: number;
}

/** A same-origin page that records from the camera into the lane, uploading while it records. */
async function recordingFrame(tokenUrl: string, apiHost: string): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  frame.allow = 'camera; microphone';
  const options = JSON.stringify({ source: 'camera', microphone: true, apiHost, tokens: { url: tokenUrl }, partSize: PART, timesliceMs: 200 });
  frame.srcdoc = `<!doctype html><script type="module">
    const { Recording } = await import('/src/record/index.ts');
    window.parts = 0;
    window.recordedBytes = 0;
    await Recording.start({ ...${options}, onData: (chunk) => (window.recordedBytes += chunk.size) }, (event) => {
      if (event.type === 'upload-part') window.parts++;
    });
  </script>`;
  document.body.append(frame);
  return frame;
}

describeRecording('A page left mid-recording', () => {
  const lane = useLane();
  before(async () => {
    // Recordings other test files left (a failed upload keeps its recording) share this origin's IndexedDB in some
    // engines: only this file's own may be offered here.
    for (const left of await RecordingJournal.leftovers()) await RecordingJournal.discard(left.id);
    await lane.reset();
    await lane.emulator('POST', '/config', { minPartBytes: PART });
  });
  // Whatever happened above, no recording of this file is left for the next file's elements to offer.
  after(async () => {
    for (const left of await RecordingJournal.leftovers()) await RecordingJournal.discard(left.id);
  });

  it('leaves its recording, whole, for the next page that records to offer for download', async () => {
    const frame = await recordingFrame(new URL(lane.tokenUrl, location.href).href, lane.emulatorUrl);
    const page = () => frame.contentWindow as FramePage | null;
    await waitUntil(() => (page()?.parts ?? 0) >= 2, 'two parts stored while recording', { timeout: 30_000 });
    // Its journal has had time to take the chunks the frame recorded so far (each written as it came).
    const recorded = page()!.recordedBytes!;
    // What is tested is that the journal keeps what was recorded, not the race of its last write against the frame's
    // removal (on a busy machine the last chunk's write may still be on its way): what the frame recorded so far is
    // in the journal first, as it would be a moment later on a page left for real.
    await eventually(
      async () => (await RecordingJournal.leftovers()).some((left) => left.data.size >= recorded),
      'the journal holding what the frame recorded',
    );
    frame.remove();

    const el = await fixture<ApiVideoUploader>(html`<apivideo-uploader sources="camera" token-url=${lane.tokenUrl}></apivideo-uploader>`);
    await waitUntil(() => part(el, 'leftover-download'), 'the left recording offered for download');
    const link = part(el, 'leftover-download') as HTMLAnchorElement;
    expect(link.download).to.match(/^camera-.*\.webm$/);
    const data = await (await fetch(link.href)).blob();
    const sent = (await lane.requestLog()).filter((r) => r.status === 201).reduce((sum, r) => sum + r.bytes, 0);
    expect(data.size, 'at least what was recorded when it was left').to.be.at.least(recorded);
    expect(data.size, 'more than was uploaded').to.be.above(sent);
    expect([...new Uint8Array(await data.slice(0, 4).arrayBuffer())]).to.deep.equal(EBML_HEADER);

    part(el, 'leftover-discard')!.click();
    await waitUntil(() => !part(el, 'leftover-download'), 'discarded');
    const again = await fixture<ApiVideoUploader>(html`<apivideo-uploader sources="camera" token-url=${lane.tokenUrl}></apivideo-uploader>`);
    await waitUntil(() => part(again, 'microphone'), 'the panel');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(part(again, 'leftover-download'), 'gone once discarded').to.equal(null);
  });
});

/**
 * IndexedDB that takes an open and never answers it, as WebKit has in private windows. `during` runs `start` with the
 * page's timers held, so the wait given to the open is the test's to end (`giveUp`), not a real one.
 */
function stalledStorage() {
  const original = Object.getOwnPropertyDescriptor(window, 'indexedDB');
  const opening: { result?: unknown; onsuccess?: () => void } = {};
  Object.defineProperty(window, 'indexedDB', { configurable: true, value: { open: () => opening } });
  const held: { handler: () => void; ms: number }[] = [];
  return {
    during<T>(start: () => T): T {
      const setTimeoutBefore = window.setTimeout;
      window.setTimeout = ((handler: () => void, ms: number) => held.push({ handler, ms })) as typeof window.setTimeout;
      try {
        return start();
      } finally {
        window.setTimeout = setTimeoutBefore;
      }
    },
    waits: () => held.map((timer) => timer.ms),
    giveUp: () => held.forEach((timer) => timer.handler()),
    answer(db: unknown) {
      opening.result = db;
      opening.onsuccess?.();
    },
    restore() {
      if (original) Object.defineProperty(window, 'indexedDB', original);
      else delete (window as { indexedDB?: unknown }).indexedDB;
    },
  };
}

describe('The recording journal', () => {
  it('gives up on an open IndexedDB never answers (the recording goes on without it), and closes a late database', async () => {
    const storage = stalledStorage();
    try {
      const entry = { id: 'stalled', name: 'stalled.webm', type: 'video/webm', startedAt: Date.now() };
      const journal = storage.during(() => RecordingJournal.open(entry));
      expect(storage.waits(), 'one wait set on the open').to.have.length(1);
      storage.giveUp();
      expect(await journal, 'no journal').to.equal(undefined);
      let closed = false;
      storage.answer({ close: () => (closed = true) });
      expect(closed, 'the database that answered after the wait was given up on is closed').to.equal(true);
    } finally {
      storage.restore();
    }
  });
});
