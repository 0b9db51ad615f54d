// Code only some pages need is fetched on first use: the upload engine (at a sign of intent, or once the page is idle),
// the French strings (and any language but English), and the queue of `multiple`. A page that never shows French or a
// queue never fetches them; one that switches at run time shows English (or nothing of the queue) until they arrive. The tests run in order on one page (one page per test file), so
// the first sees the page before anything was asked for.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import { translations, type ApiVideoUploader, type QueueCompleteEvent, type Strings } from '../../src/index.js';
import { idlePrefetch } from '../../src/element/engine-code.js';
import {
  MiB, eventually, holdModules, moduleFetches, nextEvent, part, releaseModules, sha256, uploader, useLane, videoFile,
} from './support.js';

/** The page's fetches of a module whose path matches `name`, wherever the server put it. */
const fetchesOf = (name: RegExp) =>
  performance.getEntriesByType('resource').filter((entry) => name.test(new URL(entry.name).pathname));
const frenchFetches = () => fetchesOf(/strings-fr\b/);
const queueFetches = () => fetchesOf(/queue-mode\b/);

const prompt = (el: ApiVideoUploader) => part(el, 'drop-zone')!.textContent!;

describe('<apivideo-uploader>: the upload engine fetched at a sign of intent', () => {
  const lane = useLane();

  it('fetches nothing of the upload before intent; a file given before the engine arrives waits, then uploads', async () => {
    // The idle fetch held back, and the engine's module held by the test server until released.
    const schedule = idlePrefetch.schedule;
    let idleFetch: (() => void) | undefined;
    idlePrefetch.schedule = (fetch) => {
      idleFetch = fetch;
      return () => (idleFetch = undefined);
    };
    holdModules('upload-code');
    try {
      const el = await uploader(lane);
      el.uploadToken = await lane.createToken();
      expect(idleFetch, 'a fetch once the page is idle, asked for at connection').to.be.a('function');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await moduleFetches('upload-code'), 'nothing before intent').to.deep.equal([]);

      const file = videoFile(6 * MiB + 321, 'early.mp4', 5);
      const done = el.upload(file);
      await eventually(async () => (await moduleFetches('upload-code')).length > 0, 'the engine asked for');
      expect(await moduleFetches('upload-code')).to.deep.equal(['upload-code held']);
      // Checked, then waiting for the engine: the element says it prepares, and nothing went to api.video.
      await eventually(() => el.files[0]?.state === 'queued', 'the file waiting for the engine');
      expect(el.state).to.equal('preparing');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(el.files.map((entry) => entry.state)).to.deep.equal(['queued']);
      expect(await lane.requestLog()).to.deep.equal([]);

      await releaseModules();
      await done;
      expect(el.state).to.equal('success');
      const stored = await lane.storedVideo(el.videoId!);
      expect(stored).to.include({ complete: true, size: file.size, sha256: await sha256(file) });
      expect(await moduleFetches('upload-code'), 'fetched once').to.deep.equal(['upload-code held']);
      expect(idleFetch, 'the idle fetch called off once the engine is there').to.equal(undefined);
    } finally {
      idlePrefetch.schedule = schedule;
      await releaseModules();
    }
  });
});

describe('<apivideo-uploader> languages fetched on first use', () => {
  let previousLang: string;
  beforeEach(() => {
    previousLang = document.documentElement.lang;
    document.documentElement.lang = 'en';
  });
  afterEach(() => {
    document.documentElement.lang = previousLang;
  });

  it('renders English on a page without French and never fetches the French strings', async () => {
    const el = await fixture<ApiVideoUploader>(html`<apivideo-uploader lang="en-GB"></apivideo-uploader>`);
    el.lang = 'de';
    await el.updateComplete;
    expect(prompt(el)).to.contain('Choose a video');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(frenchFetches()).to.have.length(0);
    expect(queueFetches()).to.have.length(0);
    expect(Object.keys(translations)).to.deep.equal(['en']);
  });

  it('shows English while French is fetched after the page switches to it, then French, fetched once', async () => {
    const el = await fixture<ApiVideoUploader>(html`<apivideo-uploader></apivideo-uploader>`);
    const rendered: string[] = [];
    el.addController({ hostUpdated: () => rendered.push(prompt(el)) });
    document.documentElement.lang = 'fr';
    // The switch renders at once (the document's lang is watched), in English: the French strings are still on their way.
    await new Promise((resolve) => setTimeout(resolve));
    await el.updateComplete;
    expect(rendered[0]).to.contain('Choose a video');
    expect(prompt(el)).to.contain('Choisir une vidéo');
    expect(frenchFetches()).to.have.length(1);
    expect(translations.fr?.prompt).to.equal('Choisir une vidéo');

    // A second element in French renders it at once, from the strings the page already has.
    const second = await fixture<ApiVideoUploader>(html`<apivideo-uploader lang="fr-CA"></apivideo-uploader>`);
    expect(prompt(second)).to.contain('Choisir une vidéo');
    document.documentElement.lang = 'en';
    await eventually(() => prompt(el).includes('Choose a video'), 'the English prompt again');
    expect(frenchFetches()).to.have.length(1);
  });

  it('renders a language the page added to `translations` at once, without a fetch', async () => {
    const el = await fixture<ApiVideoUploader>(html`<apivideo-uploader></apivideo-uploader>`);
    translations.de = { ...translations.en!, prompt: 'Video hier ablegen oder Datei auswählen' } satisfies Strings;
    try {
      el.lang = 'de-AT';
      await new Promise((resolve) => setTimeout(resolve));
      expect(prompt(el)).to.contain('Video hier ablegen');
      expect(frenchFetches()).to.have.length(1);
    } finally {
      delete translations.de;
    }
  });
});

describe('<apivideo-uploader multiple>: the queue fetched on first use', () => {
  const lane = useLane();

  it('fetches the queue once `multiple` is set, and uploads a file given to upload() before it arrived', async () => {
    const el = await fixture<ApiVideoUploader>(
      html`<apivideo-uploader api-host=${lane.emulatorUrl} token-url=${lane.tokenUrl} chunk-size=${String(5 * MiB)}></apivideo-uploader>`,
    );
    expect(queueFetches()).to.have.length(0);
    el.multiple = true;
    const complete = nextEvent<QueueCompleteEvent>(el, 'queue-complete', 60_000);
    // At once, in the same task: the queue's code is still on its way.
    void el.upload(videoFile(6 * MiB, 'early.mp4', 7));
    expect(el.state).to.equal('idle');
    expect((await complete).detail).to.include({ succeeded: 1 });
    expect(el.files.map((file) => [file.file.name, file.state])).to.deep.equal([['early.mp4', 'success']]);
    expect(queueFetches()).to.have.length(1);

    // With the queue's code there: turning `multiple` off empties the queue, and turning it on again keeps a file
    // given in the same task.
    el.multiple = false;
    await el.updateComplete;
    expect(el.files).to.deep.equal([]);
    el.multiple = true;
    const again = nextEvent<QueueCompleteEvent>(el, 'queue-complete', 60_000);
    void el.upload(videoFile(6 * MiB, 'later.mp4', 8));
    expect((await again).detail).to.include({ succeeded: 1 });
    expect(el.files.map((file) => [file.file.name, file.state])).to.deep.equal([['later.mp4', 'success']]);

    // updateComplete of a new element with `multiple` resolves with its queue drawn.
    const second = await fixture<ApiVideoUploader>(html`<apivideo-uploader multiple></apivideo-uploader>`);
    expect(part(second, 'drop-zone')!.textContent).to.contain('Choose videos');
    expect(queueFetches()).to.have.length(1);
  });
});
