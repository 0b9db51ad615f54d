// api.video answers 202 on a video's HLS manifest until it can be played; poll it (bounded) to tell the page.
import { UploadSuccessEvent, VideoPlayableEvent, type Video } from '../events/index.js';
import { abortableDelay } from './abortable-delay.js';
import type { UploadSessionEmit } from './types.js';

const DEFAULT_TIMEOUT_MS = 10 * 60_000;

/** Resolves true once the video's HLS (or else mp4) asset answers 200; false on timeout, abort or no asset. */
export async function waitUntilPlayable(video: Video, signal: AbortSignal, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<boolean> {
  const hls = video.assets?.hls;
  const url = hls ?? video.assets?.mp4;
  if (!url) return false;
  const deadline = Date.now() + timeoutMs;
  let delay = 500;
  while (!signal.aborted && Date.now() < deadline) {
    try {
      const response = await fetch(url, { method: hls ? 'GET' : 'HEAD', cache: 'no-store', signal });
      if (response.status === 200 || response.status === 206) {
        if (!hls || (await response.text()).length > 0) return true;
      }
    } catch {
      // Not reachable yet, or aborted: the loop condition decides.
    }
    await abortableDelay(Math.min(delay, Math.max(0, deadline - Date.now())), signal);
    delay = Math.min(5_000, delay * 1.5);
  }
  return false;
}

/**
 * An upload's end, a file's and a recording's alike: `upload-success`, then `video-playable` once api.video can play
 * the video (nothing when `signal` aborts or the wait times out first).
 */
export function announceSuccess(emit: UploadSessionEmit, file: File, video: Video, signal: AbortSignal, timeoutMs?: number): void {
  emit(new UploadSuccessEvent({ file, video }));
  void waitUntilPlayable(video, signal, timeoutMs).then((playable) => {
    if (playable) emit(new VideoPlayableEvent({ file, video }));
  });
}
