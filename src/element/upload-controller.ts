// Runs one entry's UploadSession for the element's list of uploads (its only file, or one file of its queue), or
// follows a recording's (run by the recording panel). The session owns where the upload stands and gives it as a snapshot, which the element renders from; the
// controller adds what only the element knows (an error found before any session could start, the words for the
// live region) and dispatches each of the session's events from the element. A replaced or abandoned session's late
// events are ignored.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  UploadCancelEvent,
  UploadErrorEvent,
  UploadPauseEvent,
  UploadProgressEvent,
  UploadResumeEvent,
  UploadStartEvent,
  UploadSuccessEvent,
  type UploaderEvent,
  type UploadErrorDetail,
  type UploadProgressDetail,
  type UploadRetryDetail,
  type Video,
} from '../events/index.js';
import type { UploadSession } from '../upload/session.js';
import type { UploadSessionEmit, UploadSessionOptions, UploadSnapshot, UploadState } from '../upload/types.js';
import type { UploadCode } from './engine-code.js';
import { ProgressMilestones } from './announcer.js';
import type { LocalizeController } from './localize.js';
import { Paced } from './paced.js';
import { errorLogLine, errorMessage } from './error-text.js';
import type { Strings } from './strings.js';
import { isInProgress } from './states.js';

/** What a live-region sentence reports, so a queue can name the file or leave a sentence out. */
export type Announcement = 'start' | 'progress' | 'pause' | 'resume' | 'cancel' | 'error' | 'success';

export interface UploadControllerOptions {
  localize: LocalizeController;
  /** Puts a sentence in the live region. */
  announce(text: string, about: Announcement): void;
  /** The session was cancelled from within (its cancel button, `cancel()`): the host forgets the file. */
  cancelled(): void;
  /** The host was removed from the page (not moved): the upload has been let go; the host drops what it still holds. */
  removed(): void;
  /**
   * Called after each event is dispatched: a queue then decides what starts next. `render` is false for progress,
   * which renders at the next frame (`progressed`).
   */
  changed?(render?: boolean): void;
  /** New progress to show: the host renders it at its next animation frame. */
  progressed?(): void;
}

/** A recording's upload as the recording panel hands it over: its events, and its session once it exists. */
export interface Following {
  readonly emit: UploadSessionEmit;
  watch(upload: UploadSession): void;
}

const IDLE: UploadSnapshot = { state: 'idle' };

export class UploadController implements ReactiveController {
  /** The file of the latest `start()`, named by the events the controller fires itself. */
  #file?: File;
  #session?: UploadSession;
  /** An error found before any session could start (a bad api-host, a recording that could not), with its words. */
  #failure?: { detail: UploadErrorDetail; text: (strings: Strings) => string };
  /** Where a finished or failed upload stood when the element was removed: still shown, its session let go. */
  #kept?: UploadSnapshot;
  readonly #milestones = new ProgressMilestones();
  /** The recording followed (see `follow`): its events are dispatched while it is the latest. */
  #followed?: object;
  /** The progress the numbers show: the latest, at most ten times a second (the bar shows the latest every frame). */
  readonly #shown = new Paced<UploadProgressDetail>(() => this.#options.progressed?.());

  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #options: UploadControllerOptions;

  constructor(host: ReactiveControllerHost & HTMLElement, options: UploadControllerOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  // Moving the element (removed, then inserted elsewhere) disconnects and reconnects it within one task, so the
  // decision waits for a microtask: a moved element is connected again by then, a removed one is not. Not for an
  // animation frame: background tabs run none, and a removed element there would upload to the end.
  hostDisconnected(): void {
    queueMicrotask(() => {
      if (!this.#host.isConnected) this.#release();
    });
  }

  /**
   * Removed from the page: nothing keeps running for an element no one can see. A running upload is cancelled and
   * reported (`upload-cancel`, back to idle); a finished or failed one keeps what it shows, while its session lets go
   * of its online/offline listeners and stops polling for the video to be playable.
   */
  #release(): void {
    if (this.running) {
      this.abandon();
      this.#options.cancelled();
    } else if (this.#session) {
      const session = this.#session;
      this.#kept = session.snapshot();
      this.#session = undefined;
      session.cancel();
    }
    this.#options.removed();
  }

  /** Where the upload stands, from its session; an error found before any session, as `error`. */
  get snapshot(): UploadSnapshot {
    if (this.#failure) return { state: 'error', error: this.#failure.detail };
    return this.#session?.snapshot() ?? this.#kept ?? IDLE;
  }

  get state(): UploadState {
    return this.snapshot.state;
  }

  get progress(): UploadProgressDetail | undefined {
    return this.snapshot.progress;
  }

  /** The progress the numbers show (percent, speed, time left): `progress` at most ten times a second. */
  get shownProgress(): UploadProgressDetail | undefined {
    return this.#shown.value ?? this.progress;
  }

  get error(): UploadErrorDetail | undefined {
    return this.snapshot.error;
  }

  /** The latest `upload-retry`, until the part it concerns is stored or the upload leaves `uploading`. */
  get retrying(): UploadRetryDetail | undefined {
    return this.snapshot.retrying;
  }

  get video(): Video | undefined {
    return this.snapshot.video;
  }

  /** The error's text in the element's language; the event's `message` is English. */
  get errorText(): ((strings: Strings) => string) | undefined {
    if (this.#failure) return this.#failure.text;
    const error = this.snapshot.error;
    return error && ((strings: Strings) => errorMessage(strings, error));
  }

  get running(): boolean {
    return Boolean(this.#session) && isInProgress(this.state);
  }

  get videoId(): string | undefined {
    return this.snapshot.videoId;
  }

  /**
   * Uploads `file` with the engine fetched, forgetting any previous upload. Resolves when the session settles; never
   * rejects.
   */
  start(options: UploadSessionOptions, code: UploadCode): Promise<void> {
    this.clear();
    this.#file = options.file;
    let session: UploadSession;
    try {
      session = new code.UploadSession(options, (event) => this.#heard(session, event));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // A configuration the session refuses (a bad api-host): the developer reads its words in the console and the
      // event; the visitor, that uploading is not available.
      this.fail({ file: options.file, code: 'upload-failed', message, retriable: false, detail: message }, (strings) => strings.unavailable);
      return Promise.resolve();
    }
    this.#session = session;
    return session.start();
  }

  /**
   * Follows a recording's upload, run by the recording panel, forgetting any previous upload: its events are
   * dispatched from the element, and its session, once the recording has one, is what the element shows. A recording
   * that could not start has no session: its error is shown as the element's own. An earlier recording followed is
   * ignored from then on.
   */
  follow(): Following {
    this.clear();
    const followed = (this.#followed = {});
    return {
      emit: (event) => {
        if (this.#followed !== followed) return;
        if ('file' in event.detail && event.detail.file) this.#file = event.detail.file;
        if (!this.#session && event instanceof UploadErrorEvent) this.fail(event.detail);
        else this.#heard(this.#session, event);
      },
      watch: (upload) => {
        if (this.#followed === followed) this.#session = upload;
      },
    };
  }

  /** An error found here; `text` overrides the strings table's text for it. */
  fail(detail: UploadErrorDetail, text: (strings: Strings) => string = (strings) => errorMessage(strings, detail)): void {
    this.#failure = { detail, text };
    this.#host.dispatchEvent(new UploadErrorEvent(detail));
    this.#speak(new UploadErrorEvent(detail));
    this.#host.requestUpdate();
    this.#options.changed?.();
  }

  pause(): void {
    this.#session?.pause();
  }

  resume(): void {
    this.#session?.resume();
  }

  cancel(): void {
    if (this.running) this.#session!.cancel();
  }

  /** Continues after an error; false when there is no session to continue (the host starts a new one). */
  retry(): boolean {
    if (this.state !== 'error' && this.state !== 'waiting-for-token') return false;
    if (!this.#session || this.#failure) return false;
    this.#session.retry();
    return true;
  }

  /** A new `upload-token`: used for the parts still to send, and continues an upload waiting for it. */
  setStaticToken(token: string): void {
    if (this.running) this.#session!.setStaticToken(token);
  }

  /** Drops the upload; a running one is cancelled and reported as such. */
  abandon(): void {
    const running = this.running;
    this.clear();
    if (running) {
      this.#options.announce(this.#options.localize.strings.announceCancel, 'cancel');
      this.#host.dispatchEvent(new UploadCancelEvent(this.#file ? { file: this.#file } : {}));
    }
  }

  /**
   * Back to idle without a word. Cancelling the dropped session also stops a finished one's playable polling and a
   * failed one's online/offline listeners; its callbacks no longer reach the page.
   */
  clear(): void {
    const session = this.#session;
    this.#session = undefined;
    session?.cancel();
    this.#followed = undefined;
    this.#failure = undefined;
    this.#kept = undefined;
    this.#milestones.reset();
    this.#shown.reset();
    this.#host.requestUpdate();
  }

  /**
   * One of the session's events: said, then dispatched from the element, unless the session was dropped since.
   * Progress is rendered at the next frame, however many reports come before it; anything else at once, with the
   * latest numbers.
   */
  #heard(session: UploadSession | undefined, event: UploaderEvent): void {
    if (session !== this.#session) return;
    if (event instanceof UploadCancelEvent) {
      this.clear();
      this.#options.cancelled();
    }
    const progress = event instanceof UploadProgressEvent;
    if (progress) this.#shown.offer(event.detail);
    else this.#shown.flush();
    this.#speak(event);
    this.#host.dispatchEvent(event);
    if (progress) {
      this.#options.progressed?.();
    } else {
      this.#host.requestUpdate();
    }
    this.#options.changed?.(!progress);
  }

  /** What the live region says for an event; an error's words also go to the console for the developer. */
  #speak(event: UploaderEvent): void {
    const { strings } = this.#options.localize;
    const { announce } = this.#options;
    if (event instanceof UploadStartEvent) {
      announce(strings.announceStart(event.detail.file.name), 'start');
    } else if (event instanceof UploadProgressEvent) {
      const milestone = this.#milestones.next(event.detail.percent);
      if (milestone !== undefined) announce(strings.announceProgress(milestone), 'progress');
    } else if (event instanceof UploadPauseEvent) {
      announce(strings.announcePause, 'pause');
    } else if (event instanceof UploadResumeEvent) {
      announce(strings.announceResume, 'resume');
    } else if (event instanceof UploadCancelEvent) {
      announce(strings.announceCancel, 'cancel');
    } else if (event instanceof UploadErrorEvent) {
      // The screen speaks to the visitor; the developer's detail (code, status, api.video's words) goes to the console.
      console.warn(errorLogLine(this.#host.localName, event.detail));
      announce(strings.announceError(this.errorText?.(strings) ?? errorMessage(strings, event.detail)), 'error');
    } else if (event instanceof UploadSuccessEvent) {
      announce(strings.announceSuccess, 'success');
    }
  }
}
