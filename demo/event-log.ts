// The live log: every event <apivideo-uploader> fires, newest first, as a timeline: when, what, a sentence of what it
// says, and its detail as JSON under a disclosure. An upload's run of progress events is one line that moves.
import { uploaderEvents } from '../src/index.js';

/** Every event the element fires, from the package's events table. */
export const EVENT_NAMES: readonly string[] = uploaderEvents.map((event) => event.eventName);

// Keeps a long upload's log from slowing the page down.
const MAX_ENTRIES = 400;

/** JSON for an event's detail; a File shows its name, size and type rather than `{}`. */
export function describeDetail(detail: unknown): string {
  if (detail === undefined || detail === null) return '';
  return JSON.stringify(
    detail,
    (_key, value: unknown) =>
      value instanceof File ? { name: value.name, size: value.size, type: value.type } : value,
    0,
  );
}

type Detail = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const megabytes = (bytes: number) => `${(bytes / 1_000_000).toFixed(1)} MB`;

/** One line a person reads, per event; the JSON says the rest. */
export function summary(name: string, d: Detail): string {
  switch (name) {
    case 'upload-state':
      return `${d.previous} → ${d.state}`;
    case 'file-select':
      return `${d.file?.name} · ${megabytes(d.file?.size ?? 0)}`;
    case 'file-reject':
      return d.message ?? d.reason;
    case 'upload-start':
      return `${d.parts} part${d.parts === 1 ? '' : 's'} of ${megabytes(d.chunkSize ?? 0)}`;
    case 'upload-progress':
      return [`${d.percent} %`, d.bytesPerSecond > 0 ? `${megabytes(d.bytesPerSecond)}/s` : '', d.etaSeconds != null ? `${Math.ceil(d.etaSeconds)} s left` : '']
        .filter(Boolean)
        .join(' · ');
    case 'upload-part':
      return `part ${d.part}${d.parts ? ` of ${d.parts}` : ''} stored${d.attempts > 1 ? ` after ${d.attempts} attempts` : ''}`;
    case 'upload-retry':
      return `part ${d.part} again in ${(d.delayMs / 1000).toFixed(1)} s (${d.cause})`;
    case 'token-refresh':
      return `a token (${d.reason})`;
    case 'upload-error':
    case 'metadata-error':
      return `${d.code}: ${d.message}`;
    case 'upload-success':
    case 'video-playable':
      return d.video?.videoId ?? '';
    case 'metadata-save':
      return `“${d.video?.title ?? ''}”${d.thumbnailTimecode ? ` · thumbnail at ${d.thumbnailTimecode}` : ''}`;
    case 'queue-complete':
      return `${d.succeeded} uploaded, ${d.failed} failed, ${d.cancelled} cancelled, ${d.rejected} rejected`;
    case 'recording-start':
      return `${d.source} · ${d.mimeType}`;
    case 'recording-stop':
      return `${d.reason} · ${megabytes(d.bytes ?? 0)}`;
    default:
      return '';
  }
}

/** How the timeline marks an event: a failure, an outcome, a step, or a note from the page. */
function kindOf(name: string): string {
  if (/error|reject/.test(name)) return 'failure';
  if (/success|playable|save|complete/.test(name)) return 'outcome';
  if (name === 'upload-progress') return 'progress';
  return 'step';
}

export class EventLog {
  private readonly started = performance.now();

  constructor(private readonly list: HTMLOListElement) {}

  /** Logs every uploader event that reaches `target` (they bubble and are composed). */
  listen(target: EventTarget): void {
    for (const name of EVENT_NAMES) {
      target.addEventListener(name, (event) => this.add(name, (event as Event & { detail?: unknown }).detail));
    }
  }

  add(name: string, detail?: unknown, kind: 'event' | 'note' = 'event'): void {
    const item = document.createElement('li');
    item.dataset.event = name;
    item.className = `${kind} ${kind === 'note' ? 'note' : kindOf(name)}`;
    const time = document.createElement('time');
    time.textContent = `${((performance.now() - this.started) / 1000).toFixed(2)} s`;
    const label = document.createElement('strong');
    label.textContent = name;
    const json = typeof detail === 'string' ? detail : describeDetail(detail);
    const said = document.createElement('span');
    said.className = 'summary';
    said.textContent = typeof detail === 'string' ? detail : summary(name, (detail ?? {}) as Detail);
    const body = document.createElement('code');
    body.textContent = json;
    const more = document.createElement('details');
    const open = document.createElement('summary');
    open.textContent = 'detail';
    more.append(open, body);
    item.append(time, label, said);
    if (kind === 'event' && json) item.append(more);
    // A run of progress for the same file is one line, the newest.
    const newest = this.list.firstElementChild as HTMLLIElement | null;
    const file = (detail as { file?: File } | undefined)?.file;
    if (name === 'upload-progress' && newest?.dataset.event === name && newest.dataset.file === file?.name) newest.remove();
    if (file) item.dataset.file = file.name;
    this.list.prepend(item);
    while (this.list.children.length > MAX_ENTRIES) this.list.lastElementChild?.remove();
  }

  clear(): void {
    this.list.replaceChildren();
  }
}
