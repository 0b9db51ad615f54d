// The queue's view (`multiple`), fetched on first use, and the files given before it is there: they wait for it, are
// added once it arrives (however many fetches that takes) and are forgotten by a reset meanwhile. They fetch nothing
// themselves: after a failure, the visitor's "Try again" does.
import type { ReactiveControllerHost, TemplateResult, nothing } from 'lit';
import { OnDemand } from './on-demand.js';
import type { QueueViewActions, QueueViewModel } from './queue-views.js';
import type { Strings } from './strings.js';

export class QueueViewCode {
  private readonly code: OnDemand<typeof import('./queue-mode.js')>;
  /** Files given while the view is not there. */
  private waiting = 0;
  /** Bumped by `forget()`: files still waiting then are dropped. */
  private resets = 0;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    this.code = new OnDemand(host, 'queue', 'queue-mode.js (the queue of `multiple`)', () => import('./queue-mode.js'));
  }

  /** The fetch under way, if any. */
  get loading(): Promise<unknown> | undefined {
    return this.code.loading;
  }

  /** Fetches the view if need be. */
  request(): void {
    this.code.request();
  }

  /** Adds `count` files with `add`: at once when the view is there, else once it arrives, unless forgotten meanwhile. */
  whenThere(count: number, add: () => Promise<void>): Promise<void> {
    if (this.code.value) return add();
    const resets = this.resets;
    this.waiting += count;
    this.host.requestUpdate();
    return this.code.loaded.then(() => {
      // Reset meanwhile, or `multiple` turned off: these files went with the rest.
      if (resets !== this.resets) return;
      this.waiting -= count;
      return add();
    });
  }

  /** Drops the files waiting for the view. */
  forget(): void {
    this.resets++;
    this.waiting = 0;
    this.host.requestUpdate();
  }

  /** The queue, or in its place why its view is not there. */
  view(model: () => QueueViewModel, actions: QueueViewActions, strings: Strings): TemplateResult | typeof nothing {
    const mode = this.code.value;
    return mode ? mode.queueView(model(), actions) : this.code.failureView(strings, this.waiting);
  }
}
