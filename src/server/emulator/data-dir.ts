// The folder an emulator keeps its bytes in when the caller names none: made in the system's temp folder, and
// removed by close(), or when the process exits before that, however it ends (an uncaught error included), so a
// crash leaves no uploads behind in /tmp. A signal that kills the process outright is the one case no code can see.
import { mkdtempSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const owned = new Set<string>();
let hooked = false;

export function makeOwnDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'apivideo-emulator-'));
  owned.add(dir);
  if (!hooked) {
    hooked = true;
    // One listener for every emulator of the process; 'exit' runs only synchronous code.
    process.on('exit', () => {
      for (const left of owned) rmSync(left, { recursive: true, force: true });
    });
  }
  return dir;
}

export async function removeOwnDataDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  owned.delete(dir);
}
