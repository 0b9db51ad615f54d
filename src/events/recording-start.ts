/** `detail` of the `recording-start` event. */
export interface RecordingStartDetail {
  /** What is being recorded: `camera` or `screen`. */
  readonly source: 'camera' | 'screen';
  /** The container and codecs the browser records in, as MediaRecorder reports them (e.g. `video/webm;codecs=vp9,opus`). */
  readonly mimeType: string;
}

/**
 * `recording-start`: A recording began; its data is uploaded as it comes.
 * Bubbles and crosses shadow roots.
 */
export class RecordingStartEvent extends Event {
  static readonly eventName = 'recording-start';
  readonly detail: RecordingStartDetail;

  constructor(detail: RecordingStartDetail) {
    super(RecordingStartEvent.eventName, { bubbles: true, composed: true });
    this.detail = detail;
  }
}
