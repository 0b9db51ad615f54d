// What is recorded: the camera (with or without the microphone) or a screen (with the microphone added when asked).
// Every failure to get them becomes a RecordingFailure that names what was refused or missing, never a hang.
import type { RecordingFailureReason, UploadErrorDetail } from '../events/index.js';

export type RecordingSource = 'camera' | 'screen';

/** A recording that could not start or went wrong; `detail` is the upload-error the page hears. */
export class RecordingFailure extends Error {
  override readonly name = 'RecordingFailure';
  constructor(readonly detail: UploadErrorDetail) {
    super(detail.message);
  }
}

/** The browser's error, named: NotAllowedError (refused), NotFoundError (no device), NotReadableError (in use). */
export function recordingFailure(what: string, error: unknown): RecordingFailure {
  // Read by shape: an error from another frame's realm is no `instanceof DOMException` here.
  const { name, message } = (typeof error === 'object' && error !== null ? error : {}) as { name?: unknown; message?: unknown };
  const named = typeof name === 'string' ? name : 'Error';
  const text = typeof message === 'string' ? message : String(error);
  const [reason, why]: [RecordingFailureReason | undefined, string] =
    named === 'NotAllowedError' || named === 'SecurityError'
      ? ['refused', `permission to use the ${what} was refused`]
      : named === 'NotFoundError' || named === 'OverconstrainedError'
        ? ['no-device', `there is no ${what}`]
        : named === 'NotReadableError' || named === 'AbortError'
          ? ['in-use', `the ${what} could not be used (another program may hold it)`]
          : named === 'NotSupportedError'
            ? ['unsupported', `this browser cannot record (its ${what} is not supported)`]
            : [undefined, `the ${what} could not be used`];
  return new RecordingFailure({
    code: 'recording-failed',
    ...(reason ? { reason } : {}),
    message: `The recording could not start: ${why}.`,
    detail: text ? `${named}: ${text}` : named,
    retriable: true,
  });
}

/** The stream to record from `source`; `microphone` adds the default microphone's audio. */
export async function openStream(
  source: RecordingSource,
  microphone: boolean,
  devices: MediaDevices | undefined = navigator.mediaDevices,
): Promise<MediaStream> {
  if (!devices) throw recordingFailure(source, new DOMException('Recording needs a secure page (https).', 'NotSupportedError'));
  if (source === 'camera') {
    try {
      return await devices.getUserMedia({ video: true, audio: microphone });
    } catch (error) {
      throw recordingFailure(microphone ? 'camera or microphone' : 'camera', error);
    }
  }
  if (typeof devices.getDisplayMedia !== 'function') {
    throw recordingFailure('screen', new DOMException('This browser cannot share a screen.', 'NotSupportedError'));
  }
  let screen: MediaStream;
  try {
    screen = await devices.getDisplayMedia({ video: true, audio: false });
  } catch (error) {
    throw recordingFailure('screen', error);
  }
  if (!microphone) return screen;
  try {
    const voice = await devices.getUserMedia({ audio: true });
    return new MediaStream([...screen.getVideoTracks(), ...voice.getAudioTracks()]);
  } catch (error) {
    for (const track of screen.getTracks()) track.stop();
    throw recordingFailure('microphone', error);
  }
}
