// The upload layer's endpoint and the options it refuses. (Its pure parts, token answers, retry table and progress,
// are tested in Node: test/node/token-answer.test.ts, retry-policy.test.ts, progress.test.ts.)
import { expect } from '@open-wc/testing';
import { uploadEndpoint } from '../../src/upload/part-sender.js';
import { UploadSession, MIN_CHUNK_SIZE, MAX_CHUNK_SIZE, DEFAULT_CHUNK_SIZE } from '../../src/upload/index.js';
import { MiB, RecordedSession } from './support.js';

describe('upload endpoint and options', () => {
  it('builds https://host/upload for a host name, and keeps a full URL (the local emulator) as is', () => {
    expect(uploadEndpoint('ws.api.video', 'to1')).to.equal('https://ws.api.video/upload?token=to1');
    expect(uploadEndpoint('sandbox.api.video', 'to1')).to.equal('https://sandbox.api.video/upload?token=to1');
    expect(uploadEndpoint('http://127.0.0.1:8787/', 'to1')).to.equal('http://127.0.0.1:8787/upload?token=to1');
    expect(uploadEndpoint('http://127.0.0.1:8787', 'to a&b')).to.equal('http://127.0.0.1:8787/upload?token=to%20a%26b');
  });

  it('exports the part size limits', () => {
    expect([MIN_CHUNK_SIZE, DEFAULT_CHUNK_SIZE, MAX_CHUNK_SIZE]).to.deep.equal([5 * MiB, 50 * MiB, 128 * MiB]);
  });

  it('refuses a part size outside 5..128 MiB with a readable error', () => {
    const file = new File(['x'], 'x.mp4');
    expect(() => new UploadSession({ file, tokens: {}, chunkSize: MiB })).to.throw(RangeError, 'between 5 MiB and 128 MiB');
    expect(() => new UploadSession({ file, tokens: {}, chunkSize: 129 * MiB })).to.throw(RangeError);
  });

  it('refuses an empty file without a request', async () => {
    let asked = 0;
    const run = new RecordedSession({ file: new File([], 'empty.mp4'), tokens: { provider: async () => (asked++, 'to1') } });
    await run.session.start();
    expect(run.of('upload-error')).to.deep.equal([{ code: 'invalid-file', message: 'The file is empty.', retriable: false }]);
    expect(asked).to.equal(0);
  });
});
