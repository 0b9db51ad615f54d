// Parts' digests in each engine's module worker: the page hands it a File (a reference to the same bytes, not a copy)
// and gets back what `partDigest` gives on the main thread; a worker that cannot start leaves the digests to the main
// thread, and a resume record written from one place is continued from the other.
import { expect } from '@open-wc/testing';
import { partDigest } from '../../src/upload/fingerprint.js';
import { PartDigests, pageDigests } from '../../src/upload/part-digests.js';
import { ResumeStore } from '../../src/upload/resume-store.js';
import { ResumeTracker } from '../../src/upload/resume-tracker.js';
import { MiB, freshNamespace, videoFile } from './support.js';

const PART = 5 * MiB;
/** Three parts, the last one short. */
const file = videoFile(2 * PART + 12_345, 'digests.mp4');
const parts = [0, 1, 2].map((i) => [i * PART, Math.min(file.size, (i + 1) * PART)] as const);
const onMainThread = () => Promise.all(parts.map(([start, end]) => partDigest(file, start, end)));
const all = (digests: PartDigests) => Promise.all(parts.map(([start, end]) => digests.digest(file, start, end)));

/** Workers that cannot run a digest, each as an engine meets it. */
const failing = {
  'a script that is not there (404)': () => new Worker(new URL('/no-such-digest-worker.js', location.href), { type: 'module' }),
  'a script that throws as it loads': () =>
    new Worker(URL.createObjectURL(new Blob(['throw new Error("This worker does not run.");'], { type: 'text/javascript' })), { type: 'module' }),
  'a page that cannot start workers': (): Worker => {
    throw new DOMException('Refused by the Content Security Policy.', 'SecurityError');
  },
};

describe('Parts’ digests in a worker', () => {
  it('are the ones the main thread takes, each taken in the worker', async () => {
    const digests = new PartDigests();
    const taken = await all(digests);
    expect(taken).to.deep.equal(await onMainThread());
    expect(new Set(taken).size).to.equal(3);
    expect(digests.taken).to.deep.equal({ worker: 3, mainThread: 0 });
    expect(digests.inWorker).to.equal(true);
  });

  for (const [what, startWorker] of Object.entries(failing)) {
    it(`are taken on the main thread, the same, with ${what}`, async () => {
      const digests = new PartDigests({ startWorker });
      expect(await all(digests)).to.deep.equal(await onMainThread());
      expect(digests.taken).to.deep.equal({ worker: 0, mainThread: 3 });
      expect(digests.inWorker).to.equal(false);
    });
  }

  it('write a resume record in the page’s worker that a page without one continues, and the other way round', async () => {
    const plan = { apiHost: 'http://127.0.0.1:9', chunkSize: PART, parts: 3 };
    const before = pageDigests.taken.worker;
    for (const [writer, reader] of [
      [pageDigests, new PartDigests({ startWorker: failing['a script that is not there (404)'] })],
      [new PartDigests({ startWorker: null }), pageDigests],
    ] as const) {
      const store = new ResumeStore({ namespace: freshNamespace('digests') });
      const first = new ResumeTracker(store, undefined, writer);
      expect(await first.decide(file, plan)).to.deep.equal({ resume: false });
      first.sending(1);
      first.sending(2);
      await first.stored('vi-digests', [1, 2]);
      expect((await store.list(plan.apiHost)).map((record) => record.acknowledged)).to.deep.equal([[1, 2]]);

      const again = new ResumeTracker(store, undefined, reader);
      expect(await again.decide(file, plan)).to.deep.equal({ resume: true, videoId: 'vi-digests', acknowledged: [1, 2] });
      // The same name, size, date and ends, other bytes in part 2: its digest tells them apart.
      const bytes = new Uint8Array(await file.arrayBuffer());
      bytes[PART + 77] ^= 1;
      const edited = new File([bytes], file.name, { type: file.type, lastModified: file.lastModified });
      expect(await new ResumeTracker(store, undefined, reader).decide(edited, plan)).to.deep.equal({ resume: false, reason: 'file-changed' });
    }
    // Parts 1 and 2 written, then read back twice (the same file and the edited one, which stops at part 2).
    expect(pageDigests.taken.worker - before).to.equal(2 + 4);
  });
});
