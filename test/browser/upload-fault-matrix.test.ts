// The fault matrix: every fault api.video or the network can play on a part (a 5xx, a torn connection, an answer lost
// after the part was stored, a slow answer, a 429, the token deleted or expired under the part), with 1, 4 and 8 parts
// side by side, each fault on the first, a middle and the last part across the three (the first part makes the video;
// the last, small, is answered first when parts go side by side). Every run ends with the file byte-identical on the emulator and
// one video, save the one orphan api.video's protocol makes unavoidable: part 1's answer lost after it made the video
// (docs/uploads.md says so).
import { expect } from '@open-wc/testing';
import type { EmulatorVideoReport } from '../../src/server/emulator/control.js';
import { RecordedSession, sha256, skippingClock, untilLog, useLane, videoFile, type Lane } from './support.js';

/** Nine parts: with 8 side by side, part 1 then 8 at once. */
const PARTS = 9;
/** Bytes per part: the emulator is told to take parts this small, so what goes through it is the faults, not bytes. */
const PART = 64 * 1024;
const file = videoFile((PARTS - 1) * PART + 4321, 'matrix.mp4', 0x5eed);

interface Fault {
  name: string;
  /** Sets the fault up on part `part` before the upload starts, `parallelParts` side by side; may act while it goes. */
  arm(lane: Lane, part: number, parallelParts: number): Promise<void>;
  /** Whether api.video's protocol makes a second video unavoidable when the fault hits this part. */
  orphans?(part: number): boolean;
}

const tooMany = { type: 'https://docs.api.video/reference/too-many-requests', title: 'Too many requests.', status: 429 };

/**
 * Releases hold `name` once the held part is on the server and every part that can be stored without it is: its answer
 * comes after all the others, as a slow one does, however busy the machine. Part 1 goes alone, and one part at a
 * time waits on each; side by side, every other part gets through meanwhile.
 */
function releaseWhenOthersStored(lane: Lane, part: number, parallel: number, name: string): void {
  const others = part === 1 || parallel === 1 ? part - 1 : PARTS - 1;
  void untilLog(
    lane,
    (log) => log.some((r) => r.part === part) && log.filter((r) => r.part !== part && r.status === 201).length >= others,
    `part ${part} held and ${others} other parts stored`,
  ).then(() => lane.release(name));
}

const FAULTS: Fault[] = [
  { name: 'a 503', arm: (lane, part) => lane.fault({ part, status: 503, times: 2 }) },
  // Several times: a browser may itself re-send a request whose kept-alive connection died, unseen by the page.
  { name: 'a torn connection', arm: (lane, part) => lane.fault({ part, reset: true, times: 3 }) },
  // Stored, then the answer lost: for part 1 the video was made by it, so its resend makes another.
  { name: 'a lost answer', arm: (lane, part) => lane.fault({ part, dropAnswer: true }), orphans: (part) => part === 1 },
  {
    name: 'a slow answer',
    arm: async (lane, part, parallel) => releaseWhenOthersStored(lane, part, parallel, await lane.hold(part, 'slow')),
  },
  { name: 'a 429', arm: (lane, part) => lane.fault({ part, status: 429, headers: { 'X-RateLimit-Retry-After': '1' }, body: tooMany }) },
  {
    name: 'the token deleted',
    arm: async (lane, part) => {
      // Held on the server, its bytes on their way, while its token is deleted; then let go, to be refused.
      const hold = await lane.hold(part, 'deleted');
      void untilLog(lane, (log) => log.some((r) => r.part === part), `part ${part} on the server`).then(async (log) => {
        const token = log.find((r) => r.part === part)?.token;
        if (token) await lane.deleteToken(token);
        await lane.release(hold);
      });
    },
  },
  {
    name: 'a token expiring under the part',
    arm: async (lane, part) => {
      await lane.emulator('POST', '/config', { strictTokenExpiry: true });
      await lane.setTokenEndpoint({ mode: 'ok', ttl: 2, times: 100 });
      // Held while the emulator's clock passes the token's 2 s life: expired under the part, with no 2.5 s waited.
      const hold = await lane.hold(part, 'expiring');
      void untilLog(lane, (log) => log.some((r) => r.part === part), `part ${part} on the server`).then(async () => {
        await lane.emulator('POST', '/clock', { advanceMs: 2500 });
        await lane.release(hold);
      });
    },
  },
];

describe('UploadSession under the fault matrix', () => {
  const lane = useLane();
  beforeEach(async () => {
    await lane.reset();
    await lane.smallParts(PART);
  });
  [1, 4, 8].forEach((parallelParts, round) => {
    FAULTS.forEach((fault, i) => {
      const part = [1, 5, PARTS][(i + round) % 3];
      it(`${fault.name} on part ${part}, ${parallelParts} side by side: the file whole, in one video`, async () => {
        const run = new RecordedSession({
          file,
          chunkSize: PART,
          minChunkSize: PART,
          apiHost: lane.emulatorUrl,
          tokens: { url: lane.tokenUrl },
          parallelParts,
          // A 429's wait asked of a clock that moves on at once, with a rate gate of its own on it.
          ...skippingClock().options,
          // Sent again at once after a 5xx or a cut: what is tested is that the file ends whole, not how long the
          // backoff is (the retry policy's unit tests, on a fake clock).
          retryDelays: [0],
        });
        await fault.arm(lane, part, parallelParts);

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
