// Frames of the chosen file, decoded in the page through a <video> and a canvas: nothing is uploaded for them. A
// codec the browser cannot decode, or a file that never answers a seek, gives no frames rather than an error: the
// upload does not depend on them.

export interface VideoFrame {
  /** Where in the video, in seconds. */
  seconds: number;
  /** A JPEG of the frame, as an object URL: revoke it with `releaseFrames`. */
  url: string;
}

/** How long one step (metadata, a seek, an encode) may take before the strip is given up. */
const STEP_TIMEOUT_MS = 8000;

function once(target: EventTarget, ok: string, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`${what} took too long`)), STEP_TIMEOUT_MS);
    const done = (error?: Error) => {
      clearTimeout(timer);
      target.removeEventListener(ok, onOk);
      target.removeEventListener('error', onError);
      if (error) reject(error);
      else resolve();
    };
    const onOk = () => done();
    const onError = () => done(new Error(`${what} failed`));
    target.addEventListener(ok, onOk);
    target.addEventListener('error', onError);
  });
}

async function drawAt(video: HTMLVideoElement, seconds: number, context: CanvasRenderingContext2D): Promise<void> {
  const seeked = once(video, 'seeked', 'seeking');
  video.currentTime = seconds;
  await seeked;
  context.drawImage(video, 0, 0, context.canvas.width, context.canvas.height);
}

function allBlack(context: CanvasRenderingContext2D): boolean {
  const { data } = context.getImageData(0, 0, context.canvas.width, context.canvas.height);
  for (let i = 0; i < data.length; i += 4) if (data[i]! > 8 || data[i + 1]! > 8 || data[i + 2]! > 8) return false;
  return true;
}

/** `count` frames spread over the video (the middle of each of `count` equal spans), `width` pixels wide. */
export async function framesOf(file: Blob, count: number, width = 160): Promise<VideoFrame[]> {
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.preload = 'auto';
  const source = URL.createObjectURL(file);
  const frames: VideoFrame[] = [];
  try {
    const loaded = once(video, 'loadeddata', 'reading the video');
    video.src = source;
    await loaded;
    if (!video.videoWidth || !video.videoHeight) throw new Error('the video has no picture');
    const duration = Number.isFinite(video.duration) && video.duration > 0 ? video.duration : 0;
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = Math.max(1, Math.round((width * video.videoHeight) / video.videoWidth));
    const context = canvas.getContext('2d')!;
    for (let i = 0; i < count; i++) {
      // Whole milliseconds: the timecode sent is the frame shown.
      const seconds = Math.round(((duration * (i + 0.5)) / count) * 1000) / 1000;
      await drawAt(video, seconds, context);
      // Chromium may fire `seeked` before its decoder holds the frame, and the canvas then gets a black picture: a
      // frame all black is sought and drawn once more (a video that is black there costs one more seek).
      if (allBlack(context)) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        await drawAt(video, seconds, context);
      }
      const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.8));
      if (!blob) throw new Error('the frame could not be encoded');
      frames.push({ seconds, url: URL.createObjectURL(blob) });
    }
    return frames;
  } catch (error) {
    releaseFrames(frames);
    throw error;
  } finally {
    URL.revokeObjectURL(source);
    video.removeAttribute('src');
    video.load();
  }
}

export function releaseFrames(frames: readonly VideoFrame[]): void {
  for (const frame of frames) URL.revokeObjectURL(frame.url);
}
