import type { Video } from './video.js';

/** `detail` of the `video-playable` event. */
export interface VideoPlayableDetail {
  /** The file the event concerns. */
  readonly file: File;
  /** api.video's Video object for the video. */
  readonly video: Video;
}

/**
 * `video-playable`: The uploaded video can be played: its HLS (or mp4) asset answers 200.
 * Bubbles and crosses shadow roots.
 */
export class VideoPlayableEvent extends Event {
  static readonly eventName = 'video-playable';
  readonly detail: VideoPlayableDetail;

  constructor(detail: VideoPlayableDetail) {
    super(VideoPlayableEvent.eventName, { bubbles: true, composed: true });
    this.detail = detail;
  }
}
