// Finds the browsers the tests drive: Chromium, Firefox and WebKit (WebKitGTK through WebKitWebDriver). Each is looked
// for by its environment variable, then on the PATH. Where one is missing and we run as root with apt-get, Debian's
// packages are installed, once, in one apt-get call (no test tool can download a browser on a closed network);
// otherwise the error says how to get it.
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

/** What each engine needs on this machine, and the Debian packages that bring it. */
export const ENGINES = {
  chromium: {
    label: 'Chromium',
    env: 'CHROME_PATH',
    commands: ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'],
    packages: ['chromium'],
    hint: '`sudo apt-get install chromium`, or point CHROME_PATH at a Chrome or Chromium executable',
  },
  firefox: {
    label: 'Firefox',
    env: 'FIREFOX_PATH',
    commands: ['firefox-esr', 'firefox'],
    packages: ['firefox-esr'],
    hint: '`sudo apt-get install firefox-esr`, or point FIREFOX_PATH at a Firefox executable',
  },
  webkit: {
    label: 'WebKit',
    env: 'WEBKIT_DRIVER_PATH',
    commands: ['WebKitWebDriver'],
    // WebKitGTK has no headless mode: its windows need a display, which Xvfb gives where there is none.
    packages: ['webkit2gtk-driver', 'xvfb'],
    also: ['Xvfb'],
    hint: '`sudo apt-get install webkit2gtk-driver xvfb`, or point WEBKIT_DRIVER_PATH at WebKitWebDriver',
  },
};

export const ENGINE_NAMES = Object.keys(ENGINES);

/** Other programs the tests run for real, found and installed the same way. */
export const SERVERS = {
  redis: {
    label: 'Redis',
    env: 'REDIS_SERVER_PATH',
    commands: ['redis-server'],
    packages: ['redis-server'],
    hint: '`sudo apt-get install redis-server`, or point REDIS_SERVER_PATH at a redis-server executable',
  },
};

const TOOLS = { ...ENGINES, ...SERVERS };

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function which(name) {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  const path = found.stdout.trim();
  return found.status === 0 && path && isExecutable(path) ? path : undefined;
}

/** The engine's executable (for WebKit, WebKitWebDriver), or undefined when this machine lacks it or what it needs. */
export function findBrowser(engine) {
  const spec = TOOLS[engine];
  const fromEnv = process.env[spec.env];
  if (fromEnv) {
    if (isExecutable(fromEnv)) return fromEnv;
    throw new Error(`${spec.env} is set to ${fromEnv}, which is not an executable file.`);
  }
  if ((spec.also ?? []).some((command) => !which(command))) return undefined;
  for (const command of spec.commands) {
    const path = which(command);
    if (path) return path;
  }
  return undefined;
}

function canAptInstall() {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  return isRoot && Boolean(which('apt-get'));
}

/**
 * Returns `{ engine: path }` for every engine (or server, such as `redis`) asked for, installing Debian's packages for the missing ones when that
 * is possible here. `system` replaces how a browser is found, whether apt-get may be used, and how commands run (tests
 * use it to play a machine without a browser).
 */
export function ensureBrowsers(engines = ENGINE_NAMES, log = console.log, system = {}) {
  const { find = findBrowser, canInstall = canAptInstall, exec = execFileSync } = system;
  const paths = {};
  const missing = [];
  for (const engine of engines) {
    const path = find(engine);
    if (path) paths[engine] = path;
    else missing.push(engine);
  }
  if (missing.length === 0) return paths;
  const labels = missing.map((engine) => TOOLS[engine].label).join(', ');
  const howTo = missing.map((engine) => `${TOOLS[engine].label}: ${TOOLS[engine].hint}`).join('; ');
  const who = missing.every((engine) => engine in ENGINES) ? 'The browser tests' : 'The tests';
  if (canInstall()) {
    const packages = missing.flatMap((engine) => TOOLS[engine].packages);
    log(`Not found: ${labels}. Installing Debian's ${packages.join(', ')} with apt-get (this happens once).`);
    try {
      exec('apt-get', ['update'], { stdio: 'inherit' });
      exec('apt-get', ['install', '-y', '--no-install-recommends', ...packages], {
        stdio: 'inherit',
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      });
    } catch (cause) {
      // apt-get's own words ("Command failed: apt-get update") say what broke, not what to do about it.
      const reason = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
      throw new Error(`${who} need ${labels}; installing with apt-get failed (${reason}). ${howTo}.`, { cause });
    }
    for (const engine of missing) {
      const path = find(engine);
      if (!path) throw new Error(`${who} need ${TOOLS[engine].label}; apt-get ran but it is still not found. ${howTo}.`);
      paths[engine] = path;
    }
    return paths;
  }
  throw new Error(`${who} need ${labels} and none was found. ${howTo}.`);
}

/** Chromium's path alone, for the tools that drive only Chromium (the benchmarks). */
export function ensureChromium(log = console.log, system = {}) {
  return ensureBrowsers(['chromium'], log, system).chromium;
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

/** Chromium's fake camera and microphone, granted without a prompt (a screen to share is picked without one too). */
export const CHROMIUM_FAKE_MEDIA_ARGS = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];

/** Firefox's fake camera and microphone, granted without a prompt. */
export const FIREFOX_FAKE_MEDIA_PREFS = { 'media.navigator.streams.fake': true, 'media.navigator.permission.disabled': true };

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(ensureBrowsers(process.argv.slice(2).length ? process.argv.slice(2) : ENGINE_NAMES));
}
