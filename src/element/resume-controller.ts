// The element's side of resume after a reload: the store of its `resume-storage-key` (one record per file, by its
// fingerprint), the offers it shows when idle ("Resume upload of holiday.mp4 (42 %)"), the tracker each upload
// records itself through (every file of a queue has its own), and the page leaving (`pagehide` keeps every upload's
// record, `beforeunload` asks the visitor to stay). Where a resumed upload took up, and why one did not, are its
// session's (its snapshot). The store is the upload engine's: the offers are read once it has arrived.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { checkedApiHost } from '../upload/api-host.js';
import type { ResumeRecord } from '../upload/resume-record.js';
import type { ResumeStore } from '../upload/resume-store.js';
import type { ResumeTracker } from '../upload/resume-tracker.js';
import type { UploadState } from '../upload/types.js';
import type { UploadCode, UploadEngineCode } from './engine-code.js';
import { isInProgress } from './states.js';

/** An earlier upload the element offers to continue. */
export interface ResumeOffer {
  readonly key: string;
  readonly fileName: string;
  readonly percent: number;
  /** The file can come back without the picker (a kept handle). */
  readonly hasHandle: boolean;
}

/** How many earlier uploads are offered at once, the latest first. */
const MAX_OFFERS = 3;

export interface ResumeHost extends ReactiveControllerHost, HTMLElement {
  readonly resumable: boolean;
  readonly resumeStorageKey?: string;
  readonly apiHost: string;
  readonly warnOnLeave: boolean;
  readonly state: UploadState;
}

export interface ResumeControllerOptions {
  /** Takes a file (and its handle) as if the visitor had chosen it. */
  select(file: File, handle?: FileSystemFileHandle): void;
  /** Opens the file picker, for an offer whose file must be chosen again. */
  pick(): void;
  /** The trackers of the uploads the element holds now, whose records the page leaving keeps. */
  trackers(): Iterable<ResumeTracker>;
  /** The upload engine, fetched on demand: the store and the trackers are its. */
  engine: UploadEngineCode;
}

export class ResumeController implements ReactiveController {
  /** Earlier uploads the idle element offers to continue. */
  offers: ResumeOffer[] = [];
  #store: ResumeStore | undefined;
  #records = new Map<string, ResumeRecord>();
  #shownFor = '';
  #loads = 0;
  #warning = false;

  readonly #host: ResumeHost;
  readonly #options: ResumeControllerOptions;

  constructor(host: ResumeHost, options: ResumeControllerOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('pagehide', this.#onPageHide);
    window.addEventListener('pageshow', this.#onPageShow);
    this.#shownFor = '';
  }

  hostDisconnected(): void {
    window.removeEventListener('pagehide', this.#onPageHide);
    window.removeEventListener('pageshow', this.#onPageShow);
    this.#warnOnLeave(false);
  }

  hostUpdated(): void {
    const host = this.#host;
    this.#warnOnLeave(host.warnOnLeave && isInProgress(host.state));
    // Offers are read again when the element comes back to idle, or its storage key, host or `resumable` changed.
    const shownFor = JSON.stringify([host.resumable, host.resumeStorageKey ?? '', host.apiHost, host.state === 'idle']);
    if (shownFor !== this.#shownFor) {
      this.#shownFor = shownFor;
      if (host.state === 'idle') void this.#loadOffers();
    }
  }

  /**
   * The tracker for an upload about to start, with the engine it starts with (undefined with `resumable="false"`): it
   * finds and keeps its record.
   */
  trackerFor(code: UploadCode, handle?: FileSystemFileHandle): ResumeTracker | undefined {
    return this.#host.resumable ? new code.ResumeTracker(this.#currentStore(code), handle) : undefined;
  }

  /** Removes every record of this element's storage key (the engine fetched first, if need be). */
  async forget(): Promise<void> {
    const code = await this.#options.engine.load();
    await this.#currentStore(code).clear();
    this.#loads++;
    this.#records.clear();
    this.offers = [];
    this.#host.requestUpdate();
  }

  /** Removes one offer's record. */
  async dismiss(key: string): Promise<void> {
    const code = await this.#options.engine.load();
    await this.#currentStore(code).remove(key);
    this.#records.delete(key);
    this.offers = this.offers.filter((offer) => offer.key !== key);
    this.#host.requestUpdate();
  }

  /**
   * Continues an offered upload: with its kept handle, the file comes back (the click is the gesture a lapsed
   * permission needs); without one, or if the file is gone or refused, the picker opens and the file chosen is
   * matched to its record.
   */
  async take(key: string): Promise<void> {
    const handle = this.#records.get(key)?.handle;
    if (!handle) return this.#options.pick();
    const file = await fileFromHandle(handle);
    if (!file) return this.#options.pick();
    // Taken: a queue, which shows its offers beside its files, no longer offers it.
    this.offers = this.offers.filter((offer) => offer.key !== key);
    this.#options.select(file, handle);
  }

  #currentStore(code: UploadCode): ResumeStore {
    const namespace = this.#host.resumeStorageKey?.trim() ?? '';
    if (this.#store?.namespace !== namespace) this.#store = new code.ResumeStore({ namespace });
    return this.#store;
  }

  async #loadOffers(): Promise<void> {
    const load = ++this.#loads;
    // Not resumable: no offer is rendered, and none is read.
    if (!this.#host.resumable) return;
    // Read once the engine is there (fetched at the visitor's first sign of intent, or when the page is idle).
    const code = this.#options.engine.value ?? (await this.#options.engine.loaded);
    if (load !== this.#loads) return;
    let records: ResumeRecord[] = [];
    try {
      records = await this.#currentStore(code).list(checkedApiHost(this.#host.apiHost));
    } catch {
      // An api-host the session would refuse has no records: the upload will say what is wrong with it.
    }
    if (load !== this.#loads) return;
    records = records.slice(0, MAX_OFFERS);
    this.#records = new Map(records.map((record) => [record.key, record]));
    this.offers = records.map((record) => ({
      key: record.key,
      fileName: record.fingerprint.name,
      percent: code.acknowledgedPercent(record),
      hasHandle: Boolean(record.handle),
    }));
    this.#host.requestUpdate();
  }

  /** `beforeunload` is listened to only while an upload runs: a page with the listener may lose the back-forward cache. */
  #warnOnLeave(on: boolean): void {
    if (on === this.#warning) return;
    this.#warning = on;
    if (on) window.addEventListener('beforeunload', this.#onBeforeUnload);
    else window.removeEventListener('beforeunload', this.#onBeforeUnload);
  }

  readonly #onBeforeUnload = (event: BeforeUnloadEvent) => {
    event.preventDefault();
    // Engines that predate preventDefault() here ask when returnValue is set.
    event.returnValue = '';
  };

  // A reload, a closed tab or a navigation: the upload stops with the page, and that is no cancel.
  readonly #onPageHide = () => {
    for (const tracker of this.#options.trackers()) tracker.keep();
  };

  // Back from the back-forward cache: the page lives on, and a cancel is a cancel again.
  readonly #onPageShow = (event: PageTransitionEvent) => {
    if (event.persisted) for (const tracker of this.#options.trackers()) tracker.keep(false);
  };
}

interface PermissionAware {
  queryPermission?(descriptor: { mode: 'read' }): Promise<PermissionState>;
  requestPermission?(descriptor: { mode: 'read' }): Promise<PermissionState>;
}

/**
 * The file behind a kept handle, asking the visitor's permission where it lapsed (on a click: the browser asks only
 * from a user gesture); undefined when refused, moved or deleted, and the caller opens the picker.
 */
async function fileFromHandle(handle: FileSystemFileHandle): Promise<File | undefined> {
  const aware = handle as FileSystemFileHandle & PermissionAware;
  try {
    let permission: PermissionState = (await aware.queryPermission?.({ mode: 'read' })) ?? 'granted';
    if (permission === 'prompt' && aware.requestPermission) permission = await aware.requestPermission({ mode: 'read' });
    if (permission !== 'granted') return undefined;
    return await handle.getFile();
  } catch {
    return undefined;
  }
}
