// How the test command finds a browser on a machine that has none.
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript, shared with web-test-runner's config; no declaration file.
import { ensureChromium } from '../support/chromium.mjs';

describe('ensureChromium', () => {
  it('explains how to get a browser when installing one with apt-get fails', () => {
    const commands: string[] = [];
    const failingApt = (command: string, args: string[]) => {
      commands.push([command, ...args].join(' '));
      throw new Error('Command failed: apt-get update\nE: Could not get lock /var/lib/apt/lists/lock');
    };
    let thrown: unknown;
    try {
      ensureChromium(() => {}, { find: () => undefined, canInstall: () => true, exec: failingApt });
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

  it('explains how to get a browser when it may not install one', () => {
    expect(() => ensureChromium(() => {}, { find: () => undefined, canInstall: () => false })).toThrow(/need Chromium and none was found.*CHROME_PATH/);
  });

  it('returns the browser it finds without installing anything', () => {
    const exec = () => {
      throw new Error('nothing should run');
    };
    expect(ensureChromium(() => {}, { find: () => '/opt/chrome/chrome', canInstall: () => true, exec })).toBe('/opt/chrome/chrome');
  });
});
