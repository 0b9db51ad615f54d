// The video details form (`metadata-fields`), fetched once a field is named, and the page's values for it, kept
// until it arrives. Only what the first file needs: the form, its rules and words are in its chunk.
import { nothing, type TemplateResult } from 'lit';
import type { VideoMetadata } from '../events/index.js';
import type { UploadSnapshot } from '../upload/types.js';
import type { LocalizeController } from './localize.js';
import type { MetadataForm } from './metadata-form.js';
import { OnDemand } from './on-demand.js';
import type { Strings } from './strings.js';
import type { UploaderProperties } from './uploader-properties.js';

export type MetadataValues = VideoMetadata & { thumbnailTimecode?: string };

export class DetailsCode {
  private readonly code: OnDemand<MetadataForm>;
  private prefill?: MetadataValues;

  /** The form reads the element's settings itself, on use. */
  constructor(host: UploaderProperties, localize: LocalizeController) {
    this.code = new OnDemand(host, 'details', 'metadata-form.js (the video details form)', () =>
      import('./metadata-form.js').then(({ metadataForm }) => metadataForm(host, localize, () => this.prefill)),
    );
  }

  /** Fetches the form if need be. */
  request(): void {
    this.code.request();
  }

  /** What the form holds now, or the page's values while it is not there. */
  get values(): MetadataValues {
    return this.code.value?.values ?? { ...this.prefill };
  }

  set values(values: MetadataValues | undefined) {
    this.prefill = values ? { ...values } : undefined;
    this.code.value?.prefill(this.prefill);
  }

  /** The one file's upload as it stands, after each render. */
  follow(file: File | undefined, snapshot: UploadSnapshot | undefined): void {
    this.code.value?.follow(file, snapshot);
  }

  view(disabled: boolean, strings: Strings): TemplateResult | typeof nothing {
    return this.code.value?.render(disabled) ?? this.code.failureView(strings);
  }
}
