// Reads a video's duration from its metadata with a <video> element. A file the browser cannot decode
// (garbage bytes, an unknown codec) may never fire `loadedmetadata` nor `error`, so the wait is bounded:
// the answer is then "unknown", never a hang.

export const DURATION_TIMEOUT_MS = 5000;

/** The duration in seconds, or `undefined` when the metadata cannot be read in time or holds no finite duration. */
export function readVideoDuration(file: Blob, timeoutMs = DURATION_TIMEOUT_MS): Promise<number | undefined> {
  return new Promise((resolve) => {
    const video = document.createElement('video');
    const url = URL.createObjectURL(file);
    let settled = false;
    const finish = (duration: number | undefined) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      video.removeAttribute('src');
      video.load();
      URL.revokeObjectURL(url);
      resolve(duration !== undefined && Number.isFinite(duration) && duration >= 0 ? duration : undefined);
    };
    const timer = setTimeout(() => finish(undefined), timeoutMs);
    video.preload = 'metadata';
    video.muted = true;
    video.addEventListener('loadedmetadata', () => finish(video.duration), { once: true });
    video.addEventListener('error', () => finish(undefined), { once: true });
    video.src = url;
  });
}
