import type { IncomingMessage } from 'node:http';
import { createWriteStream } from 'node:fs';
import busboy from 'busboy';
import type { Readable } from 'node:stream';
import { discard } from './storage.js';

export interface ReceivedForm {
  /** the client went away before the body was complete */
  aborted: boolean;
  /** the body ended but was not valid multipart (e.g. closing boundary missing) */
  malformed: boolean;
  fields: Record<string, string>;
  fileCount: number;
  filename: string | null;
  /** where the first file's bytes are, when they were kept */
  path: string | null;
  size: number;
  /** the first file exceeded `maxBytes`; its remaining bytes were dropped */
  tooLarge: boolean;
}

/**
 * Streams a multipart body through busboy. The first file goes straight to `path` (or nowhere when `path` is
 * null), with back-pressure, so memory holds one chunk at a time whatever the size.
 */
export function receiveMultipart(
  req: IncomingMessage,
  path: string | null,
  maxBytes = Infinity,
  /** What is read of the body: `req` itself, or `req` through a network shaper. */
  body: Readable = req,
): Promise<ReceivedForm> {
  const form: ReceivedForm = {
    aborted: false,
    malformed: false,
    fields: {},
    fileCount: 0,
    filename: null,
    path: null,
    size: 0,
    tooLarge: false,
  };
  // The client may have gone while the request waited (an injected delay, a slow disk): nothing will come.
  if (req.destroyed) return Promise.resolve({ ...form, aborted: true });
  return new Promise((resolve) => {
    let settled = false;
    const pendingWrites: Promise<void>[] = [];
    const outs: import('node:fs').WriteStream[] = [];
    const finish = async () => {
      if (settled) return;
      settled = true;
      if (form.aborted || form.malformed) for (const out of outs) out.destroy();
      await Promise.allSettled(pendingWrites);
      if ((form.aborted || form.malformed || form.tooLarge) && form.path) {
        await discard(form.path);
        form.path = null;
      }
      resolve(form);
    };

    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        // The file name becomes the video's title, never a path: keep it whole ("a/b.mp4", "</b>").
        preservePath: true,
        // Browsers send a file name as raw UTF-8 in `filename="…"`; busboy would read it as Latin-1 ("vidÃ©o").
        defParamCharset: 'utf8',
        limits: { fields: 50, fieldSize: 64 * 1024, parts: 100, fileSize: Number.isFinite(maxBytes) ? maxBytes + 1 : undefined },
      });
    } catch {
      form.malformed = true;
      req.resume();
      req.once('end', finish);
      req.once('close', finish);
      return;
    }

    parser.on('field', (name, value) => {
      form.fields[name] = value;
    });
    parser.on('file', (_name, stream, info) => {
      form.fileCount += 1;
      if (form.fileCount > 1 || path === null) {
        stream.on('data', (chunk: Buffer) => {
          if (form.fileCount === 1) form.size += chunk.length;
        });
        stream.resume();
        if (form.fileCount === 1) form.filename = info.filename ?? null;
        return;
      }
      form.filename = info.filename ?? null;
      form.path = path;
      const out = createWriteStream(path);
      outs.push(out);
      stream.on('data', (chunk: Buffer) => {
        form.size += chunk.length;
      });
      stream.on('limit', () => {
        form.tooLarge = true;
      });
      pendingWrites.push(
        new Promise<void>((done) => {
          out.on('close', () => done());
          out.on('error', () => done());
          stream.on('error', () => out.destroy());
        }),
      );
      stream.pipe(out);
    });
    parser.on('error', () => {
      form.malformed = true;
      body.unpipe(parser);
      body.resume();
      if (req.complete) void finish();
      else {
        req.once('end', finish);
        req.once('close', finish);
      }
    });
    parser.on('close', () => void finish());
    req.on('close', () => {
      if (!req.complete) {
        form.aborted = true;
        parser.destroy();
        void finish();
      }
    });
    body.pipe(parser);
  });
}
