import type { UploadSessionCallbacks, UploadSessionOptions, UploadState } from './types.js';

/** One file's upload to api.video with a delegated token. */
export class UploadSession {
  readonly state: UploadState = 'idle';
  readonly videoId: string | undefined = undefined;

  constructor(
    readonly options: UploadSessionOptions,
    private readonly callbacks: UploadSessionCallbacks = {},
  ) {}

  /** Resolves when the session settles (success, error, cancel); never rejects. */
  async start(): Promise<void> {
    void this.callbacks;
    throw new Error('UploadSession.start is being written');
  }
  pause(): void {}
  resume(): void {}
  cancel(): void {}
  retry(): void {}
  setStaticToken(_token: string): void {}
}
