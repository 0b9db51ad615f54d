// The server pieces' own dependencies are optional peer dependencies of the package: a site that uses only the
// element installs none of them (they weigh 35 packages, and one runs an install script). Each entry that needs
// them checks them here first, so that a site without them reads what to install, not a module resolution error.

/** Each server dependency, loaded by a literal import so that bundlers of server code see and resolve it. */
const peers = {
  '@api.video/nodejs-client': () => import('@api.video/nodejs-client'),
  busboy: () => import('busboy'),
  'rate-limiter-flexible': () => import('rate-limiter-flexible'),
} as const;

export type ServerPeer = keyof typeof peers;
export const serverPeers = Object.keys(peers) as ServerPeer[];

/** Node's answer (ERR_MODULE_NOT_FOUND) or a bundle's (MODULE_NOT_FOUND) to an import of `name` that is not installed. */
function isMissing(error: unknown, name: string): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && String(message).includes(`'${name}'`);
}

/** What `entry` says when some of its dependencies are not installed: all of them, and the command that installs them. */
export class MissingPeersError extends Error {
  constructor(
    readonly entry: string,
    readonly missing: readonly ServerPeer[],
  ) {
    const names = missing.length > 1 ? `${missing.slice(0, -1).join(', ')} and ${missing.at(-1)}` : missing[0];
    super(`${entry} needs ${names}: npm install ${missing.join(' ')}`);
    this.name = 'MissingPeersError';
  }
}

/**
 * Loads each of `names`; rejects with a MissingPeersError naming every one that is not installed. Any other failure
 * (a dependency of theirs missing, a broken install) is passed on as it is.
 */
export async function requirePeers(entry: string, names: readonly ServerPeer[]): Promise<void> {
  const outcomes = await Promise.allSettled(names.map((name) => peers[name]()));
  const missing: ServerPeer[] = [];
  outcomes.forEach((outcome, i) => {
    if (outcome.status === 'fulfilled') return;
    if (!isMissing(outcome.reason, names[i]!)) throw outcome.reason;
    missing.push(names[i]!);
  });
  if (missing.length) throw new MissingPeersError(entry, missing);
}

/** For a command line: the message alone on stderr and exit status 1, not a stack trace. */
export async function requirePeersOrExit(command: string, names: readonly ServerPeer[]): Promise<void> {
  try {
    await requirePeers(command, names);
  } catch (error) {
    if (!(error instanceof MissingPeersError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
