// The one piece of recording every page carries: reading `sources`. The rest (panel, recorder, their strings) is
// fetched with a dynamic import by the element's side once the list is there (src/element/list-side.ts), only once an
// element offers the camera or the screen.

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
