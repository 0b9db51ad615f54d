// Finds a Chromium for the browser tests: CHROME_PATH, then the system's chromium or google-chrome.
// Where there is none and we run as root with apt-get, installs Debian's `chromium` (no test tool can
// download a browser on a closed network); otherwise explains how to get one.
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

const CANDIDATES = [
  'chromium',
  'chromium-browser',
  'google-chrome',
  'google-chrome-stable',
];

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function which(name) {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  const path = found.stdout.trim();
  return found.status === 0 && path && isExecutable(path) ? path : undefined;
}

export function findChromium() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (isExecutable(fromEnv)) return fromEnv;
    throw new Error(`CHROME_PATH is set to ${fromEnv}, which is not an executable file.`);
  }
  for (const name of CANDIDATES) {
    const path = which(name);
    if (path) return path;
  }
  return undefined;
}

const HOW_TO_GET_ONE =
  'Install it (Debian/Ubuntu: `sudo apt-get install chromium`) or point CHROME_PATH at a Chrome or Chromium executable.';

function canAptInstall() {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  return isRoot && Boolean(which('apt-get'));
}

/**
 * Returns a Chromium path, installing Debian's package when that is possible here. `system` replaces how a browser is
 * found, whether apt-get may be used, and how commands run (tests use it to play a machine without a browser).
 */
export function ensureChromium(log = console.log, system = {}) {
  const { find = findChromium, canInstall = canAptInstall, exec = execFileSync } = system;
  const found = find();
  if (found) return found;
  if (canInstall()) {
    log('No Chromium found: installing Debian\'s "chromium" package with apt-get (this happens once).');
    try {
      exec('apt-get', ['update'], { stdio: 'inherit' });
      exec('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], {
        stdio: 'inherit',
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      });
    } catch (cause) {
      // apt-get's own words ("Command failed: apt-get update") say what broke, not what to do about it.
      const reason = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
      throw new Error(`The browser tests need Chromium; none was found and installing it with apt-get failed (${reason}). ${HOW_TO_GET_ONE}`, {
        cause,
      });
    }
    const installed = find();
    if (installed) return installed;
  }
  throw new Error(`The browser tests need Chromium and none was found. ${HOW_TO_GET_ONE}`);
}

/** Flags that keep Chromium quiet and working on a closed network, as root, in a container. */
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--autoplay-policy=no-user-gesture-required',
];

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(ensureChromium());
}
