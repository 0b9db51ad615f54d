import { UnexpectedAnswerError } from './json.js';

/** What went wrong talking to api.video, in terms a person can act on. */
export type UpstreamFailure =
  | { kind: 'refused'; status: number; title: string; detail?: string; problem?: Record<string, unknown> }
  | { kind: 'unreachable'; reason: string }
  /** api.video answered, but not with what the route promises (a token that is not a string). */
  | { kind: 'malformed'; reason: string }
  | { kind: 'unexpected'; reason: string };

/** System error codes that mean the network, DNS or the far end failed, not this program. */
const NETWORK_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EPIPE',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_HEADERS_TIMEOUT',
]);

/** The network error code on an error or on one of its causes (fetch hides the system error in `cause`). */
function networkErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_ERROR_CODES.has(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * The client wraps every refusal in ApiVideoError (status 0 when nothing answered) and keeps the problem details in
 * a field TypeScript calls private, so this reads the shape rather than the type. Only a network failure is
 * "unreachable": calling anything else so would send people to check a network that works.
 */
export function describeUpstreamError(error: unknown): UpstreamFailure {
  if (error instanceof UnexpectedAnswerError) return { kind: 'malformed', reason: error.message };
  const shape = error as { code?: unknown; problemDetails?: unknown; message?: unknown } | null;
  if (shape && typeof shape === 'object' && typeof shape.code === 'number' && 'problemDetails' in shape) {
    const status = shape.code;
    if (status === 0) return { kind: 'unreachable', reason: 'the connection failed or nothing answered' };
    const problem =
      shape.problemDetails && typeof shape.problemDetails === 'object'
        ? (shape.problemDetails as Record<string, unknown>)
        : undefined;
    const title =
      typeof problem?.title === 'string' && problem.title ? problem.title : `api.video answered HTTP ${status}.`;
    const detail = typeof problem?.detail === 'string' && problem.detail ? problem.detail : undefined;
    return { kind: 'refused', status, title, detail, problem };
  }
  const reason = error instanceof Error ? error.message : String(error);
  // The client's own parser throws a SyntaxError on a 2xx body that is not JSON: api.video answered, but garbage.
  if (error instanceof SyntaxError) return { kind: 'malformed', reason: `api.video answered with a body that is not JSON (${reason}).` };
  return networkErrorCode(error) ? { kind: 'unreachable', reason } : { kind: 'unexpected', reason };
}
