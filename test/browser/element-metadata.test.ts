// The video details form (`metadata-fields`) against this package's token handler and the emulator, over real HTTP:
// the capability the handler signs, the edit it applies, the frames decoded from the local file, in every engine.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import type { ApiVideoUploader, MetadataErrorEvent, MetadataSaveEvent } from '../../src/index.js';
import { choose, eventually, nextEvent, part, typeText, untilLogged, untilState, useLane, videoFile, type Lane } from './support.js';

const API_KEY_AUTH = `Basic ${btoa('emulator-api-key:')}`;

/** Bytes per part: the emulator is told to take parts this small. */
const PART = 64 * 1024;

async function detailsUploader(lane: Lane, fields: string, extra: Record<string, string> = {}): Promise<ApiVideoUploader> {
  const el = await fixture<ApiVideoUploader>(
    html`<apivideo-uploader
      api-host=${lane.emulatorUrl}
      token-url=${lane.handlerUrl}
      .minChunkSize=${PART}
      .chunkSize=${PART}
      metadata-fields=${fields}
    ></apivideo-uploader>`,
  );
  for (const [name, value] of Object.entries(extra)) el.setAttribute(name, value);
  await el.updateComplete;
  return el;
}

/** The video as api.video (the emulator) holds it, read with the API key. */
async function videoOnServer(lane: Lane, videoId: string): Promise<{ title: string; description: string; tags: string[] }> {
  const response = await fetch(`${lane.emulatorUrl}/videos/${videoId}`, { headers: { Authorization: API_KEY_AUTH } });
  expect(response.status).to.equal(200);
  return (await response.json()) as { title: string; description: string; tags: string[] };
}

/** Types into a field of the form as a person does: focus, keys, and the `input` events they bring. */
async function typeInto(el: ApiVideoUploader, name: string, text: string): Promise<void> {
  const field = (await eventually(() => part(el, name) as HTMLInputElement | null, `the ${name} field`))!;
  field.focus();
  await typeText(text);
  await el.updateComplete;
}

describe('<apivideo-uploader> video details', () => {
  const lane = useLane();
  beforeEach(async () => {
    await lane.reset();
    await lane.smallParts(PART);
  });

  it('a title typed while part 2 of 4 is on the wire is on the video when the upload ends, unsaved till then, through a restarted backend', async () => {
    const el = await detailsUploader(lane, 'title description tags');
    const saved = nextEvent<MetadataSaveEvent>(el, 'metadata-save', 60_000);
    const since = (await lane.requestLog()).length;
    // Part 2 stays on the wire until the details are typed.
    const hold = await lane.hold(2, 'typing');
    choose(el, [videoFile(3 * PART + 4096, 'holiday.mp4')]);
    await untilLogged(lane, 2, since);
    expect(el.state).to.equal('uploading');
    // The backend restarts while part 2 is on the wire: its new instance, with the site's secret, takes the edit.
    await lane.restartHandler();
    await typeInto(el, 'metadata-title', 'Sea and sun');
    await typeInto(el, 'metadata-description', 'Four parts of it.');
    await typeInto(el, 'metadata-tags', 'sea, summer');
    expect(part(el, 'metadata-status')!.textContent).to.contain('saved when the upload ends');
    expect(el.metadata).to.deep.equal({ title: 'Sea and sun', description: 'Four parts of it.', tags: ['sea', 'summer'] });
    await lane.release(hold);
    const { detail } = await saved;
    expect(el.state).to.equal('success');
    expect(detail.videoId).to.equal(el.videoId);
    expect(detail.video).to.include({ title: 'Sea and sun', description: 'Four parts of it.' });
    const video = await videoOnServer(lane, detail.videoId);
    expect(video).to.include({ title: 'Sea and sun', description: 'Four parts of it.' });
    expect(video.tags).to.deep.equal(['sea', 'summer']);
    await el.updateComplete;
    expect(part(el, 'metadata-status')!.textContent!.trim()).to.equal('Details saved');
  });

  it('saved when the person saves, before the upload ends; the page’s values fill the form in', async () => {
    const el = await detailsUploader(lane, 'title tags', { 'metadata-required': 'title' });
    el.metadata = { title: 'From the page', tags: ['site'] };
    // Part 1 stays on the wire until the details are saved.
    const hold = await lane.hold(1, 'saving');
    choose(el, [videoFile(4096, 'early.mp4')]);
    const title = (await eventually(() => part(el, 'metadata-title') as HTMLInputElement | null, 'the title field'))!;
    await el.updateComplete;
    expect(title.value).to.equal('From the page');
    title.select();
    await typeText('Typed');
    const saved = nextEvent<MetadataSaveEvent>(el, 'metadata-save');
    part(el, 'metadata-save-button')!.click();
    const { detail } = await saved;
    // The save went while part 1 was still held: the upload had not ended.
    expect(el.state).to.equal('uploading');
    expect((await videoOnServer(lane, detail.videoId)).title).to.equal('Typed');
    await lane.release(hold);
    await untilState(el, 'success');
  });

  it('a required title left empty is said in words, focused, and nothing is sent', async () => {
    const el = await detailsUploader(lane, 'title', { 'metadata-required': 'title', 'auto-upload': 'false' });
    choose(el, [videoFile(4096, 'nameless.mp4')]);
    const button = (await eventually(() => part(el, 'metadata-save-button'), 'the save button'))!;
    const before = (await lane.tokenRequests()).count;
    const refused = nextEvent<MetadataErrorEvent>(el, 'metadata-error');
    button.click();
    expect((await refused).detail).to.include({ code: 'invalid', field: 'title', message: 'Title is required.' });
    await el.updateComplete;
    const title = part(el, 'metadata-title')!;
    expect(title.getAttribute('aria-invalid')).to.equal('true');
    expect(el.shadowRoot!.activeElement).to.equal(title);
    expect(part(el, 'metadata-problem')!.textContent).to.equal('Title is required.');
    expect((await lane.tokenRequests()).count).to.equal(before);
  });

  it('a refused edit keeps what was typed and offers to save again; a restarted backend with the same secret takes it', async () => {
    const el = await detailsUploader(lane, 'title');
    choose(el, [videoFile(4096, 'kept.mp4')]);
    await untilState(el, 'success');
    // Another instance that signs with another secret cannot read this page's capability: refused, nothing changes.
    await lane.restartHandler('another-secret-of-at-least-32-characters!');
    await typeInto(el, 'metadata-title', 'Kept title');
    const refused = nextEvent<MetadataErrorEvent>(el, 'metadata-error');
    part(el, 'metadata-save-button')!.click();
    const { detail } = await refused;
    expect(detail).to.include({ code: 'refused', status: 403, videoId: el.videoId });
    await el.updateComplete;
    expect(part(el, 'metadata-error')!.textContent).to.match(/^The site refused the details: /);
    expect((part(el, 'metadata-title') as HTMLInputElement).value).to.equal('Kept title');
    expect(part(el, 'metadata-save-button')!.textContent!.trim()).to.equal('Save again');
    expect((await videoOnServer(lane, el.videoId!)).title).to.equal('kept.mp4');
    // The site's own secret again, on a new instance: the same capability is good.
    await lane.restartHandler();
    const saved = nextEvent<MetadataSaveEvent>(el, 'metadata-save');
    part(el, 'metadata-save-button')!.click();
    await saved;
    expect((await videoOnServer(lane, el.videoId!)).title).to.equal('Kept title');
  });

  it('a frame chosen from the local file is the thumbnail’s timecode on the video', async () => {
    const el = await detailsUploader(lane, 'thumbnail', { 'auto-upload': 'false' });
    const bytes = await (await fetch('/test/fixtures/frames.webm')).blob();
    choose(el, [new File([bytes], 'frames.webm', { type: 'video/webm' })]);
    const open = (await eventually(() => part(el, 'metadata-thumbnail-button'), 'the thumbnail button'))!;
    open.click();
    const frames = (await eventually(() => {
      const inputs = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('[part~="metadata-frame"] input')];
      return inputs.length ? inputs : undefined;
    }, 'the frames', 20_000))!;
    expect(frames).to.have.length(6);
    const images = [...el.shadowRoot!.querySelectorAll<HTMLImageElement>('[part~="metadata-frame"] img')];
    await eventually(() => images.every((img) => img.complete && img.naturalWidth === 160), 'the frames drawn');
    expect(images[2].alt).to.match(/^Frame at /);
    frames[2].click();
    await el.updateComplete;
    // Six equal spans of a 4 s video: the third frame is the middle of the third, 1.667 s.
    expect(el.metadata.thumbnailTimecode).to.equal('00:00:01.667');
    const saved = nextEvent<MetadataSaveEvent>(el, 'metadata-save');
    await el.upload();
    const { detail } = await saved;
    expect(detail.thumbnailTimecode).to.equal('00:00:01.667');
    const stored = await lane.emulator<{ thumbnailTimecode?: string }>('GET', `/videos/${detail.videoId}`);
    expect(stored.thumbnailTimecode).to.equal('00:00:01.667');
  });

  it('the form is usable from the keyboard and passes axe', async () => {
    const el = await detailsUploader(lane, 'title description tags thumbnail', { 'auto-upload': 'false' });
    choose(el, [videoFile(4096, 'keys.mp4')]);
    await eventually(() => part(el, 'metadata-title'), 'the form');
    await el.updateComplete;
    await expect(el).to.be.accessible();
    part(el, 'metadata-title')!.focus();
    await typeText('By keys');
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'metadata-description'));
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'metadata-tags'));
    const saveWaits = nextEvent(el, 'metadata-save');
    el.upload();
    await sendKeys({ press: 'Enter' });
    await saveWaits;
    expect((await videoOnServer(lane, el.videoId!)).title).to.equal('By keys');
  });
});
