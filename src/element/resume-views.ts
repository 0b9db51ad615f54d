// What the element shows of resume: the earlier uploads it offers to continue, under the drop zone, and why an
// earlier upload of the chosen file could not be continued. Rendered from the view model, like every view.
import { css, html, nothing, type TemplateResult } from 'lit';
import type { NotResumedReason } from '../events/index.js';
import type { LocalizeController } from './localize.js';
import type { ResumeOffer } from './resume-controller.js';

export interface ResumeViewModel {
  offers?: readonly ResumeOffer[];
  notResumed?: NotResumedReason;
  disabled: boolean;
  localize: LocalizeController;
}

export interface ResumeViewActions {
  takeOffer(key: string): void;
  forgetOffer(key: string): void;
}

export function offersView(model: ResumeViewModel, actions: ResumeViewActions): TemplateResult | typeof nothing {
  const { offers, localize } = model;
  if (!offers?.length) return nothing;
  const { strings } = localize;
  return html`<ul part="resume-offers">
    ${offers.map(
      (offer) => html`<li part="resume-offer">
        <button part="button resume-offer-button" type="button" ?disabled=${model.disabled} @click=${() => actions.takeOffer(offer.key)}>
          ${strings.resumeOffer(offer.fileName, offer.percent)}
        </button>
        <button
          part="button forget-offer-button"
          type="button"
          aria-label=${strings.forgetOfferLabel(offer.fileName)}
          ?disabled=${model.disabled}
          @click=${() => actions.forgetOffer(offer.key)}
        >
          ${strings.forgetOffer}
        </button>
      </li>`,
    )}
  </ul>`;
}

export function notResumedView(model: ResumeViewModel): TemplateResult | typeof nothing {
  if (!model.notResumed) return nothing;
  return html`<p part="resume-notice">${model.localize.strings.notResumed(model.notResumed)}</p>`;
}

export const resumeStyles = css`
  [part~='resume-offers'] {
    list-style: none;
    margin: 0.75rem 0 0;
    padding: 0;
    display: grid;
    gap: 0.5rem;
  }

  [part~='resume-offer'] {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }

  [part~='resume-offer-button'] {
    flex: 1 1 auto;
    text-align: start;
    overflow-wrap: anywhere;
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_accent-contrast);
  }

  [part~='resume-notice'] {
    color: var(--_muted);
    font-size: 0.875em;
    margin: 0.25rem 0;
  }
`;
