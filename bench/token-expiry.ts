// 2: what a token that stops working mid-upload costs. The page records every upload request (sent, answered,
// bytes sent, status) and every token request; the emulator's log confirms the refusals from its side.
//
// - deleted: the token (ttl 0, so the element knows no expiry) is deleted once part k is acknowledged.
// - expired: strict expiry on; a token whose expiry the endpoint does not tell (plain-text answer) expires once
//   part k is acknowledged.
// - expiry known: strict expiry on; tokens live 10 s and the endpoint answers expiresAt; parts are slowed by the
//   emulator so the upload outlives its first token. The element should renew before the expiry, never meeting a
//   401 nor sending a byte twice.
import type { RunRecord } from './page/bench-page.js';
import { checkStored, type BenchContext } from './lib/context.js';
import { openBenchPage } from './lib/browser.js';
import type { UploadLogEntry } from './lib/emulator-process.js';
import { MiB, spread, type Spread } from './lib/stats.js';

export const EXPIRY_FILE_MIB = 192;
const UPLOAD_TIMEOUT_MS = 180_000;
const KNOWN_TTL_S = 10;
const KNOWN_PART_DELAY_MS = 250;

export interface ExpiryScenario {
  name: string;
  partMiB: number;
  runs: number;
  /** Bytes the page sent in requests the server did not accept. */
  resentMiB: Spread;
  /** The largest multipart body of one part, for comparison with resentMiB. */
  partBodyMiB: number;
  /** 401 answers the page got. */
  refusals: Spread;
  /** 401 answers the emulator logged. */
  serverRefusals: Spread;
  /** Token requests after the first one. */
  extraTokenRequests: Spread;
  /** How long the whole upload took, s. */
  uploadSeconds: Spread;
  /** From the 401's arrival to the resent part's send, in ms. */
  gapMs?: Spread;
  /** The token request's own duration inside that gap. */
  tokenEndpointMs?: Spread;
  /** gapMs minus tokenEndpointMs: what the element itself adds. */
  overheadMs?: Spread;
}

interface Scenario {
  name: string;
  partMiB: number;
  tokenUrl: string;
  spoilAfterPart?: number;
  spoil?: 'delete' | 'expire';
  strict: boolean;
  partDelayMs?: number;
}

const SCENARIOS: Scenario[] = [
  { name: 'deleted after part 1, expiry unknown', partMiB: 50, tokenUrl: '/api/upload-token?ttl=0', spoilAfterPart: 1, spoil: 'delete', strict: false },
  { name: 'deleted after part 10, expiry unknown', partMiB: 5, tokenUrl: '/api/upload-token?ttl=0', spoilAfterPart: 10, spoil: 'delete', strict: false },
  { name: 'expired after part 10 (strict), expiry not told', partMiB: 5, tokenUrl: '/api/upload-token-plain?ttl=3600', spoilAfterPart: 10, spoil: 'expire', strict: true },
  { name: `${KNOWN_TTL_S} s tokens (strict), expiresAt told`, partMiB: 5, tokenUrl: `/api/upload-token?ttl=${KNOWN_TTL_S}`, strict: true, partDelayMs: KNOWN_PART_DELAY_MS },
];

interface RunFigures {
  seconds: number;
  resent: number;
  partBody: number;
  refusals: number;
  serverRefusals: number;
  extraTokens: number;
  gap?: number;
  tokenMs?: number;
}

function figures(record: RunRecord, log: UploadLogEntry[]): RunFigures {
  const uploads = record.uploads;
  const refused = uploads.filter((u) => u.status !== 201);
  if (uploads.some((u) => u.status === null)) throw new Error('an upload request had no answer when the upload settled');
  const out: RunFigures = {
    seconds: record.ms / 1000,
    resent: refused.reduce((sum, u) => sum + u.sentBytes, 0),
    partBody: Math.max(0, ...uploads.map((u) => u.sentBytes)),
    refusals: uploads.filter((u) => u.status === 401).length,
    serverRefusals: log.filter((entry) => entry.status === 401).length,
    extraTokens: record.tokens.length - 1,
  };
  const first401 = uploads.find((u) => u.status === 401);
  if (first401?.endAt != null) {
    const resend = uploads.find((u) => u.sentAt >= first401.endAt!);
    const token = record.tokens.find((t) => t.startAt >= first401.endAt! - 1);
    if (resend) out.gap = resend.sentAt - first401.endAt;
    if (token) out.tokenMs = token.endAt - token.startAt;
  }
  return out;
}

export async function measureTokenExpiry(ctx: BenchContext, runs: number): Promise<ExpiryScenario[]> {
  const page = await openBenchPage(ctx.browser, ctx.site.url);
  const results: ExpiryScenario[] = [];
  try {
    await page.evaluate(() => window.bench.loadElement());
    const bytes = await page.evaluate((mib) => window.bench.makeFile(mib), EXPIRY_FILE_MIB);
    for (const scenario of SCENARIOS) {
      const all: RunFigures[] = [];
      for (let run = 0; run < runs && Date.now() < ctx.deadline; run++) {
        await ctx.emulator.control('POST', '/__emulator/config', { strictTokenExpiry: scenario.strict });
        await ctx.emulator.control('DELETE', '/__emulator/faults');
        if (scenario.partDelayMs) {
          const parts = Math.ceil(bytes / (scenario.partMiB * MiB));
          await ctx.emulator.control('POST', '/__emulator/faults', { delayMs: scenario.partDelayMs, times: parts });
        }
        const record = await page.evaluate((options) => window.bench.elementUpload(options), {
          apiHost: ctx.emulator.url,
          tokenUrl: scenario.tokenUrl,
          chunkSize: scenario.partMiB * MiB,
          spoilTokenAfterPart: scenario.spoilAfterPart,
          spoil: scenario.spoil,
          timeoutMs: UPLOAD_TIMEOUT_MS,
        });
        if (!record.ok) throw new Error(`${scenario.name}: upload failed: ${record.error}`);
        await checkStored(ctx, record.videoId, bytes);
        const log = await ctx.emulator.control<UploadLogEntry[]>('GET', '/__emulator/requests');
        const f = figures(record, log);
        all.push(f);
        ctx.log(
          `  ${scenario.name}: resent ${(f.resent / MiB).toFixed(1)} MiB, ${f.refusals} refusal(s), ` +
            `${f.extraTokens} extra token request(s)` +
            (f.gap !== undefined ? `, 401→resend ${f.gap.toFixed(1)} ms (token endpoint ${f.tokenMs?.toFixed(1)} ms)` : ''),
        );
        await ctx.emulator.forgetVideos();
      }
      const withGap = all.filter((f) => f.gap !== undefined && f.tokenMs !== undefined);
      results.push({
        name: scenario.name,
        partMiB: scenario.partMiB,
        runs: all.length,
        resentMiB: spread(all.map((f) => f.resent / MiB)),
        partBodyMiB: Math.max(0, ...all.map((f) => f.partBody)) / MiB,
        refusals: spread(all.map((f) => f.refusals)),
        serverRefusals: spread(all.map((f) => f.serverRefusals)),
        extraTokenRequests: spread(all.map((f) => f.extraTokens)),
        uploadSeconds: spread(all.map((f) => f.seconds)),
        ...(withGap.length
          ? {
              gapMs: spread(withGap.map((f) => f.gap!)),
              tokenEndpointMs: spread(withGap.map((f) => f.tokenMs!)),
              overheadMs: spread(withGap.map((f) => f.gap! - f.tokenMs!)),
            }
          : {}),
      });
    }
  } finally {
    await ctx.emulator.control('POST', '/__emulator/config', { strictTokenExpiry: false }).catch(() => {});
    await ctx.emulator.control('DELETE', '/__emulator/faults').catch(() => {});
    await page.close();
  }
  return results;
}
