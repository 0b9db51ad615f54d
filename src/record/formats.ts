// The container and codecs a recording is made in. api.video takes WebM and MP4 alike; the first the browser can
// record wins: WebM with VP9 or VP8 and Opus in Chromium and Firefox, MP4 (H.264, AAC) in Safari, which records no WebM
// before 18.4. A type the page asks for is used when the browser can record it. An audio codec is named only when
// there is sound: Firefox's recorder fails at once on a stream without the tracks its type names.
export const RECORDING_TYPES = [
  'video/webm;codecs=vp9,opus',
  'video/webm;codecs=vp8,opus',
  'video/webm',
  'video/mp4;codecs=avc1,mp4a',
  'video/mp4',
] as const;

const SILENT_TYPES = ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm', 'video/mp4;codecs=avc1', 'video/mp4'] as const;

/** The type to record in; '' leaves the choice to the browser (a MediaRecorder without isTypeSupported). */
export function chooseRecordingType(asked?: string, withAudio = true): string {
  const supported = (type: string) => typeof MediaRecorder.isTypeSupported === 'function' && MediaRecorder.isTypeSupported(type);
  if (asked?.trim() && supported(asked.trim())) return asked.trim();
  const types: readonly string[] = withAudio ? RECORDING_TYPES : SILENT_TYPES;
  return types.find(supported) ?? '';
}

/** The file extension for a recorded type. */
export function extensionOf(mimeType: string): string {
  return /^video\/mp4/i.test(mimeType) ? 'mp4' : 'webm';
}
