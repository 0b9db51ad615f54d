// The token handler itself, on plain data: a request described by its method, headers, client address and a way to
// read its body, answered with a status, headers and a body. The Node and fetch front doors only translate. Here the
// request is routed: a preflight, the origin's check, then a token (POST, grant.ts) or an edit (PATCH, edit.ts).
import type { BodyLimits } from '../http/body.js';
import { corsHeaders, judgeOrigin, preflightHeaders, type HeaderGetter, type OriginVerdict } from './cors.js';
import { editFor } from './edit.js';
import { grantFor } from './grant.js';
import { EDIT_FAILED, problems, Refusal, type Problem } from './problems.js';
import type { Settings } from './options.js';

export type { TokenGrant } from './grant.js';

export interface TokenRequest<R> {
  method: string;
  header: HeaderGetter;
  /** The peer's address, when the front door knows it (a Node socket; a fetch handler told it). */
  address: string | undefined;
  /** The body's JSON value (undefined when empty), read within the limits; throws BodyError. */
  readJson(limits: BodyLimits): Promise<unknown>;
  /** What the site's own functions (authorize, rateLimit.key, createVideo) are given. */
  original: R;
}

export interface TokenAnswer {
  status: number;
  headers: Record<string, string>;
  /** null for an answer without a body (204). */
  body: string | null;
}

export type TokenCore<R> = (request: TokenRequest<R>) => Promise<TokenAnswer>;

const NO_STORE = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };

export function createTokenCore<R>(settings: Settings<R>): TokenCore<R> {
  const json = (status: number, body: unknown, headers: Record<string, string>, type = 'application/json'): TokenAnswer => ({
    status,
    headers: { ...headers, ...NO_STORE, 'Content-Type': type },
    body: settings.redact(JSON.stringify(body)),
  });
  const refuse = (problem: Problem, headers: Record<string, string>) => json(problem.status, problem, headers, 'application/problem+json');
  const noteRefused = refusalNotes(settings);
  const edit = settings.edit;
  // PATCH is offered only where the site lets the page edit; elsewhere it is a 405 like any other method.
  const methods = edit ? 'POST, PATCH, OPTIONS' : 'POST, OPTIONS';

  return async (request) => {
    const verdict = judge(settings, request.header);
    const cors = corsHeaders(verdict);
    try {
      if (request.method === 'OPTIONS') return { status: 204, headers: preflightHeaders(verdict, request.header, methods), body: null };
      if (verdict.kind === 'refused') {
        noteRefused(verdict.origin);
        throw new Refusal(problems.originRefused(verdict.origin));
      }
      if (request.method === 'POST') {
        const { grant, headers } = await grantFor(settings, request);
        return json(200, grant, { ...cors, ...headers });
      }
      if (request.method === 'PATCH' && edit) {
        const { answer, headers } = await editFor(settings, edit, request);
        return json(200, answer, { ...cors, ...headers });
      }
      throw new Refusal(problems.methodNotAllowed(request.method, edit !== undefined), { Allow: methods });
    } catch (error) {
      if (error instanceof Refusal) return refuse(error.problem, { ...cors, ...error.headers });
      settings.log(`unexpected failure: ${error instanceof Error ? error.message : String(error)}`);
      const problem = request.method === 'PATCH' ? problems.unexpected('change the video', EDIT_FAILED) : problems.unexpected('create an upload token');
      return refuse(problem, cors);
    }
  };
}

/** Origins refused and said in the log, remembered up to a bound: a line per origin, however many requests it sends. */
const REFUSED_ORIGINS_REMEMBERED = 100;

/** Says in the log, once per origin, which page was refused and what lets it in: nothing else tells the site's developer. */
function refusalNotes<R>(settings: Settings<R>): (origin: string) => void {
  const said = new Set<string>();
  return (origin) => {
    if (said.has(origin)) return;
    // Origins are the client's to write: past the bound the memory starts again rather than grow.
    if (said.size >= REFUSED_ORIGINS_REMEMBERED) said.clear();
    said.add(origin);
    settings.log(
      `refused a token request from the page origin ${JSON.stringify(origin.slice(0, 200))}: only the handler's own origin ` +
        '(scheme, host and port) and those in allowedOrigins may ask; add it to allowedOrigins to allow it.',
    );
  };
}

function judge<R>(settings: Settings<R>, header: HeaderGetter): OriginVerdict {
  try {
    return judgeOrigin(header, settings.allowedOrigins, settings.trustProxy);
  } catch (error) {
    settings.log(`allowedOrigins check threw: ${error instanceof Error ? error.message : String(error)}`);
    return { kind: 'refused', origin: header('origin') ?? '' };
  }
}
