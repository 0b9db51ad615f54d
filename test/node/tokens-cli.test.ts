// apivideo-tokens create, show, delete and list, run in-process against the emulator.
import { describe, expect, it } from 'vitest';
import { emulatorTokens } from './token-handler.support.js';
import { expectSpecBody } from './emulator/support.js';
import { advanceClock, cli, emulatorUrl, expectKeyNeverPrinted, expectNoStack, expectUsage, seedToken, useEmulator } from './tokens-cli.support.js';

useEmulator();

describe('apivideo-tokens create', () => {
  it('creates a token with --ttl and shows expiry as a time and as time left', async () => {
    const run = await cli(['create', '--ttl', '3600']);
    expect(run.code).toBe(0);
    const token = /^Token\s+(to\w+)$/m.exec(run.stdout)?.[1];
    expect(token).toBeDefined();
    expect(run.stdout).toMatch(/^TTL\s+3600 s \(1h\)$/m);
    expect(run.stdout).toMatch(/^Expires\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \(in (59m \d+s|1h)\)$/m);
    const held = await emulatorTokens(emulatorUrl);
    expect(held).toEqual([expect.objectContaining({ token, ttl: 3600 })]);
  });

  it('without --ttl leaves api.video\'s default, a token that never expires', async () => {
    const run = await cli(['create']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^TTL\s+0 \(never expires\)$/m);
    expect(run.stdout).toMatch(/^Expires\s+never$/m);
  });

  it('--json prints api.video\'s UploadToken JSON', async () => {
    const run = await cli(['create', '--ttl', '120', '--json']);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json.ttl).toBe(120);
    expect(json.token).toMatch(/^to\w{22}$/);
    expect(json.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
    expect(Date.parse(json.expiresAt) - Date.parse(json.createdAt)).toBe(120_000);
  });

  it('refuses a --ttl that is not a whole number in range', async () => {
    for (const ttl of ['abc', '-1', '1.5', '2147483648']) {
      expectUsage(await cli(['create', `--ttl=${ttl}`]), /--ttl must be a whole number from 0 to 2147483647/);
    }
    expectUsage(await cli(['create', '--ttl']), /--ttl/);
    expect(await emulatorTokens(emulatorUrl)).toHaveLength(0);
  });
});

describe('apivideo-tokens show', () => {
  it('shows one token: absolute expiry and time left, or expired', async () => {
    const seeded = await seedToken(3600);
    const created = Date.parse(seeded.createdAt);
    const run = await cli(['show', seeded.token], { now: created + 600_000 });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(seeded.token);
    expect(run.stdout).toMatch(/^Created\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/m);
    expect(run.stdout).toMatch(/^Expires\s+.+ UTC \(in 50m\)$/m);
    const late = await cli(['show', seeded.token], { now: created + 3_700_000 });
    expect(late.stdout).toMatch(/^Expires\s+.+ UTC \(expired\)$/m);
  });

  it('--json prints the token as api.video sent it', async () => {
    const seeded = await seedToken(600);
    const run = await cli(['show', seeded.token, '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(seeded);
  });

  it('says so when the token does not exist, exit 1, no stack trace', async () => {
    const run = await cli(['show', 'toDoesNotExist0000000000']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/there is no upload token "toDoesNotExist0000000000"/);
    expect(run.stderr).toMatch(/HTTP 404/);
    expectNoStack(run);
  });

  it('needs exactly one token', async () => {
    expectUsage(await cli(['show']), /show needs the token/);
    expectUsage(await cli(['show', 'toA', 'toB']), /show takes one token/);
  });
});

describe('apivideo-tokens delete', () => {
  it('Ctrl+C at the question deletes nothing and exits 130, as an interrupted command does', async () => {
    const seeded = await seedToken(600);
    // What readline/promises rejects with when the person presses Ctrl+C at the question.
    const ctrlC = Object.assign(new Error('Aborted with Ctrl+C'), { name: 'AbortError', code: 'ABORT_ERR' });
    const run = await cli(['delete', seeded.token], { interactive: true, answer: ctrlC });
    expect(run.questions).toHaveLength(1);
    expect(run.code).toBe(130);
    expect(run.stderr).toBe('Nothing deleted.');
    expect(run.stdout).toBe('');
    expect(await emulatorTokens(emulatorUrl)).toHaveLength(1);
  });

  it('--yes deletes without asking', async () => {
    const seeded = await seedToken(600);
    const run = await cli(['delete', seeded.token, '--yes']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`Deleted upload token ${seeded.token}.`);
    expect(run.questions).toEqual([]);
    expect(await emulatorTokens(emulatorUrl)).toHaveLength(0);
    expect((await cli(['show', seeded.token])).code).toBe(1);
  });

  it('asks first on a terminal, and deletes only on yes', async () => {
    const seeded = await seedToken(600);
    const no = await cli(['delete', seeded.token], { interactive: true, answer: false });
    expect(no.code).toBe(0);
    expect(no.questions).toHaveLength(1);
    expect(no.questions[0]).toContain(seeded.token);
    expect(no.stderr).toBe('Nothing deleted.');
    expect(await emulatorTokens(emulatorUrl)).toHaveLength(1);
    const yes = await cli(['delete', seeded.token], { interactive: true, answer: true });
    expect(yes.code).toBe(0);
    expect(await emulatorTokens(emulatorUrl)).toHaveLength(0);
  });

  it('without a terminal and without --yes refuses with a usage error, deleting nothing', async () => {
    const seeded = await seedToken(600);
    expectUsage(await cli(['delete', seeded.token]), /add --yes/);
    expect(await emulatorTokens(emulatorUrl)).toHaveLength(1);
  });

  it('an unknown token says so and exits 1', async () => {
    const run = await cli(['delete', 'toDoesNotExist0000000000', '--yes']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/there is no upload token "toDoesNotExist0000000000"/);
    expectNoStack(run);
  });

  it('--json prints nothing, as api.video answers 204 with no body', async () => {
    const seeded = await seedToken(600);
    const run = await cli(['delete', seeded.token, '--yes', '--json']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
  });
});

describe('apivideo-tokens list', () => {
  it('prints a table with expiry, time left and "never" for ttl 0, and a page footer', async () => {
    const expiring = await seedToken(900);
    const forever = await seedToken(0);
    const run = await cli(['list'], { now: Date.parse(expiring.createdAt) });
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^TOKEN\s+TTL\s+CREATED\s+EXPIRES\s+TIME LEFT$/);
    expect(lines.find((l) => l.startsWith(expiring.token))).toMatch(/900\s+.+ UTC\s+.+ UTC\s+15m$/);
    expect(lines.find((l) => l.startsWith(forever.token))).toMatch(/\s0\s+.+ UTC\s+never\s+never$/);
    expect(run.stdout).toMatch(/Page 1 of 1, 2 of 2 tokens$/);
  });

  it('says when there are none', async () => {
    const run = await cli(['list']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^No active upload tokens on this page\./);
  });

  it('pages with --page and --page-size, and --json prints api.video\'s page', async () => {
    for (let i = 0; i < 5; i++) await seedToken(100 + i);
    const last = await cli(['list', '--page', '3', '--page-size', '2', '--json']);
    expect(last.code).toBe(0);
    const page = JSON.parse(last.stdout);
    expect(page.data).toHaveLength(1);
    expect(page.pagination).toMatchObject({ currentPage: 3, pageSize: 2, pagesTotal: 3, itemsTotal: 5, currentPageItems: 1 });
    expect(page.pagination.links.map((l: { rel: string }) => l.rel)).toContain('first');
    const table = await cli(['list', '--page', '2', '--page-size', '2']);
    expect(table.stdout).toMatch(/Page 2 of 3, 2 of 5 tokens$/);
    expect(table.stdout.split('\n').filter((l) => /^to\w+/.test(l))).toHaveLength(2);
  });

  it('sorts by ttl and by createdAt, in both orders', async () => {
    const first = await seedToken(300);
    await advanceClock(2000);
    const second = await seedToken(100);
    await advanceClock(2000);
    const third = await seedToken(200);
    const order = async (...flags: string[]) =>
      (JSON.parse((await cli(['list', ...flags, '--json'])).stdout).data as { token: string }[]).map((t) => t.token);
    expect(await order('--sort-by', 'ttl', '--sort-order', 'asc')).toEqual([second.token, third.token, first.token]);
    expect(await order('--sort-by', 'ttl', '--sort-order', 'desc')).toEqual([first.token, third.token, second.token]);
    expect(await order('--sort-by', 'createdAt', '--sort-order', 'asc')).toEqual([first.token, second.token, third.token]);
    expect(await order('--sort-by', 'createdAt', '--sort-order', 'desc')).toEqual([third.token, second.token, first.token]);
  });

  it('--all pages through more than 100 tokens, keeping the sort order across pages', async () => {
    const seeded: string[] = [];
    for (let batch = 0; batch < 5; batch++) {
      const made = await Promise.all(Array.from({ length: 26 }, (_, i) => seedToken(1000 + batch * 26 + i)));
      seeded.push(...made.map((t) => t.token));
    }
    expect(seeded).toHaveLength(130);

    const asc = await cli(['list', '--all', '--sort-by', 'ttl', '--sort-order', 'asc', '--json']);
    expect(asc.code).toBe(0);
    const ascJson = JSON.parse(asc.stdout);
    const ascData = ascJson.data as { token: string; ttl: number }[];
    expect(ascData).toHaveLength(130);
    // api.video's list shape, as one page holding the whole set.
    expectSpecBody('GET', '/upload-tokens', 200, ascJson);
    expect(ascJson.pagination).toEqual({ currentPage: 1, currentPageItems: 130, pageSize: 130, pagesTotal: 1, itemsTotal: 130, links: [] });
    expect(new Set(ascData.map((t) => t.token))).toEqual(new Set(seeded));
    expect(ascData.map((t) => t.ttl)).toEqual(Array.from({ length: 130 }, (_, i) => 1000 + i));

    const desc = await cli(['list', '--all', '--sort-by', 'ttl', '--sort-order', 'desc', '--json']);
    expect((JSON.parse(desc.stdout).data as { ttl: number }[]).map((t) => t.ttl)).toEqual(
      Array.from({ length: 130 }, (_, i) => 1129 - i),
    );

    const table = await cli(['list', '--all']);
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n').filter((l) => /^to\w+/.test(l))).toHaveLength(130);
    expect(table.stdout).toMatch(/\n130 tokens$/);

    // One page is still one page.
    const onePage = JSON.parse((await cli(['list', '--json'])).stdout);
    expect(onePage.data).toHaveLength(25);
    expect(onePage.pagination.itemsTotal).toBe(130);
  });

  it('refuses bad list options with a usage error', async () => {
    expectUsage(await cli(['list', '--sort-by', 'token']), /--sort-by must be createdAt or ttl/);
    expectUsage(await cli(['list', '--sort-order', 'up']), /--sort-order must be asc or desc/);
    expectUsage(await cli(['list', '--page', '0']), /--page must be a whole number from 1/);
    expectUsage(await cli(['list', '--page-size', '101']), /--page-size must be a whole number from 1 to 100/);
    expectUsage(await cli(['list', '--all', '--page', '2']), /--all lists every page/);
    expectUsage(await cli(['list', 'extra']), /list takes no arguments/);
  });
});

describe('apivideo-tokens commands and the API key', () => {
  it('never print the API key', () => {
    expectKeyNeverPrinted(40);
  });
});
