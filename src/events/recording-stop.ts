/**
 * Why a recording stopped: `user` (stopRecording or the stop button), `max-duration`, `device-lost` (the camera,
 * microphone or shared screen went away, or the browser's own "stop sharing" was pressed), `error` (the recorder failed).
 */
export type RecordingStopReason = 'user' | 'max-duration' | 'device-lost' | 'error';

/** `detail` of the `recording-stop` event. */
export interface RecordingStopDetail {
  /** How long the recording ran, in seconds. */
  readonly durationSeconds: number;
  /** Bytes recorded; all of them are uploaded, the last part after this event. */
  readonly bytes: number;
  readonly reason: RecordingStopReason;
}

/**
 * `recording-stop`: A recording ended; the rest of its data is on its way, and `upload-success` follows.
 * Bubbles and crosses shadow roots.
 */
export class RecordingStopEvent extends Event {
  static readonly eventName = 'recording-stop';
  readonly detail: RecordingStopDetail;

  constructor(detail: RecordingStopDetail) {
    super(RecordingStopEvent.eventName, { bubbles: true, composed: true });
    this.detail = detail;
  }
}
