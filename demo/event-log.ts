// The live log: every event <apivideo-uploader> fires, newest first, with its detail.
import { uploaderEvents } from '../src/index.js';

/** Every event the element fires, from the package's events table. */
export const EVENT_NAMES: readonly string[] = uploaderEvents.map((event) => event.eventName);

// Keeps a long upload's hundreds of progress events from slowing the page down.
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
    item.className = kind;
    const time = document.createElement('time');
    time.textContent = `${((performance.now() - this.started) / 1000).toFixed(2)} s`;
    const label = document.createElement('strong');
    label.textContent = name;
    const body = document.createElement('code');
    body.textContent = typeof detail === 'string' ? detail : describeDetail(detail);
    item.append(time, ' ', label, ' ', body);
    this.list.prepend(item);
    while (this.list.children.length > MAX_ENTRIES) this.list.lastElementChild?.remove();
  }

  clear(): void {
    this.list.replaceChildren();
  }
}
