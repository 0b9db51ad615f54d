/** `detail` of the `queue-complete` event: what became of every file of the queue. */
export interface QueueCompleteDetail {
  /** Files uploaded. */
  readonly succeeded: number;
  /** Files whose upload stopped on an error (or waits for a new upload token); `retry()` can continue them. */
  readonly failed: number;
  /** Files cancelled. */
  readonly cancelled: number;
  /** Files that broke a restriction and were never sent (each had its `file-reject`). */
  readonly rejected: number;
}

/**
 * `queue-complete`: With `multiple`, the queue drained: no file is being checked, waits for its turn, uploads or is
 * paused. Fires again when files added or retried afterwards drain in turn. Bubbles and crosses shadow roots.
 */
export class QueueCompleteEvent extends Event {
  static readonly eventName = 'queue-complete';
  readonly detail: QueueCompleteDetail;

  constructor(detail: QueueCompleteDetail) {
    super(QueueCompleteEvent.eventName, { bubbles: true, composed: true });
    this.detail = detail;
  }
}
