// How the test command finds the browsers on a machine that lacks some, and how it picks engines to run.
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript, shared with web-test-runner's config; no declaration file.
import { ensureBrowsers } from '../support/browsers.mjs';
// @ts-expect-error plain JavaScript, the browser suite's command; no declaration file.
import { parseBrowserArgs } from '../browser-run.mjs';

const nothingRuns = () => {
  throw new Error('nothing should run');
};

describe('ensureBrowsers', () => {
  it('installs every missing engine’s packages in one apt-get call, and only those', () => {
    const commands: string[] = [];
    const installed = new Set<string>(['chromium']);
    const find = (engine: string) => (installed.has(engine) ? `/usr/bin/${engine}` : undefined);
    const exec = (command: string, args: string[]) => {
      commands.push([command, ...args].join(' '));
      if (args[0] === 'install') ['firefox', 'webkit'].forEach((e) => installed.add(e));
    };
    const lines: string[] = [];
    const paths = ensureBrowsers(['chromium', 'firefox', 'webkit'], (line: string) => lines.push(line), {
      find,
      canInstall: () => true,
      exec,
    });
    expect(paths).toEqual({ chromium: '/usr/bin/chromium', firefox: '/usr/bin/firefox', webkit: '/usr/bin/webkit' });
    expect(commands).toEqual([
      'apt-get update',
      'apt-get install -y --no-install-recommends firefox-esr webkit2gtk-driver xvfb',
    ]);
    expect(lines.join('\n')).toMatch(/Not found: Firefox, WebKit/);
  });

  it('installs a missing Redis server in the same apt-get call as the browsers, and says how to get it otherwise', () => {
    const commands: string[] = [];
    const installed = new Set<string>(['chromium']);
    const find = (name: string) => (installed.has(name) ? `/usr/bin/${name}` : undefined);
    const exec = (command: string, args: string[]) => {
      commands.push([command, ...args].join(' '));
      if (args[0] === 'install') ['firefox', 'redis'].forEach((e) => installed.add(e));
    };
    const paths = ensureBrowsers(['chromium', 'firefox', 'redis'], () => {}, { find, canInstall: () => true, exec });
    expect(paths).toEqual({ chromium: '/usr/bin/chromium', firefox: '/usr/bin/firefox', redis: '/usr/bin/redis' });
    expect(commands).toEqual(['apt-get update', 'apt-get install -y --no-install-recommends firefox-esr redis-server']);
    const call = () => ensureBrowsers(['redis'], () => {}, { find: () => undefined, canInstall: () => false });
    expect(call).toThrow(/^The tests need Redis and none was found.*apt-get install redis-server.*REDIS_SERVER_PATH/);
  });

  it('explains how to get a browser when installing one with apt-get fails', () => {
    const commands: string[] = [];
    const failingApt = (command: string, args: string[]) => {
      commands.push([command, ...args].join(' '));
      throw new Error('Command failed: apt-get update\nE: Could not get lock /var/lib/apt/lists/lock');
    };
    let thrown: unknown;
    try {
      ensureBrowsers(['chromium'], () => {}, { find: () => undefined, canInstall: () => true, exec: failingApt });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Error);
    const error = thrown as Error;
    expect(commands).toEqual(['apt-get update']);
    expect(error.message).toMatch(/^The browser tests need Chromium/);
    expect(error.message).toContain('sudo apt-get install chromium');
    expect(error.message).toContain('CHROME_PATH');
    expect(error.message).toContain('Command failed: apt-get update');
    expect((error.cause as Error).message).toContain('Could not get lock');
  });

  it('explains how to get each browser when it may not install one', () => {
    const call = () => ensureBrowsers(['firefox', 'webkit'], () => {}, { find: () => undefined, canInstall: () => false });
    expect(call).toThrow(/need Firefox, WebKit and none was found.*FIREFOX_PATH.*webkit2gtk-driver xvfb/);
  });

  it('says so when apt-get ran and the browser is still missing', () => {
    const call = () => ensureBrowsers(['webkit'], () => {}, { find: () => undefined, canInstall: () => true, exec: () => {} });
    expect(call).toThrow(/apt-get ran but it is still not found/);
  });

  it('returns the browsers it finds without installing anything', () => {
    const find = (engine: string) => `/opt/${engine}`;
    expect(ensureBrowsers(['chromium', 'webkit'], () => {}, { find, canInstall: () => true, exec: nothingRuns })).toEqual({
      chromium: '/opt/chromium',
      webkit: '/opt/webkit',
    });
  });
});

describe('npm run test:browser arguments', () => {
  it('runs every engine by default and passes other arguments to web-test-runner', () => {
    expect(parseBrowserArgs(['--files', 'test/browser/a.test.ts'])).toEqual({
      engines: ['chromium', 'firefox', 'webkit'],
      rest: ['--files', 'test/browser/a.test.ts'],
    });
  });

  it('picks engines by --browsers, as a list, repeated or with =', () => {
    expect(parseBrowserArgs(['--browsers', 'firefox']).engines).toEqual(['firefox']);
    expect(parseBrowserArgs(['--browsers', 'WebKit,chromium', '--browsers=firefox']).engines).toEqual(['webkit', 'chromium', 'firefox']);
  });

  it('refuses an engine it does not know, naming the ones it does', () => {
    expect(() => parseBrowserArgs(['--browsers', 'safari'])).toThrow(/Unknown browser safari: pick from chromium, firefox, webkit/);
  });
});
