// Keeps the keyboard's place when a render takes away the control that had the focus (the drop zone, the pause
// button…): the focus lands on the first control of the new view instead of falling back to the top of the page. In a
// queue's row whose button went away (its cancel button), on the row's next control first.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

type Host = ReactiveControllerHost & HTMLElement & { readonly renderRoot: HTMLElement | DocumentFragment };

export class FocusKeeper implements ReactiveController {
  #wasInside = false;
  /** The queue row that held the focus before the render. */
  #row?: string;

  readonly #host: Host;

  constructor(host: Host) {
    this.#host = host;
    host.addController(this);
  }

  hostUpdate(): void {
    const active = this.#host.shadowRoot?.activeElement;
    this.#wasInside = Boolean(active);
    this.#row = active?.closest<HTMLElement>('[part~="row"]')?.dataset.key;
  }

  hostUpdated(): void {
    if (!this.#wasInside || this.#host.shadowRoot?.activeElement) return;
    const root = this.#host.renderRoot;
    const row = this.#row && root.querySelector(`[part~="row"][data-key="${this.#row}"]`);
    const next = row ? row.querySelector<HTMLElement>('button:not([disabled])') : null;
    const first = '[part~="actions"] button:not([disabled]), [part~="drop-zone"]:not([disabled])';
    (next ?? root.querySelector<HTMLElement>(first))?.focus();
  }
}
