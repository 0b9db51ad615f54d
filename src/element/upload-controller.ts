// Runs one file's UploadSession for the element: its callbacks become the element's state, DOM events and
// live-region announcements. A replaced or abandoned session's late callbacks are ignored.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  TokenRefreshEvent,
  UploadCancelEvent,
  UploadErrorEvent,
  UploadPartEvent,
  UploadPauseEvent,
  UploadProgressEvent,
  UploadResumeEvent,
  UploadRetryEvent,
  UploadStartEvent,
  UploadSuccessEvent,
  VideoPlayableEvent,
  type UploadErrorDetail,
  type UploadProgressDetail,
  type UploadRetryDetail,
  type Video,
} from '../events/index.js';
import { UploadSession, type UploadSessionOptions, type UploadState } from '../upload/index.js';
import { ProgressMilestones } from './announcer.js';
import type { LocalizeController } from './localize.js';
import { errorMessage, type Strings } from './strings.js';
import { isInProgress } from './states.js';

export interface UploadControllerOptions {
  localize: LocalizeController;
  /** Puts a sentence in the live region. */
  announce(text: string): void;
  /** The session was cancelled from within (its cancel button, `cancel()`): the host forgets the file. */
  cancelled(): void;
  /** The host was removed from the page (not moved): the upload has been let go; the host drops what it still holds. */
  removed(): void;
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
  private session?: UploadSession;
  /** The video of a failed upload let go on removal, still reported by `videoId`. */
  private releasedVideoId?: string;
  private readonly milestones = new ProgressMilestones();

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
    let session: UploadSession;
    try {
      session = this.createSession(options);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // A configuration the session refuses (a bad api-host): its words are the only useful thing to show.
      this.fail({ code: 'upload-failed', message, retriable: false, detail: message });
      return Promise.resolve();
    }
    this.session = session;
    return session.start();
  }

  /** An error; `text` overrides the strings table's text for it (an error the element itself found). */
  fail(detail: UploadErrorDetail, text: (strings: Strings) => string = (strings) => errorMessage(strings, detail)): void {
    this.error = detail;
    this.errorText = text;
    // A static token refused mid-upload waits for a new one; the session says so through `stateChange`.
    if (this.state !== 'waiting-for-token') this.state = 'error';
    const strings = this.options.localize.strings;
    this.options.announce(strings.announceError(text(strings)));
    this.host.dispatchEvent(new UploadErrorEvent(detail));
    this.host.requestUpdate();
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
    this.options.announce(this.options.localize.strings.announceCancel);
    this.host.dispatchEvent(new UploadCancelEvent());
  }

  private createSession(options: UploadSessionOptions): UploadSession {
    const { host } = this;
    const strings = () => this.options.localize.strings;
    const announce = (text: string) => this.options.announce(text);
    const session: UploadSession = new UploadSession(options, {
      stateChange: (next) => {
        if (!this.current(session)) return;
        this.state = next;
        if (next !== 'uploading') this.retrying = undefined;
        if (next === 'preparing' || next === 'uploading') {
          this.error = undefined;
          this.errorText = undefined;
        }
        host.requestUpdate();
      },
      start: (detail) => {
        if (!this.current(session)) return;
        announce(strings().announceStart(detail.file.name));
        host.dispatchEvent(new UploadStartEvent(detail));
      },
      progress: (detail) => {
        if (!this.current(session)) return;
        this.progress = detail;
        const milestone = this.milestones.next(detail.percent);
        if (milestone !== undefined) announce(strings().announceProgress(milestone));
        host.dispatchEvent(new UploadProgressEvent(detail));
        host.requestUpdate();
      },
      part: (detail) => {
        if (!this.current(session)) return;
        if (this.retrying?.part === detail.part) {
          this.retrying = undefined;
          host.requestUpdate();
        }
        host.dispatchEvent(new UploadPartEvent(detail));
      },
      retry: (detail) => {
        if (!this.current(session)) return;
        this.retrying = detail;
        host.dispatchEvent(new UploadRetryEvent(detail));
        host.requestUpdate();
      },
      tokenRefresh: (detail) => this.current(session) && host.dispatchEvent(new TokenRefreshEvent(detail)),
      pause: () => {
        if (!this.current(session)) return;
        announce(strings().announcePause);
        host.dispatchEvent(new UploadPauseEvent());
      },
      resume: () => {
        if (!this.current(session)) return;
        announce(strings().announceResume);
        host.dispatchEvent(new UploadResumeEvent());
      },
      cancel: () => {
        if (!this.current(session)) return;
        this.clear();
        this.options.cancelled();
        this.reportCancel();
      },
      error: (detail) => {
        if (this.current(session)) this.fail(detail);
      },
      success: (detail) => {
        if (!this.current(session)) return;
        this.video = detail.video;
        this.state = 'success';
        announce(strings().announceSuccess);
        host.dispatchEvent(new UploadSuccessEvent(detail));
        host.requestUpdate();
      },
      playable: (detail) => this.current(session) && host.dispatchEvent(new VideoPlayableEvent(detail)),
    });
    return session;
  }

  private current(session: UploadSession): boolean {
    return this.session === session;
  }
}
