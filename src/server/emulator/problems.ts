// api.video's error bodies. Titles and type slugs follow its error reference; the body shape
// ({type, title, status, name?, detail?, problems?}) is the one its documented 400s use.

export interface Problem {
  type: string;
  title: string;
  status: number;
  name?: string;
  detail?: string;
  problems?: { type: string; title: string; name?: string }[];
  [extra: string]: unknown;
}

const DOCS = 'https://docs.api.video/reference/';

export function problem(status: number, slug: string, title: string, extra: Partial<Problem> = {}): Problem {
  const body: Problem = { type: DOCS + slug, title, status, ...extra };
  if (status === 400 && !body.problems) {
    body.problems = [{ type: body.type, title, ...(body.name !== undefined ? { name: body.name } : {}) }];
  }
  return body;
}

/** Thrown by handlers; the router turns it into the response. */
export class HttpError extends Error {
  constructor(
    readonly body: Problem,
    readonly headers: Record<string, string> = {},
  ) {
    super(body.title);
  }
  get status(): number {
    return this.body.status;
  }
}

export const problems = {
  unrecognizedUrl: () => problem(404, 'unrecognized-request-url', 'Unrecognized request URL.'),
  methodNotAllowed: () => problem(405, 'method-not-allowed', 'Method is not allowed for this route.'),
  notFound: (name: string) => problem(404, 'resource-not-found', 'The requested resource could not be found.', { name }),
  invalidPayload: (detail: string) => problem(400, 'invalid-payload', 'The payload is invalid.', { detail }),
  invalidAttribute: (name: string, detail: string) =>
    problem(400, 'invalid-attribute', 'An attribute is invalid.', { name, detail }),
  queryOutOfRange: (name: string, min: number, max: number) =>
    problem(400, 'request-invalid-query-parameter', 'This parameter is out of the allowed range of values.', {
      name,
      detail: `${name} must be an integer between ${min} and ${max}.`,
      range: { min, max },
    }),
  queryInvalid: (name: string, detail: string) =>
    problem(400, 'request-invalid-query-parameter', 'A query parameter is invalid.', { name, detail }),

  missingAuthorization: () =>
    problem(401, 'authentication-missing-authorization-header', 'The "Authorization" header is missing.'),
  invalidAuthorization: () =>
    problem(401, 'authentication-invalid-authorization-header-value', 'The "Authorization" header value is invalid.'),
  invalidApiKey: () => problem(401, 'authentication-invalid-api-key', 'The API key is invalid.'),
  invalidAccessToken: () => problem(401, 'authentication-invalid-access-token', 'The access token is invalid or expired.'),
  invalidCredentials: () =>
    problem(400, 'authentication-invalid-user-credentials', 'The user credentials were incorrect.', { name: '' }),
  missingUploadToken: () => problem(401, 'authentication-missing-upload-token', 'The upload token is missing.'),
  invalidUploadToken: () => problem(401, 'authentication-invalid-upload-token', 'The upload token is invalid or expired.'),

  noFile: () => problem(400, 'uploaded-file-no-file', 'There is no uploaded file in the request.', { name: 'file' }),
  multipleFiles: () =>
    problem(400, 'uploaded-file-multiple-files', 'There is more than one uploaded file in the request.', { name: 'file' }),
  emptyFile: () => problem(400, 'uploaded-file-empty', 'The uploaded file is empty.', { name: 'file' }),
  fileTooLarge: (max: number) =>
    problem(400, 'uploaded-file-too-large', 'The uploaded file is too large.', {
      name: 'file',
      detail: `A single-request upload may be at most ${max} bytes; send larger files in parts with a "Content-Range" header.`,
    }),
  partTooLarge: (max: number) =>
    problem(400, 'uploaded-file-too-large', 'The uploaded file is too large.', {
      name: 'file',
      detail: `A part may be at most ${max} bytes; send the file in smaller parts.`,
    }),
  notMultipart: () =>
    problem(400, 'invalid-payload', 'The payload is invalid.', {
      name: 'file',
      detail: 'The request body must be multipart/form-data with one file field.',
    }),
  alreadyUploaded: () =>
    problem(400, 'video-source-already-uploaded', 'The source of the video is already uploaded.', { name: 'file' }),
  rangeMalformed: () =>
    problem(
      400,
      'video-content-range-malformed',
      'The value of the "Content-Range" header is malformed, the expected format is "bytes <from_byte>-<to_byte>/<total_bytes>" or "part <part>/<total_parts>".',
      { name: 'Content-Range' },
    ),
  startedWithBytes: () =>
    problem(
      400,
      'video-content-range-started-with-bytes',
      'This "Content-Range" upload has been started with "bytes", you cannot continue it with "part".',
      { name: 'Content-Range' },
    ),
  startedWithPart: () =>
    problem(
      400,
      'video-content-range-started-with-part',
      'This "Content-Range" upload has been started with "part", you cannot continue it with "bytes".',
      { name: 'Content-Range' },
    ),
  partAlreadySent: (part: number) =>
    problem(
      400,
      'video-content-range-by-part-part-already-sent',
      'The "part" value in the "Content-Range" header collides with a previous one you already sent for this video.',
      { name: 'Content-Range', detail: `The part number ${part} has already been sent.` },
    ),
  differentTotalParts: () =>
    problem(
      400,
      'video-content-range-by-part-different-total-parts',
      'The "total_parts" value in the "Content-Range" header must be the same than the one you already set for this video.',
      { name: 'Content-Range' },
    ),
  totalPartsTooLow: () =>
    problem(
      400,
      'video-content-range-by-part-total-parts-too-low',
      'The "total_parts" value in the "Content-Range" header is lower than or equal to a part number you already sent for this video.',
      { name: 'Content-Range' },
    ),
  partZero: () =>
    problem(400, 'video-content-range-by-part-part-too-low', 'The "part" value in the "Content-Range" header must be greater than 0.', {
      name: 'Content-Range',
    }),
  totalZero: () =>
    problem(
      400,
      'video-content-range-by-part-total-parts-too-low',
      'The "total_parts" value in the "Content-Range" header must be greater than 0.',
      { name: 'Content-Range' },
    ),
  partTooHigh: () =>
    problem(
      400,
      'video-content-range-by-part-part-too-high',
      'The "part" value in the "Content-Range" header is higher than the maximum number of parts allowed for a video.',
      { name: 'Content-Range' },
    ),
  partTooSmall: (min: number) =>
    problem(400, 'video-content-range-by-part-uploaded-file-too-small', 'The uploaded file is too small.', {
      name: 'file',
      detail: `Every part but the last must be at least ${min} bytes.`,
    }),
  bytesMismatch: (detail: string) =>
    problem(400, 'video-content-range-by-bytes-invalid-range', 'The "Content-Range" header does not match the uploaded file.', {
      name: 'Content-Range',
      detail,
    }),
  tooManyRequests: () => problem(429, 'too-many-requests', 'Too many requests.'),
  resetDuringUpload: () =>
    problem(409, 'emulator-reset', 'The emulator was reset while this upload was in progress; nothing was stored.', {
      detail: 'POST /__emulator/reset forgot every token and video while the bytes were arriving. Start the upload again.',
    }),
};
