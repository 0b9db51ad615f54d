// The upload layer's endpoint and the options it refuses: pure logic, in Node. (Its other pure parts, token answers,
// retry table and progress, are tested beside it: token-answer.test.ts, retry-policy.test.ts, progress.test.ts.)
import { describe, expect, it } from 'vitest';
import type { UploaderEvent } from '../../src/events/index.js';
import { uploadEndpoint } from '../../src/upload/part-sender.js';
import { UploadSession, MIN_CHUNK_SIZE, MAX_CHUNK_SIZE, DEFAULT_CHUNK_SIZE } from '../../src/upload/index.js';

const MiB = 1024 * 1024;

describe('upload endpoint and options', () => {
  it('builds https://host/upload for a host name, and keeps a full URL (the local emulator) as is', () => {
    expect(uploadEndpoint('ws.api.video', 'to1')).toBe('https://ws.api.video/upload?token=to1');
    expect(uploadEndpoint('sandbox.api.video', 'to1')).toBe('https://sandbox.api.video/upload?token=to1');
    expect(uploadEndpoint('http://127.0.0.1:8787/', 'to1')).toBe('http://127.0.0.1:8787/upload?token=to1');
    expect(uploadEndpoint('http://127.0.0.1:8787', 'to a&b')).toBe('http://127.0.0.1:8787/upload?token=to%20a%26b');
  });

  it('exports the part size limits', () => {
    expect([MIN_CHUNK_SIZE, DEFAULT_CHUNK_SIZE, MAX_CHUNK_SIZE]).toEqual([5 * MiB, 50 * MiB, 128 * MiB]);
  });

  it('refuses a part size outside 5..128 MiB with a readable error', () => {
    const file = new File(['x'], 'x.mp4');
    expect(() => new UploadSession({ file, tokens: {}, chunkSize: MiB })).toThrow(RangeError);
    expect(() => new UploadSession({ file, tokens: {}, chunkSize: MiB })).toThrow('between 5 MiB and 128 MiB');
    expect(() => new UploadSession({ file, tokens: {}, chunkSize: 129 * MiB })).toThrow(RangeError);
  });

  it('takes parts down to a lower minChunkSize, for a server that takes smaller parts, and none below it', () => {
    const file = new File([new Uint8Array(200 * 1024)], 'x.mp4');
    expect(new UploadSession({ file, tokens: {}, chunkSize: 64 * 1024, minChunkSize: 64 * 1024 }).source.count).toBe(4);
    expect(() => new UploadSession({ file, tokens: {}, chunkSize: 32 * 1024, minChunkSize: 64 * 1024 })).toThrow(
      'between 65536 bytes and 128 MiB',
    );
  });

  it('refuses an empty file without a request', async () => {
    let asked = 0;
    const events: UploaderEvent[] = [];
    const file = new File([], 'empty.mp4');
    const session = new UploadSession({ file, tokens: { provider: async () => (asked++, 'to1') } }, (event) => events.push(event));
    await session.start();
    const errors = events.filter((e) => e.type === 'upload-error').map((e) => e.detail as { file?: File });
    // Every error names the session's own file.
    expect(errors.map((d) => d.file)).toEqual([session.file]);
    expect(errors.map(({ file: _file, ...rest }) => rest)).toEqual([{ code: 'invalid-file', message: 'The file is empty.', retriable: false }]);
    expect(asked).toBe(0);
  });
});
