// apivideo-tokens: credentials, servers, usage and exit codes, in-process and as a real process on a terminal.
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { describeUpstreamError } from '../../src/server/api-video/index.js';
import { apiVideo } from '../../src/server/api-video/client.js';
import { API_KEY, closedPortUrl, emulatorTokens } from './token-handler.support.js';
import { ROOT, cli, emulatorUrl, expectKeyNeverPrinted, expectNoStack, expectUsage, seedToken, useEmulator } from './tokens-cli.support.js';

useEmulator();

describe('apivideo-tokens: credentials, servers, usage', () => {
  it('--help, -h and help print the usage and exit 0', async () => {
    for (const args of [['--help'], ['-h'], ['help'], ['list', '--help']]) {
      const run = await cli(args, { baseUri: false });
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('Usage: apivideo-tokens <command> [options]');
      expect(run.stdout).toContain('list');
    }
  });

  it('usage errors exit 2 with the usage', async () => {
    expectUsage(await cli([], { baseUri: false }), /Say which command/);
    expectUsage(await cli(['rotate']), /Unknown command "rotate"/);
    expectUsage(await cli(['list', '--colour']), /Unknown option '--colour'/);
    expectUsage(await cli(['create', '--all']), /--all does not apply to "create"/);
    expectUsage(await cli(['show', 'toX', '--yes']), /--yes does not apply to "show"/);
    expectUsage(await cli(['list', '--sandbox']), /either --sandbox or --base-uri/);
    expectUsage(await cli(['list', '--base-uri', 'ftp://x'], { baseUri: false }), /--base-uri must start with http/);
    expectUsage(await cli(['list', '--base-uri', 'nowhere'], { baseUri: false }), /not a URL/);
  });

  it('without an API key says how to give one (exit 2)', async () => {
    expectUsage(await cli(['list'], { env: {} }), /--api-key KEY or set the APIVIDEO_API_KEY/);
  });

  it('--api-key wins over APIVIDEO_API_KEY', async () => {
    const run = await cli(['list', '--api-key', API_KEY], { env: { APIVIDEO_API_KEY: 'stale-key' } });
    expect(run.code).toBe(0);
    const wrong = await cli(['list', '--api-key', 'wrong-key-from-flag'], { env: { APIVIDEO_API_KEY: API_KEY } });
    expect(wrong.code).toBe(1);
  });

  it('a wrong API key: exit 1 with api.video\'s title, no stack trace, and the key not echoed', async () => {
    const run = await cli(['list', '--api-key', 'wrong-key-from-flag']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/refused \(HTTP 401\): The API key is invalid\./);
    expect(run.stderr).toContain('Check the API key');
    expect(run.stderr).not.toContain('wrong-key-from-flag');
    expectNoStack(run);
  });

  it('api.video out of reach: exit 1 saying where it tried', async () => {
    const down = await closedPortUrl();
    const run = await cli(['list', '--base-uri', down], { baseUri: false });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`cannot reach api.video at ${down}`);
    expectNoStack(run);
  });

  it('a failure that is not the network is an unexpected error, not "cannot reach"', async () => {
    const broken = (apiKey: string, baseUri: string) => {
      const client = apiVideo(apiKey, baseUri);
      client.uploadTokens.list = async () => {
        throw new TypeError("Cannot read properties of undefined (reading 'data')");
      };
      return client;
    };
    const run = await cli(['list'], { createClient: broken });
    expect(run.code).toBe(1);
    expect(run.stderr).not.toContain('cannot reach');
    expect(run.stderr).toContain(`apivideo-tokens: unexpected error talking to api.video at ${emulatorUrl}: Cannot read properties of undefined`);
    expectNoStack(run);
  });

  it('tells network failures from other errors', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED', errno: -111 });
    expect(describeUpstreamError(refused)).toMatchObject({ kind: 'unreachable' });
    expect(describeUpstreamError(new TypeError('fetch failed', { cause: Object.assign(new Error('getaddrinfo ENOTFOUND x'), { code: 'ENOTFOUND' }) }))).toMatchObject({
      kind: 'unreachable',
    });
    expect(describeUpstreamError(Object.assign(new Error('x'), { code: 0, problemDetails: {} }))).toMatchObject({ kind: 'unreachable' });
    expect(describeUpstreamError(Object.assign(new Error('y'), { code: 'ETIMEDOUT' }))).toMatchObject({ kind: 'unreachable' });
    expect(describeUpstreamError(new Error('Aborted with Ctrl+C'))).toEqual({ kind: 'unexpected', reason: 'Aborted with Ctrl+C' });
    expect(describeUpstreamError(new RangeError('Invalid time value'))).toEqual({ kind: 'unexpected', reason: 'Invalid time value' });
    expect(describeUpstreamError(Object.assign(new Error('z'), { code: 401, problemDetails: { title: 'The API key is invalid.' } }))).toMatchObject({
      kind: 'refused',
      status: 401,
    });
  });

  it('--sandbox talks to https://sandbox.api.video', async () => {
    // The client is made for the sandbox's address; it is then pointed at the emulator so the command runs offline.
    const given: string[] = [];
    const createClient = (apiKey: string, baseUri: string) => {
      given.push(baseUri);
      return apiVideo(apiKey, emulatorUrl);
    };
    const run = await cli(['list', '--sandbox'], { baseUri: false, createClient });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(given).toEqual(['https://sandbox.api.video']);
    const production = await cli(['list'], { baseUri: false, createClient });
    expect(production.code).toBe(0);
    expect(given).toEqual(['https://sandbox.api.video', 'https://ws.api.video']);
  });

  it('never prints the API key', () => {
    expectKeyNeverPrinted(20);
  });
});

// One Node process per run, TypeScript loaded by tsx's hook: `npx` would first start npm to find tsx (a second each),
// and tsx's own command line a second Node process.
describe('apivideo-tokens as a real process (node --import tsx src/server/tokens-cli/main.ts)', () => {
  function spawnCli(args: string[], env: Record<string, string> = { APIVIDEO_API_KEY: API_KEY }) {
    return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      const child = execFile(
        process.execPath,
        ['--import', 'tsx', 'src/server/tokens-cli/main.ts', ...args],
        { cwd: ROOT, env: { ...process.env, APIVIDEO_API_KEY: '', ...env }, timeout: 30_000 },
        (error, stdout, stderr) => {
          resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
        },
      );
      child.stdin?.end();
    });
  }

  it('creates, lists and deletes, with exit codes 0, 1 and 2', async () => {
    const created = await spawnCli(['create', '--ttl', '300', '--json', '--base-uri', emulatorUrl]);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const token = JSON.parse(created.stdout).token as string;

    const listed = await spawnCli(['list', '--base-uri', emulatorUrl]);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(token);

    // stdin is a pipe, not a terminal: no one to ask, so --yes is required.
    const unconfirmed = await spawnCli(['delete', token, '--base-uri', emulatorUrl]);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toContain('add --yes');

    const deleted = await spawnCli(['delete', token, '--yes', '--base-uri', emulatorUrl]);
    expect(deleted.code).toBe(0);
    const gone = await spawnCli(['show', token, '--base-uri', emulatorUrl]);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain(`there is no upload token "${token}"`);
    expect(gone.stderr).not.toMatch(/^\s+at /m);
   }, 120_000);

  it('on a real terminal, asks before deleting and obeys the answer', async () => {
    // script(1) gives the command a pseudo-terminal, so it runs exactly as in a person's shell.
    const onTerminal = (token: string, answer: string) =>
      new Promise<{ code: number; output: string }>((resolve) => {
        const command = `${process.execPath} --import tsx src/server/tokens-cli/main.ts delete ${token} --base-uri ${emulatorUrl}`;
        const child = execFile('script', ['-qec', command, '/dev/null'], { cwd: ROOT, env: { ...process.env, APIVIDEO_API_KEY: API_KEY }, timeout: 30_000 }, (error, stdout) =>
          resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, output: stdout }),
        );
        child.stdin?.end(`${answer}\n`);
      });
    const seeded = await seedToken(600);
    const declined = await onTerminal(seeded.token, 'n');
    expect(declined.code).toBe(0);
    expect(declined.output).toContain(`Delete upload token ${seeded.token}?`);
    expect(declined.output).toContain('Nothing deleted.');
    expect(await emulatorTokens(emulatorUrl)).toHaveLength(1);
    const accepted = await onTerminal(seeded.token, 'y');
    expect(accepted.code).toBe(0);
    expect(accepted.output).toContain(`Deleted upload token ${seeded.token}.`);
    expect(await emulatorTokens(emulatorUrl)).toHaveLength(0);
  }, 60_000);
});
