import type { IncomingMessage } from 'node:http';
import { createWriteStream } from 'node:fs';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import { discard } from './storage.js';

/** A pipeline stage the body goes through before the parser (the network shaper's throttle). */
export type BodyStage = (body: AsyncIterable<Buffer>) => AsyncIterable<Buffer>;
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
 * null), with back-pressure, so memory holds one chunk at a time whatever the size. The body flows through one
 * pipeline, so a client that goes away mid-body, whatever stage its bytes are in, ends it with an error that comes
 * back here as `aborted`, never as an error nobody listens to.
 */
export function receiveMultipart(
  req: IncomingMessage,
  path: string | null,
  maxBytes = Infinity,
  /** A stage the body goes through first (the network shaper), if any. */
  stage?: BodyStage,
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
        // Cut off mid-file, busboy destroys the file's stream with an error: nobody needs it, nobody may crash on it.
        stream.on('error', () => {});
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
    const sink = new FormSink(parser, () => {
      form.malformed = true;
    });
    (stage ? pipeline(req, stage, sink) : pipeline(req, sink)).then(
      () => finish(),
      () => {
        // The sink never fails on a form it cannot parse; an error here is the body cut off.
        form.aborted = true;
        void finish();
      },
    );
  });
}

/**
 * busboy at the end of a pipeline, outliving it: once busboy finds the form malformed, the rest of the body is read
 * and dropped, so the client still gets its 400 (a pipeline would cut the connection on the parser's error).
 */
class FormSink extends Writable {
  private broken = false;
  private pending: (() => void) | undefined;

  constructor(
    private readonly parser: busboy.Busboy,
    onMalformed: () => void,
  ) {
    super();
    parser.on('error', () => {
      if (!this.broken) onMalformed();
      this.broken = true;
      this.release();
    });
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    if (this.broken) return callback();
    this.pending = callback;
    // busboy calls back once the file's stream has taken the chunk: the disk's back-pressure reaches the socket.
    this.parser.write(chunk, () => this.release());
  }

  override _final(callback: () => void): void {
    if (this.broken) return callback();
    this.parser.once('close', () => callback());
    this.parser.end();
  }

  override _destroy(error: Error | null, callback: (error: Error | null) => void): void {
    this.parser.destroy();
    callback(error);
  }

  private release(): void {
    const callback = this.pending;
    this.pending = undefined;
    callback?.();
  }
}
