// The queue's view (`multiple`), fetched on first use, and the files given before it is there: they wait for it, are
// added once it arrives (however many fetches that takes) and are forgotten by a reset meanwhile. They fetch nothing
// themselves: after a failure, the visitor's "Try again" does.
import type { CSSResultOrNative, ReactiveControllerHost, TemplateResult, nothing } from 'lit';
import { OnDemand } from './on-demand.js';
import type { QueueViewActions, QueueViewModel } from './queue-views.js';
import type { Strings } from './strings.js';

export class QueueViewCode {
  readonly #code: OnDemand<typeof import('./queue-mode.js')>;

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.#code = new OnDemand(host, 'queue', 'queue-mode.js (the queue of `multiple`)', () => import('./queue-mode.js'));
  }

  /** The fetch under way, if any. */
  get loading(): Promise<unknown> | undefined {
    return this.#code.loading;
  }

  /** The view's rules, once it is there. */
  get styles(): CSSResultOrNative | undefined {
    return this.#code.value?.queueViewStyles;
  }

  /** Fetches the view if need be. */
  request(): void {
    this.#code.request();
  }

  /** Adds `count` files with `add`: at once when the view is there, else once it arrives, unless forgotten meanwhile. */
  async whenThere(count: number, add: () => Promise<void>): Promise<void> {
    await this.#code.whenThere(count, add);
  }

  /** Drops the files waiting for the view. */
  forget(): void {
    this.#code.forget();
  }

  /**
   * The queue, or in its place why its view is not there. `model` is absent while the list is not there either:
   * `meanwhile` stands in for the queue then.
   */
  view(
    strings: Strings,
    meanwhile: () => TemplateResult,
    model?: () => QueueViewModel,
    actions?: QueueViewActions,
  ): TemplateResult | typeof nothing {
    const mode = this.#code.value;
    if (!mode) return this.#code.failureView(strings);
    return model ? mode.queueView(model(), actions!) : meanwhile();
  }
}
