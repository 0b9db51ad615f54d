// A token endpoint that refuses the page's origin (this package's handler, on another origin, without the page in its
// allowedOrigins): the page reads the refusal, so the element says what happened, to the visitor in plain words and
// to the developer in the console, naming the origin and the fix, instead of "could not be reached".
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { ApiVideoUploader, UploadErrorEvent } from '../../src/index.js';
import { MiB, nextEvent, part, untilState, videoFile } from './support.js';

async function refusingTokenUrl(): Promise<string> {
  const response = await fetch('/test-token/refusing', { method: 'POST' });
  return ((await response.json()) as { url: string }).url;
}

async function handlerLog(): Promise<string[]> {
  return ((await (await fetch('/test-token/refusing/log')).json()) as { log: string[] }).log;
}

/** What the element writes to the console while `work` runs. */
async function consoleWarnings(work: () => Promise<void>): Promise<string[]> {
  const lines: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => void lines.push(args.map(String).join(' '));
  try {
    await work();
  } finally {
    console.warn = original;
  }
  return lines;
}

describe('<apivideo-uploader> with a token URL that refuses the page’s origin', () => {
  for (const [lang, shown] of [
    ['en', 'This page is not allowed to upload videos. The site needs to allow it.'],
    ['fr', 'Cette page n’est pas autorisée à envoyer des vidéos. Le site doit l’autoriser.'],
  ] as const) {
    it(`says so (${lang}): origin-refused in upload-error, the origin and the fix in the console, one line in the server's log`, async () => {
      const tokenUrl = await refusingTokenUrl();
      const el = await fixture<ApiVideoUploader>(html`<apivideo-uploader lang=${lang} token-url=${tokenUrl}></apivideo-uploader>`);
      let error!: UploadErrorEvent['detail'];
      const warnings = await consoleWarnings(async () => {
        const failed = nextEvent<UploadErrorEvent>(el, 'upload-error', 30_000);
        void el.upload(videoFile(1 * MiB, 'refused.mp4', 31));
        error = (await failed).detail;
        await untilState(el, 'error');
      });
      expect(error.code).to.equal('token-request-failed');
      expect(error.reason).to.equal('origin-refused');
      expect(error.status).to.equal(403);
      expect(error.message).to.contain(location.origin);
      expect(error.message).to.contain('allowedOrigins');
      expect(part(el, 'error-message')!.textContent).to.equal(shown);
      const developer = warnings.filter((line) => line.includes('origin-refused'));
      expect(developer).to.have.length(1);
      expect(developer[0]).to.contain(location.origin);
      expect(developer[0]).to.contain('allowedOrigins');
      const log = await handlerLog();
      expect(log).to.have.length(1);
      expect(log[0]).to.contain(`"${location.origin}"`);
    });
  }
});
