// Memory of the emulator while it takes a large upload: does streaming to disk keep RSS flat?
// Starts the emulator command in a child process, streams a generated 1 GiB file to it over loopback in 50 MiB
// parts (each a real multipart request, generated on the fly, never held whole), samples the child's RSS from
// /proc, and checks the stored file's sha256. Run: npx tsx bench/emulator-memory.ts [totalMiB] [partMiB]
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const MiB = 1024 * 1024;
const totalBytes = Number(process.argv[2] ?? 1024) * MiB;
const partBytes = Number(process.argv[3] ?? 50) * MiB;
const LIMIT_MiB = 64;

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = mkdtempSync(join(tmpdir(), 'emulator-bench-'));
// `node --import tsx` keeps the emulator in one process, so its pid is the one whose memory we read.
const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/emulator/cli.ts', '--port', '0', '--data-dir', dataDir], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'inherit'],
});

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

const url = await new Promise<string>((resolveUrl, reject) => {
  let out = '';
  child.stdout!.on('data', (c: Buffer) => {
    out += c.toString();
    const m = /listening on (\S+)/.exec(out);
    if (m) resolveUrl(m[1]);
  });
  child.once('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
});

async function json(method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(url + path, { method, body: body === undefined ? undefined : JSON.stringify(body) });
  return res.json();
}

// One 1 MiB random block, varied per chunk by a counter, so the stream is incompressible without 1 GiB of RAM here.
const block = randomBytes(MiB);
function chunkAt(offset: number, size: number): Buffer {
  const chunk = Buffer.alloc(size);
  block.copy(chunk, 0, 0, size);
  chunk.writeUInt32LE(offset >>> 0, 0);
  chunk.writeUInt32LE(Math.floor(offset / 2 ** 32), 4);
  return chunk;
}

const sourceHash = createHash('sha256');
function sendPart(token: string, part: number, parts: number, from: number, size: number, videoId?: string): Promise<any> {
  const boundary = `----bench${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    (videoId ? `--${boundary}\r\nContent-Disposition: form-data; name="videoId"\r\n\r\n${videoId}\r\n` : '') +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.mp4"\r\nContent-Type: video/mp4\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return new Promise((resolvePart, reject) => {
    const req = request(`${url}/upload?token=${token}`, {
      method: 'POST',
      headers: {
        'Content-Type': `multipart/form-data; boundary=${boundary}`,
        'Content-Length': head.length + size + tail.length,
        'Content-Range': `part ${part}/${parts}`,
      },
    });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => (res.statusCode === 201 ? resolvePart(JSON.parse(text)) : reject(new Error(`part ${part}: ${res.statusCode} ${text}`))));
    });
    req.on('error', reject);
    req.write(head);
    let sent = 0;
    const pump = () => {
      while (sent < size) {
        const n = Math.min(MiB, size - sent);
        const chunk = chunkAt(from + sent, n);
        sourceHash.update(chunk);
        sent += n;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end(tail);
    };
    pump();
  });
}

const baseline = rssMiB(child.pid!);
let peak = baseline;
const sampler = setInterval(() => {
  try {
    peak = Math.max(peak, rssMiB(child.pid!));
  } catch {
    /* the child may be gone at the very end */
  }
}, 20);

const started = Date.now();
const { token } = await json('POST', '/__emulator/tokens', { ttl: 0 });
const parts = Math.ceil(totalBytes / partBytes);
let videoId: string | undefined;
for (let part = 1; part <= parts; part++) {
  const from = (part - 1) * partBytes;
  const video = await sendPart(token, part, parts, from, Math.min(partBytes, totalBytes - from), videoId);
  videoId = video.videoId;
}
const seconds = (Date.now() - started) / 1000;
peak = Math.max(peak, rssMiB(child.pid!));
clearInterval(sampler);
const stored = await json('GET', `/__emulator/videos/${videoId}`);

const growth = peak - baseline;
console.log(`uploaded ${totalBytes / MiB} MiB in ${parts} parts of ${partBytes / MiB} MiB in ${seconds.toFixed(1)} s (${(totalBytes / MiB / seconds).toFixed(0)} MiB/s, join included)`);
// A digest can be read once: keep it for the verdict as well as the line.
const sentDigest = sourceHash.digest('hex');
const intact = stored.size === totalBytes && stored.sha256 === sentDigest;
console.log(`stored: ${stored.size} bytes, sha256 ${stored.sha256 === sentDigest ? 'matches' : 'DIFFERS'}`);
console.log(`emulator RSS: baseline ${baseline.toFixed(1)} MiB, peak ${peak.toFixed(1)} MiB, growth ${growth.toFixed(1)} MiB`);
console.log(growth <= LIMIT_MiB ? `under the ${LIMIT_MiB} MiB bar` : `OVER the ${LIMIT_MiB} MiB bar`);

child.kill('SIGINT');
await new Promise((r) => child.once('exit', r));
rmSync(dataDir, { recursive: true, force: true });
process.exitCode = growth <= LIMIT_MiB && intact ? 0 : 1;
