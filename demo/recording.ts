// The dev page's recording: the element records from the camera and the screen while `sources` says so (the
// recording code is fetched only then, as on a site). Against the emulator, parts are smaller than api.video's 5 MiB
// (its minPartBytes lowered to match), so a few seconds of recording already go out in several parts while recording.
import type { ApiVideoUploader } from '../src/index.js';

const EMULATOR_PART = 256 * 1024;

/** `lowerEmulatorMinimum` is given only when the page talks to the emulator. */
export function wireSources(
  uploader: ApiVideoUploader,
  select: HTMLSelectElement,
  lowerEmulatorMinimum?: (bytes: number) => Promise<unknown>,
): void {
  const apply = () => {
    uploader.sources = select.value;
  };
  if (lowerEmulatorMinimum) {
    uploader.recordingPartSize = EMULATOR_PART;
    void lowerEmulatorMinimum(EMULATOR_PART).catch(() => (uploader.recordingPartSize = undefined));
  }
  select.addEventListener('change', apply);
  apply();
}
