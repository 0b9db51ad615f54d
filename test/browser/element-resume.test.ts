// <apivideo-uploader> after a reload. A reload is played honestly inside one page: `pagehide` (what every unload
// fires), then the element and its upload are dropped mid-part, and a new element starts in the same page with the
// same storage. A real reload and a killed browser are in the Node end-to-end tests.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { ApiVideoUploader, UploadStartEvent, UploadSuccessEvent } from '../../src/index.js';
import { ResumeStore } from '../../src/upload/index.js';
import type { EmulatorVideoReport } from '../../src/server/emulator/control.js';
import {
  asVisitorsBrowser, eventually, freshNamespace, holdPart, nextEvent, part, sendsByPart, sha256, untilLogged,
  untilState, useLane, videoFile, watchUncaught,
} from './support.js';

/**
 * Bytes per part: the emulator is told to take parts this small. Larger than the fingerprint's 64 KiB at each end, as
 * real parts are.
 */
const PART = 256 * 1024;
/** 8 parts, the last one smaller; parts 1–4 are 57 % of it. */
const EIGHT_PARTS = 7 * PART + 1234;
/** 3 parts, the last one smaller. */
const THREE_PARTS = 2 * PART + PART / 2;

const until = eventually;

/** Resolves once no record is left under `key` (a removal is written a moment after the event that asks for it). */
const untilNoRecord = (key: string) =>
  eventually(async () => (await new ResumeStore({ namespace: key }).list()).length === 0, `no record under ${key}`);

/** The file reaches the element through its file input, as one chosen in the picker does. */
function choose(el: ApiVideoUploader, file: File): void {
  const input = el.shadowRoot!.querySelector<HTMLInputElement>('input[type=file]')!;
  const transfer = new DataTransfer();
  transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/** What an unload does to the element: `pagehide`, then the page and its upload are gone. */
function leavePage(el: ApiVideoUploader): void {
  window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }));
  el.remove();
}

/** Counts the file input's clicks (the picker) and keeps the picker from opening. */
function watchInput(el: ApiVideoUploader): () => number {
  let clicks = 0;
  el.shadowRoot!.querySelector('input[type=file]')!.addEventListener('click', (event) => {
    clicks++;
    event.preventDefault();
  });
  return () => clicks;
}

/** The texts the status line shows, in order. */
function watchStatus(el: ApiVideoUploader): string[] {
  const seen: string[] = [];
  const observer = new MutationObserver(() => {
    const text = part(el, 'status')?.textContent?.trim();
    if (text && seen.at(-1) !== text) seen.push(text);
  });
  observer.observe(el.shadowRoot!, { childList: true, characterData: true, subtree: true });
  return seen;
}

const offerTexts = (el: ApiVideoUploader) =>
  [...el.shadowRoot!.querySelectorAll('[part~="resume-offer-button"]')].map((button) => button.textContent!.trim());

type PickerWindow = Window & { showOpenFilePicker?: (options?: unknown) => Promise<FileSystemFileHandle[]> };

describe('<apivideo-uploader> resume after a reload', () => {
  const lane = useLane();
  // The lane is this file's alone and never reset here: its emulator takes small parts from the start.
  before(() => lane.smallParts(PART));
  const restores: Array<() => void> = [];
  afterEach(() => {
    while (restores.length) restores.pop()!();
  });

  function uploader(key: string, attributes: { resumable?: string; warnOnLeave?: string } = {}): Promise<ApiVideoUploader> {
    return fixture<ApiVideoUploader>(html`<apivideo-uploader
      api-host=${lane.emulatorUrl}
      .minChunkSize=${PART}
      .chunkSize=${PART}
      token-url=${lane.tokenUrl}
      resume-storage-key=${key}
      resumable=${attributes.resumable ?? 'true'}
      warn-on-leave=${attributes.warnOnLeave ?? 'true'}
    ></apivideo-uploader>`);
  }

  /** Every video the lane's emulator holds. */
  const videosOn = () => lane.emulator<EmulatorVideoReport[]>('GET', '/videos');

  /** How many requests the lane's emulator has logged so far. */
  const logLength = async () => (await lane.requestLog()).length;

  /** Uploads `file` (chosen by `start`) until part `at` is on its way, then leaves the page. Returns the video. */
  async function interrupted(el: ApiVideoUploader, at: number, start: () => void): Promise<string> {
    const since = await logLength();
    await holdPart(lane, at);
    start();
    await untilLogged(lane, at, since);
    const videoId = el.videoId ?? '';
    expect(videoId).to.match(/^vi/);
    leavePage(el);
    return videoId;
  }

  it('reloaded at part 5 of 8, continues the same file chosen again: parts 1–4 never sent again, one video', async () => {
    const key = freshNamespace('reload');
    const file = videoFile(EIGHT_PARTS, 'holiday.mp4', 5);
    const first = await uploader(key);
    const videoId = await interrupted(first, 5, () => choose(first, file));
    const sentBefore = (await lane.requestLog()).length;

    const second = await uploader(key);
    await until(() => offerTexts(second).length, 'the offer');
    expect(offerTexts(second)).to.deep.equal(['Resume upload of holiday.mp4 (57 %)']);
    await expect(second).to.be.accessible();
    second.lang = 'fr';
    await until(() => offerTexts(second)[0]?.startsWith('Reprendre'), 'the offer in French');
    expect(offerTexts(second)).to.deep.equal(['Reprendre l’envoi de holiday.mp4 (57\u00a0%)']);
    expect(part(second, 'forget-offer-button')!.getAttribute('aria-label')).to.equal('Oublier l’envoi inachevé de holiday.mp4');
    second.lang = 'en';
    await until(() => offerTexts(second)[0]?.startsWith('Resume'), 'the offer in English');
    const statuses = watchStatus(second);
    const started = nextEvent<UploadStartEvent>(second, 'upload-start');
    const success = nextEvent<UploadSuccessEvent>(second, 'upload-success', 60_000);
    choose(second, file);

    expect((await started).detail).to.include({ resumed: true, firstPart: 5, parts: 8 });
    expect((await success).detail.video.videoId).to.equal(videoId);
    expect(statuses).to.include('Resuming at 57 %');
    const after = (await lane.requestLog()).slice(sentBefore);
    expect(sendsByPart(after)).to.deep.equal({ 5: 1, 6: 1, 7: 1, 8: 1 });
    const videos = await videosOn();
    expect(videos.filter((video) => video.videoId === videoId)).to.have.length(1);
    expect(videos.find((video) => video.videoId === videoId)!.sha256).to.equal(await sha256(file));
    // Done: nothing left to offer.
    await untilState(second, 'success');
    second.reset();
    await second.updateComplete;
    await until(() => second.state === 'idle', 'idle');
    await untilNoRecord(key);
  });

  it('brings the file back from its kept handle on a click where the browser allows it; elsewhere the offer opens the picker', async () => {
    const key = freshNamespace('handle');
    const bytes = videoFile(EIGHT_PARTS, 'holiday.mp4', 6);
    const pickerWindow = window as PickerWindow;
    const canKeepHandles = typeof pickerWindow.showOpenFilePicker === 'function';
    let picked = 0;
    let file: File = bytes;
    const first = await uploader(key);
    if (canKeepHandles) {
      // A file in the origin's private file system stands for the one on disk the visitor picks: a real handle.
      const directory = await navigator.storage.getDirectory();
      const handle = await directory.getFileHandle(`${key}.mp4`, { create: true });
      const writable = await handle.createWritable();
      await writable.write(bytes);
      await writable.close();
      file = await handle.getFile();
      const original = pickerWindow.showOpenFilePicker;
      pickerWindow.showOpenFilePicker = async () => {
        picked++;
        return [handle];
      };
      restores.push(() => (pickerWindow.showOpenFilePicker = original));
      restores.push(() => void directory.removeEntry(`${key}.mp4`));
      // A visitor's click: under the test runner (navigator.webdriver) the element would open the file input instead.
      restores.push(asVisitorsBrowser());
    }
    const videoId = await interrupted(first, 5, () => (canKeepHandles ? part(first, 'drop-zone')!.click() : choose(first, file)));
    expect(picked).to.equal(canKeepHandles ? 1 : 0);

    const second = await uploader(key);
    const inputClicks = watchInput(second);
    await until(() => offerTexts(second).length, 'the offer');
    expect(offerTexts(second)).to.deep.equal([`Resume upload of ${file.name} (57 %)`]);
    const started = nextEvent<UploadStartEvent>(second, 'upload-start');
    const success = nextEvent<UploadSuccessEvent>(second, 'upload-success', 60_000);
    part(second, 'resume-offer-button')!.click();
    if (canKeepHandles) {
      expect(await started.then((event) => event.detail)).to.include({ resumed: true, firstPart: 5 });
      expect([picked, inputClicks()]).to.deep.equal([1, 0]);
    } else {
      await until(() => inputClicks() === 1, 'the picker');
      choose(second, file);
      expect((await started).detail).to.include({ resumed: true, firstPart: 5 });
    }
    expect((await success).detail.video.videoId).to.equal(videoId);
    const stored = (await videosOn()).find((video) => video.videoId === videoId)!;
    expect(stored.sha256).to.equal(await sha256(bytes));
  });

  it('works as before without storage (refused, absent, or full): no record, no offer, nothing thrown', async () => {
    const uncaught = watchUncaught();
    const original = Object.getOwnPropertyDescriptor(window, 'indexedDB');
    const put = IDBObjectStore.prototype.put;
    const refuse = () =>
      Object.defineProperty(window, 'indexedDB', {
        configurable: true,
        get() {
          throw new DOMException('The operation is insecure.', 'SecurityError');
        },
      });
    const absent = () => Object.defineProperty(window, 'indexedDB', { configurable: true, value: undefined });
    const full = () => {
      IDBObjectStore.prototype.put = function () {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    };
    const restore = () => {
      if (original) Object.defineProperty(window, 'indexedDB', original);
      else delete (window as { indexedDB?: unknown }).indexedDB;
      IDBObjectStore.prototype.put = put;
    };
    restores.push(restore);
    for (const [name, breakStorage] of [['refused', refuse], ['absent', absent], ['full', full]] as const) {
      const key = freshNamespace(`no-storage-${name}`);
      const file = videoFile(THREE_PARTS + 7, `${name}.mp4`, 7);
      breakStorage();
      const first = await uploader(key);
      await interrupted(first, 3, () => choose(first, file));
      const second = await uploader(key);
      // Give the offer time to appear, were there one.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(offerTexts(second), name).to.deep.equal([]);
      const started = nextEvent<UploadStartEvent>(second, 'upload-start');
      const success = nextEvent<UploadSuccessEvent>(second, 'upload-success', 60_000);
      choose(second, file);
      expect((await started).detail, name).to.include({ resumed: false, firstPart: 1 });
      const { video } = (await success).detail;
      expect((await videosOn()).find((v) => v.videoId === video.videoId)!.sha256, name).to.equal(await sha256(file));
      await second.forgetResumable();
      restore();
      expect(await new ResumeStore({ namespace: key }).list(), name).to.deep.equal([]);
    }
    expect(uncaught.stop()).to.deep.equal([]);
  });

  it('with resumable="false" records nothing, offers nothing and uses the plain file picker', async () => {
    const key = freshNamespace('off');
    const file = videoFile(THREE_PARTS + 7, 'off.mp4', 8);
    const el = await uploader(key, { resumable: 'false' });
    expect(el.resumable).to.equal(false);
    await interrupted(el, 3, () => choose(el, file));
    expect(await new ResumeStore({ namespace: key }).list()).to.deep.equal([]);
    const next = await uploader(key, { resumable: 'false' });
    const inputClicks = watchInput(next);
    next.openFilePicker();
    expect(inputClicks()).to.equal(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(offerTexts(next)).to.deep.equal([]);
  });

  it('asks the visitor to stay while an upload runs, unless warn-on-leave="false"', async () => {
    const leaving = () => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    };
    for (const warn of ['true', 'false']) {
      const el = await uploader(freshNamespace('leave'), { warnOnLeave: warn });
      expect(leaving(), `idle, warn-on-leave=${warn}`).to.equal(false);
      const since = await logLength();
      const hold = await lane.hold(2, `leave-${warn}`);
      const success = nextEvent(el, 'upload-success', 30_000);
      choose(el, videoFile(THREE_PARTS, 'leave.mp4', 9));
      await untilLogged(lane, 2, since);
      expect(leaving(), `uploading, warn-on-leave=${warn}`).to.equal(warn === 'true');
      await lane.release(hold);
      await success;
      await el.updateComplete;
      expect(leaving(), `done, warn-on-leave=${warn}`).to.equal(false);
      el.remove();
    }
  });

  it('forgets on cancel, on Forget and on forgetResumable(); offers only the records of its own storage key', async () => {
    const key = freshNamespace('forget');
    const file = videoFile(THREE_PARTS + 7, 'forget.mp4', 10);
    const store = new ResumeStore({ namespace: key });

    // Cancelled by the visitor: the record goes.
    const cancelled = await uploader(key);
    choose(cancelled, file);
    await nextEvent(cancelled, 'upload-part');
    part(cancelled, 'cancel-button')!.click();
    await until(() => cancelled.state === 'idle', 'idle');
    await untilNoRecord(key);
    await cancelled.updateComplete;
    expect(offerTexts(cancelled)).to.deep.equal([]);
    cancelled.remove();

    // Left by a reload: offered under its key only.
    const first = await uploader(key);
    await interrupted(first, 2, () => choose(first, file));
    const elsewhere = await uploader(freshNamespace('elsewhere'));
    const second = await uploader(key);
    await until(() => offerTexts(second).length, 'the offer');
    expect(offerTexts(elsewhere)).to.deep.equal([]);
    part(second, 'forget-offer-button')!.click();
    await until(() => !offerTexts(second).length, 'the offer to go');
    await untilNoRecord(key);

    const third = await uploader(key);
    await interrupted(third, 2, () => choose(third, file));
    const fourth = await uploader(key);
    await until(() => offerTexts(fourth).length, 'the offer');
    await fourth.forgetResumable();
    await fourth.updateComplete;
    expect(offerTexts(fourth)).to.deep.equal([]);
    expect(await store.list()).to.deep.equal([]);
  });
});
