// Runs one entry's UploadSession for the element's list of uploads (its only file, or one file of its queue), or
// follows a recording's upload. The session fires every public event itself; the controller mirrors each into what
// the element shows and says (state, progress, error, live-region sentences), then dispatches that very event from
// the element. A replaced or abandoned session's late events are ignored.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  UploadCancelEvent,
  UploadErrorEvent,
  UploadPartEvent,
  UploadPauseEvent,
  UploadProgressEvent,
  UploadResumeEvent,
  UploadRetryEvent,
  UploadStartEvent,
  UploadStateEvent,
  UploadSuccessEvent,
  type UploaderEvent,
  type UploadErrorDetail,
  type UploadProgressDetail,
  type UploadRetryDetail,
  type Video,
} from '../events/index.js';
import { UploadSession, type UploadSessionOptions, type UploadState } from '../upload/index.js';
import { ProgressMilestones } from './announcer.js';
import type { LocalizeController } from './localize.js';
import { errorLogLine, errorMessage, type Strings } from './strings.js';
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
  /** Called after each event is mirrored and dispatched: a queue then decides what starts next. */
  changed?(): void;
}

export class UploadController implements ReactiveController {
  state: UploadState = 'idle';
  progress?: UploadProgressDetail;
  error?: UploadErrorDetail;
  /** The latest `upload-retry`, until the part it concerns is stored or the upload leaves `uploading`. */
  retrying?: UploadRetryDetail;
  /** The error's text in the element's language; the event's `message` is English. */
  errorText?: (strings: Strings) => string;
  video?: Video;
  /** The file of the latest `start()`, named by the events the controller fires itself. */
  private file?: File;
  private session?: UploadSession;
  /** The video of a failed upload let go on removal, still reported by `videoId`. */
  private releasedVideoId?: string;
  private readonly milestones = new ProgressMilestones();
  /** The upload run elsewhere whose events are mirrored (see `follow`). */
  private followed?: object;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: UploadControllerOptions,
  ) {
    host.addController(this);
  }

  // Moving the element (removed, then inserted elsewhere) disconnects and reconnects it within one task, so the
  // decision waits for a microtask: a moved element is connected again by then, a removed one is not. Not for an
  // animation frame: background tabs run none, and a removed element there would upload to the end.
  hostDisconnected(): void {
    queueMicrotask(() => {
      if (!this.host.isConnected) this.release();
    });
  }

  /**
   * Removed from the page: nothing keeps running for an element no one can see. A running upload is cancelled and
   * reported (`upload-cancel`, back to idle); a finished or failed one keeps what it shows, while its session lets go
   * of its online/offline listeners and stops polling for the video to be playable.
   */
  private release(): void {
    if (this.running) {
      this.abandon();
      this.options.cancelled();
    } else {
      const session = this.session;
      this.session = undefined;
      this.releasedVideoId = session?.videoId;
      session?.cancel();
    }
    this.options.removed();
  }

  get running(): boolean {
    return Boolean(this.session) && isInProgress(this.state);
  }

  get videoId(): string | undefined {
    return this.video?.videoId ?? this.session?.videoId ?? this.releasedVideoId;
  }

  /** Uploads `file`, forgetting any previous upload. Resolves when the session settles; never rejects. */
  start(options: UploadSessionOptions): Promise<void> {
    this.clear();
    this.file = options.file;
    let session: UploadSession;
    try {
      session = this.createSession(options);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // A configuration the session refuses (a bad api-host): the developer reads its words in the console and the
      // event; the visitor, that uploading is not available.
      this.fail({ file: options.file, code: 'upload-failed', message, retriable: false, detail: message }, (strings) => strings.unavailable);
      return Promise.resolve();
    }
    this.session = session;
    return session.start();
  }

  /**
   * Mirrors and dispatches the events of an upload run elsewhere (a recording's), forgetting any previous upload;
   * the events of an earlier one followed are ignored.
   */
  follow(): (event: UploaderEvent) => void {
    this.clear();
    const followed = (this.followed = {});
    return (event) => {
      if (this.followed !== followed) return;
      if ('file' in event.detail && event.detail.file) this.file = event.detail.file;
      this.mirror(event);
      this.host.dispatchEvent(event);
      this.host.requestUpdate();
      this.options.changed?.();
    };
  }

  /** An error; `text` overrides the strings table's text for it (an error the element itself found). */
  fail(detail: UploadErrorDetail, text?: (strings: Strings) => string): void {
    this.showError(detail, text);
    this.host.dispatchEvent(new UploadErrorEvent(detail));
    this.host.requestUpdate();
    this.options.changed?.();
  }

  /** Shows and announces an error; `text` overrides the strings table's text for it. */
  private showError(detail: UploadErrorDetail, text: (strings: Strings) => string = (strings) => errorMessage(strings, detail)): void {
    this.error = detail;
    this.errorText = text;
    // The screen speaks to the visitor; the developer's detail (code, status, api.video's words) goes to the console.
    console.warn(errorLogLine(this.host.localName, detail));
    // A static token refused mid-upload waits for a new one; the session's `upload-state` said so already.
    if (this.state !== 'waiting-for-token') this.state = 'error';
    const strings = this.options.localize.strings;
    this.options.announce(strings.announceError(text(strings)), 'error');
  }

  pause(): void {
    this.session?.pause();
  }

  resume(): void {
    this.session?.resume();
  }

  cancel(): void {
    if (this.running) this.session!.cancel();
  }

  /** Continues after an error; false when there is no session to continue (the host starts a new one). */
  retry(): boolean {
    if (this.state !== 'error' && this.state !== 'waiting-for-token') return false;
    if (!this.session) return false;
    this.session.retry();
    return true;
  }

  /** A new `upload-token`: used for the parts still to send, and continues an upload waiting for it. */
  setStaticToken(token: string): void {
    if (this.running) this.session!.setStaticToken(token);
  }

  /** Drops the upload; a running one is cancelled and reported as such. */
  abandon(): void {
    const running = this.running;
    this.clear();
    if (running) this.reportCancel();
  }

  /**
   * Back to idle without a word. Cancelling the dropped session also stops a finished one's playable polling and a
   * failed one's online/offline listeners; its callbacks no longer reach the page.
   */
  clear(): void {
    const session = this.session;
    this.session = undefined;
    session?.cancel();
    this.followed = undefined;
    this.releasedVideoId = undefined;
    this.state = 'idle';
    this.progress = undefined;
    this.retrying = undefined;
    this.error = undefined;
    this.errorText = undefined;
    this.video = undefined;
    this.milestones.reset();
    this.host.requestUpdate();
  }

  private reportCancel(): void {
    this.options.announce(this.options.localize.strings.announceCancel, 'cancel');
    this.host.dispatchEvent(new UploadCancelEvent(this.file ? { file: this.file } : {}));
  }

  private createSession(options: UploadSessionOptions): UploadSession {
    const session: UploadSession = new UploadSession(options, (event) => {
      if (!this.current(session)) return;
      this.mirror(event);
      this.host.dispatchEvent(event);
      this.host.requestUpdate();
      this.options.changed?.();
    });
    return session;
  }

  /** What the element shows and says for one of the session's events, before the event itself reaches the page. */
  private mirror(event: UploaderEvent): void {
    const { strings } = this.options.localize;
    const { announce } = this.options;
    if (event instanceof UploadStateEvent) {
      const { state } = event.detail;
      this.state = state;
      if (state !== 'uploading') this.retrying = undefined;
      if (state === 'preparing' || state === 'uploading') {
        this.error = undefined;
        this.errorText = undefined;
      }
    } else if (event instanceof UploadStartEvent) {
      announce(strings.announceStart(event.detail.file.name), 'start');
    } else if (event instanceof UploadProgressEvent) {
      this.progress = event.detail;
      const milestone = this.milestones.next(event.detail.percent);
      if (milestone !== undefined) announce(strings.announceProgress(milestone), 'progress');
    } else if (event instanceof UploadPartEvent) {
      if (this.retrying?.part === event.detail.part) this.retrying = undefined;
    } else if (event instanceof UploadRetryEvent) {
      this.retrying = event.detail;
    } else if (event instanceof UploadPauseEvent) {
      announce(strings.announcePause, 'pause');
    } else if (event instanceof UploadResumeEvent) {
      announce(strings.announceResume, 'resume');
    } else if (event instanceof UploadCancelEvent) {
      this.clear();
      this.options.cancelled();
      announce(strings.announceCancel, 'cancel');
    } else if (event instanceof UploadErrorEvent) {
      this.showError(event.detail);
    } else if (event instanceof UploadSuccessEvent) {
      this.video = event.detail.video;
      announce(strings.announceSuccess, 'success');
    }
  }

  private current(session: UploadSession): boolean {
    return this.session === session;
  }
}
