// web-test-runner launcher for WebKit: WebKitGTK's MiniBrowser, driven by WebKitWebDriver over WebDriver classic.
// WebKitGTK has no headless mode, so without a DISPLAY an Xvfb server is started for it; the driver and Xvfb are
// started when the runner first needs the browser and stopped, by process id, when it stops.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { WebdriverLauncher } from '@web/test-runner-webdriver';
import { which } from './browsers.mjs';

const MINIBROWSER_PATHS = [
  '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
  '/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
  '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.0/MiniBrowser',
  '/usr/lib/aarch64-linux-gnu/webkit2gtk-4.0/MiniBrowser',
];

export function findMiniBrowser() {
  const path = process.env.WEBKIT_MINIBROWSER_PATH || MINIBROWSER_PATHS.find((p) => existsSync(p));
  if (!path) throw new Error('WebKitGTK\'s MiniBrowser was not found: install webkit2gtk-driver, or set WEBKIT_MINIBROWSER_PATH.');
  return path;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The first display number from 99 up with no X server's lock file. */
function freeDisplay() {
  for (let n = 99; n < 199; n++) if (!existsSync(`/tmp/.X${n}-lock`) && !existsSync(`/tmp/.X11-unix/X${n}`)) return n;
  throw new Error('No free X display number between :99 and :198.');
}

async function waitFor(check, what, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`${what} did not come up within ${timeoutMs / 1000} s.`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function startProcess(command, args, env) {
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'], env, detached: false });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-2000)));
  child.exited = new Promise((resolve) => child.on('exit', resolve));
  child.describe = () => `${command} exited early${stderr ? `: ${stderr.trim()}` : ''}`;
  return child;
}

function stopProcess(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 3000);
  return child.exited.finally(() => clearTimeout(killer));
}

/**
 * Starts WebKitWebDriver on a free port, in an Xvfb display when there is none; `stop()` ends both by process id.
 * `options`: webdriverio's, for a MiniBrowser session started with `browserArgs` besides `--automation`.
 * @param {string} driverPath WebKitWebDriver's path (see ensureBrowsers).
 * @param {string[]} [browserArgs]
 */
export async function startWebKitDriver(driverPath, browserArgs = []) {
  const children = [];
  const killChildren = () => children.forEach((child) => child.kill('SIGKILL'));
  process.once('exit', killChildren);
  const stop = async () => {
    await Promise.all(children.map(stopProcess));
    process.removeListener('exit', killChildren);
  };
  const start = (command, args, env) => {
    const child = startProcess(command, args, env);
    children.push(child);
    return child;
  };
  try {
    const env = { ...process.env };
    if (!env.DISPLAY) {
      const display = freeDisplay();
      const xvfb = start(which('Xvfb') ?? 'Xvfb', [`:${display}`, '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], env);
      await waitFor(() => existsSync(`/tmp/.X11-unix/X${display}`) || xvfb.exitCode !== null, 'Xvfb');
      if (xvfb.exitCode !== null) throw new Error(xvfb.describe());
      env.DISPLAY = `:${display}`;
    }
    const port = await freePort();
    const driver = start(driverPath, [`--port=${port}`, '--host=127.0.0.1'], env);
    await waitFor(async () => {
      if (driver.exitCode !== null) return true;
      try {
        return (await fetch(`http://127.0.0.1:${port}/status`)).ok;
      } catch {
        return false;
      }
    }, 'WebKitWebDriver');
    if (driver.exitCode !== null) throw new Error(driver.describe());
    const options = {
      hostname: '127.0.0.1',
      port,
      path: '/',
      logLevel: 'error',
      capabilities: {
        browserName: 'MiniBrowser',
        'webkitgtk:browserOptions': { binary: findMiniBrowser(), args: ['--automation', ...browserArgs] },
        // webdriverio 9 tries WebDriver BiDi first, which WebKitWebDriver does not speak.
        'wdio:enforceWebDriverClassic': true,
      },
    };
    return { options, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A WebdriverLauncher that starts its own display and driver, and stops them when it stops. */
export class WebKitLauncher extends WebdriverLauncher {
  /** @param {string} driverPath WebKitWebDriver's path (see ensureBrowsers). */
  constructor(driverPath) {
    super({ capabilities: { browserName: 'MiniBrowser' } });
    this.driverPath = driverPath;
  }

  async initialize(config, testFiles) {
    // WebKit's mock camera and microphone, for the recording tests (its MiniBrowser has no fake device otherwise).
    this.driver = await startWebKitDriver(this.driverPath, ['--enable-mock-capture-devices=true']);
    this.options = this.driver.options;
    await super.initialize(config, testFiles);
    this.name = 'WebKit';
  }

  async stop() {
    try {
      await super.stop();
    } finally {
      await this.driver?.stop();
      this.driver = undefined;
    }
  }
}
