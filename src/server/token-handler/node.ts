// The Node front door: `(req, res, next?)` for node:http, Connect and Express, Vite's dev server, and Fastify.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseJsonBody, parseJsonText, readNodeBody, type BodyLimits } from '../http/body.js';
import { createTokenCore, type TokenAnswer, type TokenRequest } from './core.js';
import { resolveSettings, type TokenHandlerOptions } from './options.js';
import { problems } from './problems.js';

export interface UploadTokenHandlerOptions extends TokenHandlerOptions<IncomingMessage> {
  /** Only answer this path (e.g. "/api/upload-token"); other paths go to next() or get 404. Default: every path. */
  path?: string;
}

export type UploadTokenHandler = (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void) => void;

const WHO = 'createUploadTokenHandler';

function header(req: IncomingMessage) {
  return (name: string): string | undefined => {
    const value = req.headers[name];
    return Array.isArray(value) ? value.join(', ') : value;
  };
}

/**
 * The body, read here or by a framework before: Express's json() leaves its value on req.body, Fastify its text or
 * value; the stream is then spent, and waiting for it would wait for ever.
 */
async function readJson(req: IncomingMessage, limits: BodyLimits): Promise<unknown> {
  const parsed = (req as IncomingMessage & { body?: unknown }).body;
  if (parsed === undefined) return parseJsonBody(await readNodeBody(req, limits), req.headers['content-type']);
  if (Buffer.isBuffer(parsed)) return parseJsonText(parsed.toString('utf8'));
  return typeof parsed === 'string' ? parseJsonText(parsed) : parsed;
}

function toRequest(req: IncomingMessage): TokenRequest<IncomingMessage> {
  return {
    method: req.method ?? '',
    header: header(req),
    address: req.socket?.remoteAddress,
    readJson: (limits) => readJson(req, limits),
    original: req,
  };
}

function write(res: ServerResponse, answer: TokenAnswer): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const body = answer.body === null ? undefined : Buffer.from(answer.body);
  res.writeHead(answer.status, body ? { ...answer.headers, 'Content-Length': String(body.length) } : answer.headers);
  res.end(body);
}

/**
 * A Node request handler that hands the browser api.video delegated upload tokens, so the API key stays on the
 * server. Mount it in node:http, Connect/Express (`app.use(path, handler)`, which lets it answer CORS preflights and
 * the PATCH of an edit), Vite's `server.middlewares`, or Fastify (`reply.hijack()`, then `request.raw` / `reply.raw`).
 */
export function createUploadTokenHandler(options: UploadTokenHandlerOptions = {}): UploadTokenHandler {
  const settings = resolveSettings(options, WHO);
  if (options.path !== undefined && !options.path.startsWith('/')) {
    throw new Error(`${WHO}: path must start with "/" (got "${options.path}").`);
  }
  const core = createTokenCore(settings);
  return function uploadTokenHandler(req, res, next) {
    if (options.path !== undefined && (req.url ?? '/').split('?')[0] !== options.path) {
      if (next) return next();
      const problem = problems.notFound(options.path);
      return write(res, { status: 404, headers: { 'Content-Type': 'application/problem+json' }, body: JSON.stringify(problem) });
    }
    core(toRequest(req)).then(
      (answer) => write(res, answer),
      // The core answers every failure itself; this is the last guard against a bug, so the client is not left waiting.
      (error: unknown) => {
        settings.log(`unexpected failure: ${error instanceof Error ? error.message : String(error)}`);
        if (!res.headersSent) res.writeHead(500);
        res.end();
      },
    );
  };
}
