// Shared helpers for the emulator's Node tests: a running emulator on 127.0.0.1:0, a small HTTP client,
// and validation of every JSON body against api.video's own OpenAPI file.
import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { parse } from 'yaml';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { createEmulator, type Emulator, type EmulatorOptions } from '../../../src/server/emulator/index.js';

export const MiB = 1024 * 1024;
export const API_KEY = 'emulator-api-key';
export const BASIC = `Basic ${Buffer.from(`${API_KEY}:`).toString('base64')}`;

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * Where api.video's OpenAPI file is read from: the working copy beside the repository (../shared/) when there is one,
 * so a newer spec is picked up at once; else the tracked copy in test/fixtures/, so a clean clone tests the same way.
 */
export function specFile(root = repoRoot): string {
  const beside = resolve(root, '../shared/apivideo-openapi.yaml');
  return existsSync(beside) ? beside : resolve(root, 'test/fixtures/apivideo-openapi.yaml');
}

const spec = parse(readFileSync(specFile(), 'utf8'));
// OpenAPI 3.0 schemas carry `example`, `x-*` and `nullable`; Ajv understands `nullable` and, not strict, skips the rest.
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
// In OpenAPI 3.0 `nullable` also admits null past an `enum`; Ajv wants that null listed in the enum itself.
(function admitNullInEnums(node: unknown): void {
  if (!node || typeof node !== 'object') return;
  const schema = node as Record<string, unknown>;
  if (schema.nullable === true && Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum.push(null);
  for (const child of Object.values(schema)) admitNullInEnums(child);
})(spec.components);
ajv.addSchema({ $id: 'apivideo', components: spec.components }, 'apivideo');

export function schemaFor(method: string, route: string, status: number): string | undefined {
  const ref = spec.paths?.[route]?.[method.toLowerCase()]?.responses?.[String(status)]?.content?.['application/json']?.schema?.$ref;
  return typeof ref === 'string' ? ref.replace('#/components/schemas/', '') : undefined;
}

/**
 * Validates a body against the schema the spec gives for route+method+status. Where the spec has no response for
 * that status (401 on every route, 404 on /upload, 400 on GET /upload-tokens, 405 anywhere), the body is validated
 * against the spec's generic problem schema, `bad-request` (`not-found` for 404s), and must carry type, title and status.
 */
export function expectSpecBody(method: string, route: string, status: number, body: unknown): void {
  let name = schemaFor(method, route, status);
  if (!name) {
    expect(status, `the spec documents no JSON body for ${method} ${route} ${status}`).toBeGreaterThanOrEqual(400);
    name = status === 404 ? 'not-found' : 'bad-request';
  }
  if (status >= 400) {
    expect(body).toMatchObject({ type: expect.stringMatching(/^https:\/\/docs\.api\.video\/reference\//), title: expect.any(String), status });
  }
  const validate = ajv.getSchema(`apivideo#/components/schemas/${name}`);
  if (!validate) throw new Error(`no schema ${name} in the spec`);
  const ok = validate(body);
  expect(ok, `${method} ${route} ${status} body does not fit ${name}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body)}`).toBe(true);
}

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

export class Client {
  constructor(readonly url: string) {}

  async send(method: string, path: string, init: { body?: unknown; headers?: Record<string, string>; auth?: string | null } = {}): Promise<Reply> {
    const headers: Record<string, string> = { ...(init.headers ?? {}) };
    if (init.auth !== null) headers.Authorization = init.auth ?? BASIC;
    let body: BodyInit | undefined;
    if (init.body instanceof FormData || typeof init.body === 'string' || init.body instanceof Uint8Array) body = init.body as BodyInit;
    else if (init.body !== undefined) {
      body = JSON.stringify(init.body);
      headers['Content-Type'] ??= 'application/json';
    }
    const res = await fetch(this.url + path, { method, headers, body });
    const text = await res.text();
    let json: unknown;
    if (text && res.headers.get('content-type') === 'application/json') json = JSON.parse(text);
    return { status: res.status, headers: res.headers, text, json };
  }

  /** Sends and checks the body against the spec for `route` (the path template). */
  async api(method: string, path: string, route: string, init?: Parameters<Client['send']>[2]): Promise<Reply> {
    const reply = await this.send(method, path, init);
    if (reply.status !== 204) {
      expect(reply.headers.get('content-type'), `${method} ${path} → ${reply.status}: ${reply.text}`).toBe('application/json');
      expectSpecBody(method, route, reply.status, reply.json);
    } else {
      expect(reply.text).toBe('');
    }
    expect(reply.headers.get('access-control-allow-origin')).toBe('*');
    return reply;
  }

  async control<T = any>(method: string, path: string, body?: unknown): Promise<T> {
    const reply = await this.send(method, `/__emulator${path}`, { body, auth: null });
    expect(reply.status, `${method} /__emulator${path}: ${reply.text}`).toBe(200);
    return reply.json as T;
  }

  async newToken(ttl = 0): Promise<string> {
    return (await this.control<{ token: string }>('POST', '/tokens', { ttl })).token;
  }

  /** One `POST /upload` as the browser uploader sends it. */
  async upload(token: string | null, bytes: Uint8Array, opts: { range?: string; videoId?: string; filename?: string; field?: string } = {}): Promise<Reply> {
    const form = new FormData();
    if (opts.videoId !== undefined) form.append('videoId', opts.videoId);
    form.append(opts.field ?? 'file', new Blob([bytes as Uint8Array<ArrayBuffer>]), opts.filename ?? 'clip.mp4');
    const headers: Record<string, string> = opts.range ? { 'Content-Range': opts.range } : {};
    const query = token === null ? '' : `?token=${encodeURIComponent(token)}`;
    return this.api('POST', `/upload${query}`, '/upload', { body: form, headers, auth: null });
  }
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<{ emulator: Emulator; client: Client }> {
  const emulator = createEmulator(options);
  const url = await emulator.listen(0, '127.0.0.1');
  return { emulator, client: new Client(url) };
}

export function bytesOf(size: number): Uint8Array<ArrayBuffer> {
  return new Uint8Array(randomBytes(size));
}

export function sha256(...parts: Uint8Array[]): string {
  const hash = createHash('sha256');
  for (const p of parts) hash.update(p);
  return hash.digest('hex');
}

/** A raw HTTP exchange for what fetch won't send: bodies cut off, bad encodings, odd methods. */
export function rawRequest(
  url: string,
  opts: { method: string; path: string; headers?: Record<string, string | number>; chunks?: (Buffer | string)[]; abortAfterChunks?: boolean },
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string } | 'aborted'> {
  return new Promise((resolvePromise, reject) => {
    const { hostname, port } = new URL(url);
    const req = request({ host: hostname, port, method: opts.method, path: opts.path, headers: opts.headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => resolvePromise({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(parts).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', (err) => (opts.abortAfterChunks ? resolvePromise('aborted') : reject(err)));
    for (const chunk of opts.chunks ?? []) req.write(chunk);
    if (opts.abortAfterChunks) {
      // Give the server a moment to take in what was sent, then drop the connection mid-body.
      setTimeout(() => {
        req.destroy();
        resolvePromise('aborted');
      }, 100);
    } else req.end();
  });
}

/** Waits (bounded) until `check` holds; for state the server settles after a connection closes. */
export async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}
