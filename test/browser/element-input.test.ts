import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import type { ApiVideoUploader, FileSelectEvent } from '../../src/index.js';
import { nextEvent, part, paste } from './support.js';

type PickerWindow = Window & { showOpenFilePicker?: () => Promise<never> };
const handlePicker = (window as PickerWindow).showOpenFilePicker;
afterEach(() => {
  if (handlePicker) (window as PickerWindow).showOpenFilePicker = handlePicker;
});

/**
 * Counts the pickers opened (the hidden file input's, or the one that gives a file handle, in Chromium) and keeps
 * either from showing: the handle picker answers as if the visitor closed it.
 */
function watchPicker(el: ApiVideoUploader): { count: () => number } {
  let opened = 0;
  const input = el.shadowRoot!.querySelector('input[type=file]')!;
  input.addEventListener('click', (event) => {
    opened++;
    event.preventDefault();
  });
  if (handlePicker) {
    (window as PickerWindow).showOpenFilePicker = () => {
      opened++;
      return Promise.reject(new DOMException('The user aborted a request.', 'AbortError'));
    };
  }
  return { count: () => opened };
}

const video = (name = 'clip.mp4', size = 1024) => new File([new Uint8Array(size)], name, { type: 'video/mp4' });

describe('<apivideo-uploader> input', () => {
  it('focuses the drop zone through the host, and Enter and Space open the file picker', async () => {
    const el = await fixture<ApiVideoUploader>(html`<apivideo-uploader></apivideo-uploader>`);
    const picker = watchPicker(el);
    el.focus();
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'drop-zone'));
    await sendKeys({ press: 'Enter' });
    expect(picker.count()).to.equal(1);
    // ' ' is the space bar's name in every engine's key map (WebDriver BiDi knows no "Space").
    await sendKeys({ press: ' ' });
    expect(picker.count()).to.equal(2);
  });

  it('reaches the drop zone with Tab and opens the picker on click', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div><button id="before">before</button><apivideo-uploader></apivideo-uploader></div>`,
    );
    const el = wrapper.querySelector('apivideo-uploader')!;
    await el.updateComplete;
    const picker = watchPicker(el);
    wrapper.querySelector<HTMLButtonElement>('#before')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(document.activeElement).to.equal(el);
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'drop-zone'));
    part(el, 'drop-zone')!.click();
    expect(picker.count()).to.equal(1);
  });

  it('does not open the picker when disabled', async () => {
    const el = await fixture<ApiVideoUploader>(html`<apivideo-uploader disabled></apivideo-uploader>`);
    const picker = watchPicker(el);
    expect((part(el, 'drop-zone') as HTMLButtonElement).disabled).to.equal(true);
    el.openFilePicker();
    expect(picker.count()).to.equal(0);
  });

  it('takes a dropped file, showing a drag-over state while dragging', async () => {
    const el = await fixture<ApiVideoUploader>(html`<apivideo-uploader auto-upload="false"></apivideo-uploader>`);
    const base = part(el, 'base')!;
    const transfer = new DataTransfer();
    const file = video('dropped.mp4');
    transfer.items.add(file);
    const over = new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true, composed: true });
    part(el, 'drop-zone')!.dispatchEvent(over);
    expect(over.defaultPrevented).to.equal(true);
    await el.updateComplete;
    expect(part(el, 'drop-zone')!.classList.contains('drag-over')).to.equal(true);
    expect(part(el, 'drop-zone')!.textContent).to.contain('Drop the video to upload it');
    const selected = nextEvent<FileSelectEvent>(el, 'file-select');
    base.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    expect((await selected).detail.file.name).to.equal('dropped.mp4');
    await el.updateComplete;
    expect(el.file).to.equal((await selected).detail.file);
    expect(part(el, 'file-name')!.textContent).to.equal('dropped.mp4');
    expect(part(el, 'upload-button')).to.not.equal(null);
    expect(el.state).to.equal('idle');
  });

  it('takes a pasted file', async () => {
    const el = await fixture<ApiVideoUploader>(html`<apivideo-uploader auto-upload="false"></apivideo-uploader>`);
    const selected = nextEvent<FileSelectEvent>(el, 'file-select');
    el.focus();
    const pasted = paste(el, [video('pasted.webm')]);
    expect((await selected).detail.file.name).to.equal('pasted.webm');
    expect(pasted.defaultPrevented).to.equal(true);
  });

  it('reads auto-upload="false" as off and a bare or absent auto-upload as on', async () => {
    const off = await fixture<ApiVideoUploader>(html`<apivideo-uploader auto-upload="false"></apivideo-uploader>`);
    const bare = await fixture<ApiVideoUploader>(html`<apivideo-uploader auto-upload></apivideo-uploader>`);
    const absent = await fixture<ApiVideoUploader>(html`<apivideo-uploader></apivideo-uploader>`);
    expect([off.autoUpload, bare.autoUpload, absent.autoUpload]).to.deep.equal([false, true, true]);
    off.removeAttribute('auto-upload');
    expect(off.autoUpload).to.equal(true);
  });
});

describe('<apivideo-uploader> focus across views', () => {
  it('keeps keyboard focus inside as the views change: drop zone, upload button, back to the drop zone', async () => {
    const el = await fixture<ApiVideoUploader>(html`<apivideo-uploader auto-upload="false"></apivideo-uploader>`);
    const picker = watchPicker(el);
    el.focus();
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'drop-zone'));
    const selected = nextEvent(el, 'file-select');
    paste(el, [video('keyboard.mp4')]);
    await selected;
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'upload-button'));
    expect(document.activeElement).to.equal(el);
    // Tab to "Choose another file", Enter: the file is forgotten, the picker opens, focus is on the drop zone.
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'reset-button'));
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.file).to.equal(undefined);
    expect(picker.count()).to.equal(1);
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'drop-zone'));
  });
});
