// The one piece of recording every page carries: reading `sources`, and loading the rest (panel, recorder, upload,
// their strings) with a dynamic import, only once an element offers the camera or the screen.
import type { RecordingPanel, RecordingPanelHost } from './panel.js';
import type { ReactiveControllerHost } from 'lit';

export type UploadSource = 'file' | 'camera' | 'screen';

/** `sources` as a list: the known words of a space-separated value, `file` when there are none. */
export function parseSources(value: string | undefined): UploadSource[] {
  const words = (value ?? '').toLowerCase().split(/\s+/);
  const known = (['file', 'camera', 'screen'] as const).filter((source) => words.includes(source));
  return known.length > 0 ? known : ['file'];
}

export function records(sources: UploadSource[]): boolean {
  return sources.includes('camera') || sources.includes('screen');
}

/** The recording panel for `host`, its code fetched on first use. */
export async function loadRecordingPanel(host: ReactiveControllerHost & HTMLElement, settings: RecordingPanelHost): Promise<RecordingPanel> {
  const { RecordingPanel } = await import('./panel.js');
  return new RecordingPanel(host, settings);
}
