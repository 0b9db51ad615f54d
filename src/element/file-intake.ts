// The files a person gives the element: through the file picker, a drop or a paste. Picks the files out of each event
// and hands them on; the drag-over look is its one piece of state.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

type Host = ReactiveControllerHost & HTMLElement & { readonly renderRoot: HTMLElement | DocumentFragment };

export interface FileIntakeOptions {
  disabled(): boolean;
  /** Whether files given now would be taken: nothing is in the way (a single upload under way, a check). */
  accepting(): boolean;
  /** `handles`: what a drop gave for its files, in their order, asked for while the drop's items can still be read. */
  take(files: File[], handles?: Promise<(FileSystemFileHandle | undefined)[]>): void;
  /** The handles of a drop's files, where the browser gives them. */
  handlesOf?(transfer: DataTransfer | null): Promise<(FileSystemFileHandle | undefined)[]>;
}

export class FileIntake implements ReactiveController {
  dragOver = false;

  readonly #host: Host;
  readonly #options: FileIntakeOptions;

  constructor(host: Host, options: FileIntakeOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  // A paste lands on the focused element: the host, whose shadow root holds the focus.
  hostConnected(): void {
    this.#host.addEventListener('paste', this.#onPaste);
  }

  hostDisconnected(): void {
    this.#host.removeEventListener('paste', this.#onPaste);
  }

  readonly onInputChange = (event: Event) => {
    const input = event.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = '';
    this.#options.take(files);
  };

  readonly onDragOver = (event: DragEvent) => {
    // Always claim the drag: a file dropped here must never make the browser navigate away to it.
    event.preventDefault();
    const accepting = !this.#options.disabled() && this.#options.accepting();
    if (event.dataTransfer) event.dataTransfer.dropEffect = accepting ? 'copy' : 'none';
    this.#setDragOver(accepting);
  };

  readonly onDragLeave = (event: DragEvent) => {
    const to = event.relatedTarget as Node | null;
    if (to && (this.#host.renderRoot.contains(to) || this.#host.contains(to))) return;
    this.#setDragOver(false);
  };

  readonly onDrop = (event: DragEvent) => {
    event.preventDefault();
    this.#setDragOver(false);
    if (this.#options.disabled()) return;
    // Asked for now: the drop's items cannot be read once the event is over.
    const handles = this.#options.handlesOf?.(event.dataTransfer ?? null);
    this.#options.take([...(event.dataTransfer?.files ?? [])], handles);
  };

  readonly #onPaste = (event: ClipboardEvent) => {
    const files = [...(event.clipboardData?.files ?? [])];
    if (files.length === 0 || this.#options.disabled() || !this.#options.accepting()) return;
    event.preventDefault();
    this.#options.take(files);
  };

  #setDragOver(dragOver: boolean): void {
    if (this.dragOver === dragOver) return;
    this.dragOver = dragOver;
    this.#host.requestUpdate();
  }
}
