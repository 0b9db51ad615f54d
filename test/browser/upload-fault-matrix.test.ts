// The fault matrix: every fault api.video or the network can play on a part (a 5xx, a torn connection, an answer lost
// after the part was stored, a slow answer, a 429, the token deleted or expired under the part), with 1, 4 and 8 parts
// side by side, each fault on the first, a middle and the last part across the three (the first part makes the video;
// the last, small, is answered first when parts go side by side). Every run ends with the file byte-identical on the emulator and
// one video, save the one orphan api.video's protocol makes unavoidable: part 1's answer lost after it made the video
// (docs/uploads.md says so).
import { expect } from '@open-wc/testing';
import type { EmulatorVideoReport } from '../../src/server/emulator/control.js';
import type { UploaderEvent, UploadProgressEvent } from '../../src/events/index.js';
import { RateGate } from '../../src/upload/rate-gate.js';
import { MiB, RecordedSession, sha256, useLane, videoFile, type Lane } from './support.js';

/** Nine parts: with 8 side by side, part 1 then 8 at once. */
const PARTS = 9;
const file = videoFile((PARTS - 1) * 5 * MiB + 4321, 'matrix.mp4', 0x5eed);

interface Fault {
  name: string;
  /** Sets the fault up on part `part` before the upload starts; may act while `run` goes. */
  arm(lane: Lane, part: number, run: RecordedSession): Promise<void>;
  /** Whether api.video's protocol makes a second video unavoidable when the fault hits this part. */
  orphans?(part: number): boolean;
}

const tooMany = { type: 'https://docs.api.video/reference/too-many-requests', title: 'Too many requests.', status: 429 };

const FAULTS: Fault[] = [
  { name: 'a 503', arm: (lane, part) => lane.fault({ part, status: 503, times: 2 }) },
  // Several times: a browser may itself re-send a request whose kept-alive connection died, unseen by the page.
  { name: 'a torn connection', arm: (lane, part) => lane.fault({ part, reset: true, times: 3 }) },
  // Stored, then the answer lost: for part 1 the video was made by it, so its resend makes another.
  { name: 'a lost answer', arm: (lane, part) => lane.fault({ part, dropAnswer: true }), orphans: (part) => part === 1 },
  { name: 'a slow answer', arm: (lane, part) => lane.fault({ part, delayMs: 1500 }) },
  { name: 'a 429', arm: (lane, part) => lane.fault({ part, status: 429, headers: { 'X-RateLimit-Retry-After': '1' }, body: tooMany }) },
  {
    name: 'the token deleted',
    arm: async (lane, part, run) => {
      await lane.fault({ part, delayMs: 600 });
      // The latest event alone is looked at: the waiter runs on every event, and WebKit reports a part's progress in
      // 8 KiB steps (thousands of events per run), so a scan of them all each time grew with the square of their count.
      const progressOn = (event: UploaderEvent | undefined) =>
        event?.type === 'upload-progress' && (event as UploadProgressEvent).detail.part === part;
      void run.until(() => progressOn(run.events.at(-1))).then(async () => {
        const log = await lane.requestLog();
        const token = log.find((r) => r.part === part)?.token ?? log.at(-1)?.token;
        if (token) await lane.deleteToken(token);
      });
    },
  },
  {
    name: 'a token expiring under the part',
    arm: async (lane, part) => {
      await lane.emulator('POST', '/config', { strictTokenExpiry: true });
      await lane.setTokenEndpoint({ mode: 'ok', ttl: 2, times: 100 });
      await lane.fault({ part, delayMs: 2500 });
    },
  },
];

describe('UploadSession under the fault matrix', () => {
  const lane = useLane();
  beforeEach(() => lane.reset());
  [1, 4, 8].forEach((parallelParts, round) => {
    FAULTS.forEach((fault, i) => {
      const part = [1, 5, PARTS][(i + round) % 3];
      it(`${fault.name} on part ${part}, ${parallelParts} side by side: the file whole, in one video`, async () => {
        const run = new RecordedSession({
          file,
          chunkSize: 5 * MiB,
          apiHost: lane.emulatorUrl,
          tokens: { url: lane.tokenUrl },
          parallelParts,
          rateGate: new RateGate(),
        });
        await fault.arm(lane, part, run);

        await run.session.start();

        expect(run.of('upload-error')).to.deep.equal([]);
        expect(run.session.state).to.equal('success');
        const videoId = run.session.videoId!;
        const stored = await lane.storedVideo(videoId);
        expect(stored.complete).to.equal(true);
        expect(stored.sha256).to.equal(await sha256(file));
        const videos = await lane.emulator<EmulatorVideoReport[]>('GET', '/videos');
        const expected = fault.orphans?.(part) ? 2 : 1;
        expect(videos.map((v) => v.videoId), 'videos made').to.have.length(expected);
        expect(run.of('upload-progress').filter((p) => p.percent === 100)).to.have.length(1);
      });
    });
  });
});
