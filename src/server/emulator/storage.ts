import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { join } from 'node:path';
import type { VideoRecord } from './state.js';

/**
 * Files on disk. Bytes arrive in `incoming/` and move under `videos/{videoId}/` once the request is accepted,
 * so a refused or cut-off request leaves nothing behind. Paths are built only from ids the emulator made.
 */
export class Storage {
  constructor(readonly dataDir: string) {}

  async incomingPath(): Promise<string> {
    const dir = join(this.dataDir, 'incoming');
    await mkdir(dir, { recursive: true });
    return join(dir, randomBytes(12).toString('hex'));
  }

  async keep(tempPath: string, videoId: string, key: number): Promise<string> {
    const dir = join(this.dataDir, 'videos', videoId);
    await mkdir(dir, { recursive: true });
    const path = join(dir, `piece-${String(key).padStart(12, '0')}`);
    await rename(tempPath, path);
    return path;
  }

  /** Joins the pieces in key order into one source file, hashing as it goes; memory stays at one chunk. */
  async join(video: VideoRecord): Promise<{ path: string; size: number; sha256: string }> {
    const keys = [...video.pieces.keys()].sort((a, b) => a - b);
    const path = join(this.dataDir, 'videos', video.videoId, 'source');
    const hash = createHash('sha256');
    let size = 0;
    const out = createWriteStream(path);
    try {
      for (const key of keys) {
        for await (const chunk of createReadStream(video.pieces.get(key)!.path) as AsyncIterable<Buffer>) {
          hash.update(chunk);
          size += chunk.length;
          if (!out.write(chunk)) await once(out, 'drain');
        }
      }
      out.end();
      await once(out, 'finish');
    } catch (err) {
      out.destroy();
      throw err;
    }
    await Promise.all(keys.map((key) => rm(video.pieces.get(key)!.path, { force: true })));
    return { path, size, sha256: hash.digest('hex') };
  }

  async removeVideo(videoId: string): Promise<void> {
    await rm(join(this.dataDir, 'videos', videoId), { recursive: true, force: true });
  }

  async clear(): Promise<void> {
    await rm(join(this.dataDir, 'videos'), { recursive: true, force: true });
    await rm(join(this.dataDir, 'incoming'), { recursive: true, force: true });
  }
}

export async function discard(path: string | undefined): Promise<void> {
  if (path) await rm(path, { force: true });
}
