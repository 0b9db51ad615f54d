// Removing the element stops everything it started, at once, whatever the state and whether or not the tab runs
// animation frames (a background tab runs none); moving it within the page keeps the upload going.
import { expect } from '@open-wc/testing';
import '../../src/index.js';
import type { UploadSuccessEvent } from '../../src/index.js';
import { nextEvent, onPart, recordEvents, sha256, untilState, uploader, useLane, videoFile } from './support.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Bytes per part: the emulator is told to take parts this small. */
const PART = 64 * 1024;
/** Three parts, the last one smaller. */
const THREE_PARTS = 2 * PART + PART / 2;

/** Undone after each test. */
const restores: Array<() => void> = [];

/** From here on the page runs no animation frames, as in a background tab. */
function noAnimationFrames(): void {
  const original = window.requestAnimationFrame;
  window.requestAnimationFrame = () => 0;
  restores.push(() => (window.requestAnimationFrame = original));
}

/** Counts the window's `online`/`offline` listeners added from here on, and those of them still there. */
function watchConnectivityListeners(): { added: () => number; live: () => string[] } {
  const { addEventListener: add, removeEventListener: remove } = window;
  const watched = (type: string) => type === 'online' || type === 'offline';
  const live: Array<[string, unknown]> = [];
  let added = 0;
  window.addEventListener = function (this: Window, ...args: Parameters<Window['addEventListener']>) {
    const [type, listener] = args;
    if (watched(type) && !live.some(([t, l]) => t === type && l === listener)) {
      added++;
      live.push([type, listener]);
    }
    return add.apply(this, args);
  } as Window['addEventListener'];
  window.removeEventListener = function (this: Window, ...args: Parameters<Window['removeEventListener']>) {
    const [type, listener] = args;
    const index = live.findIndex(([t, l]) => t === type && l === listener);
    if (index >= 0) live.splice(index, 1);
    return remove.apply(this, args);
  } as Window['removeEventListener'];
  restores.push(() => {
    window.addEventListener = add;
    window.removeEventListener = remove;
  });
  return { added: () => added, live: () => live.map(([type]) => type) };
}

/** The requests for an HLS manifest made from here on (the playable poll's), and an unwatched fetch. */
function watchManifestFetches(): { seen: () => string[]; unwatched: typeof fetch } {
  const original = window.fetch;
  const seen: string[] = [];
  window.fetch = function (this: Window, ...args: Parameters<typeof fetch>) {
    const [input] = args;
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (url.endsWith('/manifest.m3u8')) seen.push(url);
    return original.apply(this, args);
  } as typeof fetch;
  restores.push(() => (window.fetch = original));
  return { seen: () => [...seen], unwatched: original.bind(window) };
}

describe('<apivideo-uploader> removed from the page', () => {
  const lane = useLane();
  // Never reset here: the lane's emulator takes small parts from the start.
  before(() => lane.smallParts(PART));

  afterEach(async () => {
    while (restores.length) restores.pop()!();
    await lane.emulator('POST', '/config', { hlsReadyDelayMs: 1000 });
  });

  it('stops a running upload at once: no further part, upload-cancel and no upload-success', async () => {
    const el = await uploader(lane, PART);
    noAnimationFrames();
    const token = await lane.createToken();
    el.uploadToken = token;
    let videoId = '';
    const events = recordEvents(el, ['upload-cancel', 'upload-success']);
    const cancelled = nextEvent(el, 'upload-cancel', 15_000);
    onPart(el, 1, (event) => {
      videoId = event.detail.videoId;
      el.remove();
    });
    const settled = el.upload(videoFile(THREE_PARTS, 'removed.mp4', 37));

    await cancelled;
    await settled;
    expect(el.state).to.equal('idle');
    expect(el.file).to.equal(undefined);
    expect(events.map((event) => event.type)).to.deep.equal(['upload-cancel']);
    expect((await lane.requestsWith(token)).map((entry) => entry.part)).to.deep.equal([1]);
    const stored = await lane.storedVideo(videoId);
    expect(stored.complete).to.equal(false);
    expect(stored.receivedParts).to.deep.equal([1]);
  });

  it('keeps uploading when taken out and put back elsewhere in the same task', async () => {
    const el = await uploader(lane, PART);
    noAnimationFrames();
    const token = await lane.createToken();
    el.uploadToken = token;
    const elsewhere = document.createElement('section');
    document.body.append(elsewhere);
    const events = recordEvents(el, ['upload-cancel', 'upload-success']);
    // Two separate calls, as a framework reordering a list makes them: the element is out of the page in between.
    onPart(el, 1, () => {
      el.remove();
      elsewhere.append(el);
    });
    const success = nextEvent<UploadSuccessEvent>(el, 'upload-success', 60_000);
    const file = videoFile(THREE_PARTS, 'moved.mp4', 38);
    void el.upload(file);

    const { video } = (await success).detail;
    expect(el.parentElement).to.equal(elsewhere);
    expect(events.map((event) => event.type)).to.deep.equal(['upload-success']);
    expect((await lane.storedVideo(video.videoId)).sha256).to.equal(await sha256(file));
    const log = await lane.requestsWith(token);
    expect(log.map((entry) => `${entry.part} ${entry.status}`)).to.deep.equal(['1 201', '2 201', '3 201']);
    elsewhere.remove();
  });

  it('lets go of the online/offline listeners when removed in the error state, and still shows the error', async () => {
    const el = await uploader(lane, PART);
    noAnimationFrames();
    const listeners = watchConnectivityListeners();
    el.uploadToken = await lane.createToken();
    await lane.fault({ part: 1, status: 400 });
    const failed = nextEvent(el, 'upload-error', 60_000);
    void el.upload(videoFile(PART / 2, 'refused.mp4', 39));
    await failed;
    await untilState(el, 'error');
    // The upload listened for the network going away; what follows checks it stopped.
    expect(listeners.added()).to.be.greaterThan(0);

    el.remove();
    await sleep(0);
    expect(listeners.live()).to.deep.equal([]);
    expect(el.state).to.equal('error');
    expect(el.error?.status).to.equal(400);
  });

  it('stops polling for playback and fires no video-playable when removed after success', async () => {
    // Not playable for an hour: a poll still going asks again and again.
    await lane.emulator('POST', '/config', { hlsReadyDelayMs: 3_600_000 });
    const el = await uploader(lane, PART);
    noAnimationFrames();
    const manifests = watchManifestFetches();
    el.uploadToken = await lane.createToken();
    let playable = false;
    el.addEventListener('video-playable', () => (playable = true));
    const success = nextEvent<UploadSuccessEvent>(el, 'upload-success', 60_000);
    el.addEventListener('upload-success', () => el.remove(), { once: true });
    void el.upload(videoFile(PART / 2, 'gone.mp4', 40));
    const { video } = (await success).detail;
    const asked = () => manifests.seen().filter((url) => url.includes(video.videoId)).length;

    // The poll asks 0.5 s, 1.25 s and 2.4 s after its first ask (which may have gone out before the removal).
    await sleep(2_600);
    expect(asked()).to.be.at.most(1);
    // Playable from now on: a poll still going would hear so at its next ask, 1.7 s after the last.
    await lane.emulator('POST', '/config', { hlsReadyDelayMs: 0 });
    expect((await manifests.unwatched(video.assets!.hls!)).status).to.equal(200);
    await sleep(2_500);
    expect(playable).to.equal(false);
    expect(asked()).to.be.at.most(1);
    expect(el.state).to.equal('success');
    expect(el.videoId).to.equal(video.videoId);
  });

  it('starts no upload for a file still being checked when the element is removed', async () => {
    const el = await uploader(lane, PART);
    noAnimationFrames();
    // A duration limit makes the check read the file's metadata: it takes a while.
    el.maxDuration = 3600;
    const token = await lane.createToken();
    el.uploadToken = token;
    const events = recordEvents(el, ['file-select', 'upload-start', 'upload-success']);
    const settled = el.upload(videoFile(PART / 2, 'checked.mp4', 41));
    el.remove();

    await settled;
    expect(events.map((event) => event.type)).to.deep.equal([]);
    expect(el.state).to.equal('idle');
    expect(el.file).to.equal(undefined);
    expect(await lane.requestsWith(token)).to.deep.equal([]);
  });
});
