import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { ApiVideoUploader, FileRejectEvent, FileSelectEvent } from '../../src/index.js';
import { nextEvent, part, recordAnnouncements, useLane } from './support.js';

/** A PCM WAV file of `seconds` of silence: real media whose duration the browser reads from its header. */
function wavFile(seconds: number, name = 'voice.wav'): File {
  const rate = 8000;
  const samples = rate * seconds;
  const buffer = new ArrayBuffer(44 + samples);
  const view = new DataView(buffer);
  const ascii = (offset: number, text: string) => [...text].forEach((c, i) => view.setUint8(offset + i, c.charCodeAt(0)));
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + samples, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, rate, true);
  view.setUint32(28, rate, true); // byte rate, 8-bit mono
  view.setUint16(32, 1, true);
  view.setUint16(34, 8, true);
  ascii(36, 'data');
  view.setUint32(40, samples, true);
  new Uint8Array(buffer, 44).fill(128);
  return new File([buffer], name, { type: 'audio/wav' });
}

const lane = useLane();

interface Harness {
  el: ApiVideoUploader;
  tokenRequestsBefore: number;
  uploadRequestsBefore: number;
}

/** An element on this file's private lane: its same-origin token endpoint would be asked at once for a good file. */
async function harness(attributes: Record<string, string>): Promise<Harness> {
  const el = await fixture<ApiVideoUploader>(
    html`<apivideo-uploader api-host=${lane.emulatorUrl} token-url=${lane.tokenUrl}></apivideo-uploader>`,
  );
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  await el.updateComplete;
  return {
    el,
    tokenRequestsBefore: await lane.tokenRequestCount(),
    uploadRequestsBefore: (await lane.requestLog()).length,
  };
}

async function expectNothingSent(h: Harness): Promise<void> {
  expect(await lane.tokenRequestCount()).to.equal(h.tokenRequestsBefore);
  expect((await lane.requestLog()).length).to.equal(h.uploadRequestsBefore);
}

async function expectRejected(h: Harness, file: File, reason: string, words: string): Promise<FileRejectEvent> {
  const rejected = nextEvent<FileRejectEvent>(h.el, 'file-reject', 15_000);
  let selected = false;
  h.el.addEventListener('file-select', () => (selected = true));
  const announcements = recordAnnouncements(h.el);
  const settled = h.el.upload(file);
  const event = await rejected;
  await settled;
  await h.el.updateComplete;
  expect(event.detail.reason).to.equal(reason);
  expect(event.detail.file).to.equal(file);
  // Intl puts no-break spaces between numbers and units in French.
  expect(event.detail.message.replace(/[\u00a0\u202f]/g, ' ')).to.contain(words);
  expect(event.bubbles && event.composed).to.equal(true);
  expect(selected).to.equal(false);
  expect(h.el.state).to.equal('idle');
  expect(h.el.file).to.equal(undefined);
  expect(part(h.el, 'reject-message')!.textContent).to.equal(event.detail.message);
  expect(announcements.join(' | ')).to.contain(event.detail.message);
  await expectNothingSent(h);
  return event;
}

describe('<apivideo-uploader> restrictions', () => {
  it('would see the requests: a file that passes asks the token endpoint and sends bytes', async () => {
    const h = await harness({ 'max-file-size': '10000000', accept: 'video/*' });
    const success = nextEvent(h.el, 'upload-success', 30_000);
    void h.el.upload(new File([new Uint8Array(4096)], 'fine.mp4', { type: 'video/mp4' }));
    await success;
    expect(await lane.tokenRequestCount()).to.equal(h.tokenRequestsBefore + 1);
    expect((await lane.requestLog()).length).to.equal(h.uploadRequestsBefore + 1);
  });

  it('does not ask a tokenProvider for a rejected file', async () => {
    const h = await harness({});
    let calls = 0;
    h.el.tokenProvider = async () => {
      calls++;
      return 'unused';
    };
    await expectRejected(h, new File([], 'empty.mp4', { type: 'video/mp4' }), 'empty', 'empty');
    expect(calls).to.equal(0);
  });

  it('rejects an empty file', async () => {
    await expectRejected(await harness({}), new File([], 'empty.mp4', { type: 'video/mp4' }), 'empty', 'empty');
  });

  it('rejects a type accept does not allow, by MIME type and by extension', async () => {
    const h = await harness({ accept: 'video/*' });
    await expectRejected(h, new File(['hello'], 'notes.txt', { type: 'text/plain' }), 'type', 'video/*');
    const byExtension = await harness({ accept: '.mov, .webm' });
    await expectRejected(byExtension, new File(['x'], 'clip.mp4', { type: 'video/mp4' }), 'type', '.mov, .webm');
  });

  it('accepts a video whose type the browser left empty by its extension', async () => {
    const el = await fixture<ApiVideoUploader>(html`<apivideo-uploader auto-upload="false"></apivideo-uploader>`);
    const selected = nextEvent<FileSelectEvent>(el, 'file-select', 15_000);
    void el.upload(new File(['x'], 'holiday.mkv'));
    expect((await selected).detail.file.name).to.equal('holiday.mkv');
  });

  it('rejects a file over max-file-size, saying both sizes', async () => {
    const h = await harness({ 'max-file-size': '1000' });
    const event = await expectRejected(h, new File([new Uint8Array(2500)], 'big.mp4', { type: 'video/mp4' }), 'size', '2.5 kB');
    expect(event.detail.message).to.contain('1 kB');
  });

  it('rejects a video longer than max-duration, read from its metadata', async () => {
    const h = await harness({ 'max-duration': '5', accept: 'video/*,audio/wav' });
    const event = await expectRejected(h, wavFile(8), 'duration', '8 sec');
    expect(event.detail.message).to.contain('5 sec');
  });

  it('lets through a video within max-duration', async () => {
    const el = await fixture<ApiVideoUploader>(
      html`<apivideo-uploader auto-upload="false" max-duration="10" accept="audio/wav"></apivideo-uploader>`,
    );
    const selected = nextEvent<FileSelectEvent>(el, 'file-select', 15_000);
    void el.upload(wavFile(3));
    // Reading the metadata takes tasks; the render that says so comes first.
    await el.updateComplete;
    expect(part(el, 'hint')!.textContent).to.equal('Checking the file…');
    expect(part(el, 'drop-zone')!.getAttribute('aria-busy')).to.equal('true');
    expect((await selected).detail.file.name).to.equal('voice.wav');
  });

  it('does not hang on a file whose metadata cannot be read: the duration is unknown and the file goes through', async () => {
    const el = await fixture<ApiVideoUploader>(
      html`<apivideo-uploader auto-upload="false" max-duration="5"></apivideo-uploader>`,
    );
    const garbage = new Uint8Array(256 * 1024);
    crypto.getRandomValues(garbage.subarray(0, 65536));
    const file = new File([garbage], 'broken.mp4', { type: 'video/mp4' });
    const outcome = Promise.race([
      nextEvent<FileSelectEvent>(el, 'file-select', 15_000).then((event) => `select ${event.detail.file.name}`),
      nextEvent<FileRejectEvent>(el, 'file-reject', 15_000).then((event) => `reject ${event.detail.reason}`),
    ]);
    void el.upload(file);
    expect(await outcome).to.equal('select broken.mp4');
    await el.updateComplete;
    expect(part(el, 'file-name')!.textContent).to.equal('broken.mp4');
  });

  it('says why in French with lang="fr"', async () => {
    const h = await harness({ lang: 'fr', 'max-file-size': '1000000' });
    await expectRejected(h, new File([new Uint8Array(3_000_000)], 'gros.mp4', { type: 'video/mp4' }), 'size', '3 Mo');
  });
});
