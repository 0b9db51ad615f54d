// The server pieces' own dependencies are optional peer dependencies of the package: a site that uses only the
// element installs none of them (they weigh 35 packages, and one runs an install script). Each entry checks those it
// needs first, so that a site without them reads what to install, not a module resolution error. Each entry names
// its own loaders: a literal import here of every peer would bring them all into every entry's bundle (busboy into an
// edge runtime's token handler).

/** Every server dependency, by the name a site installs. */
export const serverPeers = ['@api.video/nodejs-client', 'busboy', 'rate-limiter-flexible'] as const;
export type ServerPeer = (typeof serverPeers)[number];

/**
 * What an entry needs: each peer with a literal import of it (or of the file of it the entry uses), so that bundlers
 * of server code see and resolve it.
 */
export type PeerLoaders = Partial<Record<ServerPeer, () => Promise<unknown>>>;

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
 * Loads each of `peers`; rejects with a MissingPeersError naming every one that is not installed. Any other failure
 * (a dependency of theirs missing, a broken install) is passed on as it is.
 */
export async function requirePeers(entry: string, peers: PeerLoaders): Promise<void> {
  const names = Object.keys(peers) as ServerPeer[];
  const outcomes = await Promise.allSettled(names.map((name) => peers[name]!()));
  const missing: ServerPeer[] = [];
  outcomes.forEach((outcome, i) => {
    if (outcome.status === 'fulfilled') return;
    if (!isMissing(outcome.reason, names[i]!)) throw outcome.reason;
    missing.push(names[i]!);
  });
  if (missing.length) throw new MissingPeersError(entry, missing);
}

/** For a command line: the message alone on stderr and exit status 1, not a stack trace. */
export async function requirePeersOrExit(command: string, peers: PeerLoaders): Promise<void> {
  try {
    await requirePeers(command, peers);
  } catch (error) {
    if (!(error instanceof MissingPeersError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
