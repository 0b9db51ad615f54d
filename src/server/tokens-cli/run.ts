import { parseArgs } from 'node:util';
import {
  MAX_TTL,
  describeUpstreamError,
  redactor,
  resolveBaseUri,
  tokenListJson,
  uploadTokenJson,
  type UploadTokenJson,
} from '../api-video/index.js';
import { apiVideo, type ApiVideoApis, type UploadTokensApi } from '../api-video/client.js';
import { ValueError, oneOf, wholeNumber } from '../http/values.js';
import { tokenDetails, tokenTable } from './format.js';
import { USAGE, UsageError } from './usage.js';

export interface CliIo {
  /** Writes text to standard output (a newline is added). */
  out(text: string): void;
  /** Writes text to standard error (a newline is added). */
  err(text: string): void;
  /** True when a person is at the terminal and can answer a question. */
  interactive: boolean;
  /** Asks a yes/no question; only called when interactive. */
  confirm(question: string): Promise<boolean>;
  /** The current time in ms, for "time left". */
  now?(): number;
  /** Makes the api.video client for a key and base URI; default the official Node client's calls. */
  createClient?(apiKey: string, baseUri: string): Pick<ApiVideoApis, 'uploadTokens'>;
}

type Env = Record<string, string | undefined>;

/** What a shell reports for a command stopped by Ctrl+C (128 + SIGINT). */
const EXIT_INTERRUPTED = 130;

const OPTIONS = {
  'api-key': { type: 'string' },
  sandbox: { type: 'boolean' },
  'base-uri': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  ttl: { type: 'string' },
  'sort-by': { type: 'string' },
  'sort-order': { type: 'string' },
  page: { type: 'string' },
  'page-size': { type: 'string' },
  all: { type: 'boolean' },
  yes: { type: 'boolean', short: 'y' },
} as const;

const COMMAND_FLAGS: Record<string, string[]> = {
  create: ['ttl'],
  list: ['sort-by', 'sort-order', 'page', 'page-size', 'all'],
  show: [],
  delete: ['yes'],
};
const GLOBAL_FLAGS = ['api-key', 'sandbox', 'base-uri', 'json', 'help'];

type Values = { [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K]['type'] extends 'string' ? string : boolean };

/** A flag's value through one of the shared checks; what it refuses is a usage error. An empty value is no value. */
function flagValue<T>(flag: string, raw: string | undefined, check: (raw: string | undefined, name: string) => T): T {
  if (raw === '') throw new UsageError(`--${flag} needs a value.`);
  try {
    return check(raw, `--${flag}`);
  } catch (error) {
    throw error instanceof ValueError ? new UsageError(error.message) : error;
  }
}

const wholeNumberFlag = (flag: string, raw: string | undefined, min: number, max: number) =>
  flagValue(flag, raw, (value, name) => wholeNumber(value, name, min, max));

const oneOfFlag = <T extends string>(flag: string, raw: string | undefined, allowed: readonly T[]) =>
  flagValue(flag, raw, (value, name) => oneOf(value, name, allowed));

function parse(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    // parseArgs explains itself well ("Unknown option '--x'"); keep its words, drop its error code.
    throw new UsageError(error instanceof Error ? error.message.replace(/^\w+ \[[A-Z_]+\]: /, '') : String(error));
  }
}

function tokenArgument(command: string, rest: string[]): string {
  if (rest.length === 0) throw new UsageError(`${command} needs the token to ${command}, e.g. "apivideo-tokens ${command} to1tcmSFHeYY5KzyhOqVKMKb".`);
  if (rest.length > 1) throw new UsageError(`${command} takes one token (got ${rest.length}: ${rest.join(' ')}).`);
  return rest[0]!;
}

async function listAll(api: UploadTokensApi, sortBy?: 'createdAt' | 'ttl', sortOrder?: 'asc' | 'desc'): Promise<UploadTokenJson[]> {
  const seen = new Set<string>();
  const tokens: UploadTokenJson[] = [];
  for (let currentPage = 1; ; currentPage++) {
    const page = tokenListJson(await api.list({ sortBy, sortOrder, currentPage, pageSize: 100 }));
    for (const token of page.data) {
      if (!seen.has(token.token)) {
        seen.add(token.token);
        tokens.push(token);
      }
    }
    const pagesTotal = Number(page.pagination.pagesTotal ?? 1);
    if (page.data.length === 0 || currentPage >= pagesTotal) return tokens;
  }
}

/**
 * Every token in api.video's list shape, as the one page that holds them all. `links` is empty: api.video's links
 * point at pages of at most 100 items, and no such page holds this whole set.
 */
function wholeSetJson(tokens: UploadTokenJson[]) {
  const count = tokens.length;
  return {
    data: tokens,
    pagination: { currentPage: 1, currentPageItems: count, pageSize: count, pagesTotal: 1, itemsTotal: count, links: [] },
  };
}

/** One run of a command: what was asked, with what, and where the answers go. */
interface Invocation {
  command: 'create' | 'list' | 'show' | 'delete';
  rest: string[];
  values: Values;
  api: UploadTokensApi;
  io: CliIo;
  json: boolean;
  now: () => number;
}

/** The command line read and checked: the command, its arguments, and the api.video it talks to; or the help. */
function invocation(argv: string[], env: Env, io: CliIo, now: () => number): Invocation | 'help' {
  const { values, positionals } = parse(argv) as { values: Values; positionals: string[] };
  if (values.help || positionals[0] === 'help') return 'help';
  const [command, ...rest] = positionals;
  if (!command) throw new UsageError('Say which command to run.');
  if (!(command in COMMAND_FLAGS)) throw new UsageError(`Unknown command "${command}".`);
  for (const [flag, value] of Object.entries(values)) {
    if (value !== undefined && !GLOBAL_FLAGS.includes(flag) && !COMMAND_FLAGS[command]!.includes(flag)) {
      throw new UsageError(`--${flag} does not apply to "${command}".`);
    }
  }
  if (values.sandbox && values['base-uri'] !== undefined) throw new UsageError('Use either --sandbox or --base-uri, not both.');
  const apiKey = (values['api-key'] ?? env.APIVIDEO_API_KEY ?? '').trim();
  if (!apiKey) throw new UsageError('No API key: pass --api-key KEY or set the APIVIDEO_API_KEY environment variable.');
  if ((command === 'create' || command === 'list') && rest.length) {
    throw new UsageError(`${command} takes no arguments (got ${rest.join(' ')}).`);
  }
  if (command === 'show' || command === 'delete') tokenArgument(command, rest);
  const baseUri = baseUriOf(values);
  const api = (io.createClient ?? apiVideo)(apiKey, baseUri).uploadTokens;
  return { command: command as Invocation['command'], rest, values, api, io, json: values.json === true, now };
}

function baseUriOf(values: Values): string {
  try {
    return resolveBaseUri({ environment: values.sandbox ? 'sandbox' : 'production', baseUri: values['base-uri'] }, 'apivideo-tokens');
  } catch (error) {
    throw new UsageError((error as Error).message.replace('apivideo-tokens: baseUri', '--base-uri'));
  }
}

async function create({ values, api, io, json, now }: Invocation): Promise<number> {
  const ttl = wholeNumberFlag('ttl', values.ttl, 0, MAX_TTL);
  const token = uploadTokenJson(await api.createToken(ttl === undefined ? {} : { ttl }));
  io.out(json ? JSON.stringify(token, null, 2) : tokenDetails(token, now()));
  return 0;
}

async function list({ values, api, io, json, now }: Invocation): Promise<number> {
  const sortBy = oneOfFlag('sort-by', values['sort-by'], ['createdAt', 'ttl'] as const);
  const sortOrder = oneOfFlag('sort-order', values['sort-order'], ['asc', 'desc'] as const);
  const currentPage = wholeNumberFlag('page', values.page, 1, Number.MAX_SAFE_INTEGER);
  const pageSize = wholeNumberFlag('page-size', values['page-size'], 1, 100);
  if (values.all && (currentPage !== undefined || pageSize !== undefined)) {
    throw new UsageError('--all lists every page; leave out --page and --page-size.');
  }
  if (values.all) {
    const tokens = await listAll(api, sortBy, sortOrder);
    if (json) io.out(JSON.stringify(wholeSetJson(tokens), null, 2));
    else io.out(tokens.length ? `${tokenTable(tokens, now())}\n\n${tokens.length} token${tokens.length === 1 ? '' : 's'}` : 'No active upload tokens.');
    return 0;
  }
  const page = tokenListJson(await api.list({ sortBy, sortOrder, currentPage, pageSize }));
  if (json) {
    io.out(JSON.stringify(page, null, 2));
    return 0;
  }
  const p = page.pagination as { currentPage?: number; pagesTotal?: number; itemsTotal?: number };
  const footer = `Page ${p.currentPage ?? currentPage ?? 1} of ${Math.max(1, p.pagesTotal ?? 1)}, ${page.data.length} of ${p.itemsTotal ?? page.data.length} tokens`;
  io.out(page.data.length ? `${tokenTable(page.data, now())}\n\n${footer}` : `No active upload tokens on this page.\n${footer}`);
  return 0;
}

async function show({ rest, api, io, json, now }: Invocation): Promise<number> {
  const found = uploadTokenJson(await api.getToken(tokenArgument('show', rest)));
  io.out(json ? JSON.stringify(found, null, 2) : tokenDetails(found, now()));
  return 0;
}

async function remove({ rest, values, api, io, json }: Invocation): Promise<number> {
  const token = tokenArgument('delete', rest);
  if (!values.yes) {
    if (!io.interactive) {
      throw new UsageError('delete asks for confirmation, and there is no terminal to ask on; add --yes to delete without asking.');
    }
    let sure: boolean;
    try {
      sure = await io.confirm(`Delete upload token ${token}? Uploads still using it will fail. [y/N] `);
    } catch {
      // Ctrl+C or a closed terminal at the question: the person left, which is a "no", not an api.video failure.
      io.err('Nothing deleted.');
      return EXIT_INTERRUPTED;
    }
    if (!sure) {
      io.err('Nothing deleted.');
      return 0;
    }
  }
  await api.deleteToken(token);
  if (!json) io.out(`Deleted upload token ${token}.`);
  return 0;
}

const COMMANDS = { create, list, show, delete: remove };

/** What api.video's failure means for the person at the terminal, in words; the exit code is 1. */
function upstreamMessage(error: unknown, baseUri: string, token: string | undefined): string {
  const failure = describeUpstreamError(error);
  if (failure.kind === 'unreachable') return `apivideo-tokens: cannot reach api.video at ${baseUri}: ${failure.reason}.`;
  if (failure.kind === 'unexpected' || failure.kind === 'malformed') {
    return `apivideo-tokens: unexpected error talking to api.video at ${baseUri}: ${failure.reason}`;
  }
  const lines: string[] = [];
  if (failure.status === 404 && token) {
    lines.push(`apivideo-tokens: there is no upload token "${token}" (it may have expired or been deleted).`);
    lines.push(`api.video at ${baseUri} answered HTTP 404: ${failure.title}`);
  } else {
    lines.push(`apivideo-tokens: api.video at ${baseUri} refused (HTTP ${failure.status}): ${failure.title}`);
  }
  if (failure.detail) lines.push(failure.detail);
  if (failure.status === 401 || failure.status === 403) {
    lines.push('Check the API key (--api-key or APIVIDEO_API_KEY) and that it belongs to this environment (--sandbox, --base-uri).');
  }
  return lines.join('\n');
}

/**
 * The whole command, free of process globals so it runs the same in a test and in a terminal.
 * Resolves to the exit code: 0 done, 1 api.video refused or unreachable, 2 usage error, 130 the delete question was
 * interrupted (Ctrl+C), nothing deleted.
 */
export async function runTokensCli(argv: string[], env: Env, io: CliIo): Promise<number> {
  // Known once the command line is read: the key to scrub from every line, and where api.video was asked.
  let redact = (text: string) => text;
  let asked: Invocation | undefined;
  try {
    const apiKey = (parseArgsQuietly(argv)?.['api-key'] ?? env.APIVIDEO_API_KEY ?? '').trim();
    if (apiKey) redact = redactor(apiKey);
    const run = invocation(argv, env, io, () => (io.now ? io.now() : Date.now()));
    if (run === 'help') {
      io.out(USAGE);
      return 0;
    }
    asked = run;
    return await COMMANDS[run.command](run);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(redact(`apivideo-tokens: ${error.message}\n\n${USAGE}`));
      return 2;
    }
    const token = asked && (asked.command === 'show' || asked.command === 'delete') ? asked.rest[0] : undefined;
    io.err(redact(upstreamMessage(error, asked ? baseUriOf(asked.values) : '', token)));
    return 1;
  }
}

/** The flags, if the command line can be read at all: only to know the key to scrub before anything else fails. */
function parseArgsQuietly(argv: string[]): Values | undefined {
  try {
    return parse(argv).values as Values;
  } catch {
    return undefined;
  }
}
