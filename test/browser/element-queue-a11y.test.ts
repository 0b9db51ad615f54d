// <apivideo-uploader multiple> for people using assistive technologies and other languages: axe over rows in each
// state, bars and buttons named after their file, what the live region says, and the queue's text in French.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { ApiVideoUploader, QueueCompleteEvent } from '../../src/index.js';
import {
  nextEvent,
  part,
  recordAnnouncements,
  useLane,
  videoFile,
  drop,
  inRow,
  nextEventFor,
  onFilePart,
  queueUploader,
  row,
  stateOf,
} from './support.js';

/** Bytes per part: the emulator is told to take parts this small. */
const PART = 64 * 1024;

describe('<apivideo-uploader multiple> accessibility', () => {
  const lane = useLane();
  // Never reset here: the lane's emulator takes small parts from the start.
  before(() => lane.smallParts(PART));

  it('passes axe with rows paused, uploaded, refused and cancelled, each named after its file', async () => {
    const el = await queueUploader(lane, { concurrency: '1', accept: 'video/*' }, PART);
    const announcements = recordAnnouncements(el);
    const paused = videoFile(2 * PART + PART / 2, 'held.mp4', 301);
    const done = videoFile(PART / 2, 'done.mp4', 302);
    const notes = new File(['text'], 'notes.txt', { type: 'text/plain' });
    onFilePart(el, paused, 1, () => el.pause(paused));
    const uploaded = nextEventFor(el, 'upload-success', done);
    drop(el, [paused, done, notes]);
    await uploaded;
    await el.updateComplete;
    expect(stateOf(el, paused)).to.equal('paused');

    const bar = inRow(el, paused, 'row-progress-bar')!;
    expect(bar.getAttribute('role')).to.equal('progressbar');
    expect(bar.getAttribute('aria-label')).to.equal('Upload progress of held.mp4');
    expect(Number(bar.getAttribute('aria-valuenow'))).to.be.within(1, 99);
    expect(inRow(el, paused, 'resume-button')!.getAttribute('aria-label')).to.equal('Resume held.mp4');
    expect(inRow(el, paused, 'cancel-button')!.getAttribute('aria-label')).to.equal('Cancel held.mp4');
    expect(part(el, 'queue')!.getAttribute('aria-label')).to.equal('Files');
    expect(part(el, 'total-progress-bar')!.getAttribute('aria-label')).to.equal('Total upload progress');
    await expect(el).to.be.accessible();

    // Keyboard: the row's cancel button, once gone with the cancellation, hands the focus to the page's next control.
    const complete = nextEvent<QueueCompleteEvent>(el, 'queue-complete');
    inRow(el, paused, 'cancel-button')!.focus();
    inRow(el, paused, 'cancel-button')!.click();
    expect((await complete).detail).to.deep.equal({ succeeded: 1, failed: 0, cancelled: 1, rejected: 1 });
    await el.updateComplete;
    expect(row(el, paused).getAttribute('part')).to.equal('row row-cancelled');
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'drop-zone'));
    await expect(el).to.be.accessible();

    expect(announcements).to.include('held.mp4: Upload paused');
    expect(announcements).to.include('notes.txt: File not accepted: This type of file is not accepted. Accepted: video/*.');
    expect(announcements).to.include('done.mp4: Upload complete');
    // Said at the same moment, read as one, each a sentence of its own.
    expect(announcements.at(-1)).to.equal(
      'held.mp4: Upload cancelled. All files done: 1 uploaded, 1 cancelled, 1 not accepted.',
    );
    // Per-file starts and milestones are left to the rows and the total: no file's name comes with a percentage.
    expect(announcements.filter((text) => /^\S+\.mp4: .*%/.test(text))).to.deep.equal([]);
  });

  it('keeps the focus on a row whose pause button turns into resume', async () => {
    const el = await queueUploader(lane, { concurrency: '1' }, PART);
    const file = videoFile(2 * PART + PART / 2, 'focus.mp4', 311);
    const paused = nextEventFor(el, 'upload-pause', file);
    onFilePart(el, file, 1, () => {
      const pause = inRow(el, file, 'pause-button')!;
      pause.focus();
      pause.click();
    });
    drop(el, [file]);
    await paused;
    await el.updateComplete;
    const resume = inRow(el, file, 'resume-button')!;
    expect(el.shadowRoot!.activeElement).to.equal(resume);
    el.cancel(file);
  });

  it('speaks French under lang="fr": the drop zone, the rows and the refusal', async () => {
    const el = await fixture<ApiVideoUploader>(
      html`<apivideo-uploader lang="fr" multiple auto-upload="false" max-files="3"></apivideo-uploader>`,
    );
    const announcements = recordAnnouncements(el);
    expect(part(el, 'drop-zone')!.querySelector('.prompt')!.textContent).to.equal(
      'Choisir des vidéos',
    );
    expect(part(el, 'hint')!.textContent).to.equal('3\u00a0fichiers au plus. Vous pouvez aussi coller des fichiers.');
    const notes = new File(['text'], 'notes.txt', { type: 'text/plain' });
    const clip = videoFile(1024, 'clip.mp4', 321);
    const refused = nextEvent(el, 'file-reject');
    drop(el, [clip, notes]);
    await refused;
    await el.updateComplete;
    expect(inRow(el, notes, 'row-status')!.textContent).to.equal('Refusé');
    expect(inRow(el, clip, 'row-status')!.textContent).to.equal('Prêt à envoyer');
    expect(inRow(el, clip, 'cancel-button')!.getAttribute('aria-label')).to.equal('Annuler clip.mp4');
    expect(part(el, 'upload-button')!.textContent).to.equal('Envoyer');
    expect(announcements.at(-1)).to.equal(
      'notes.txt\u00a0: Fichier refusé : Ce type de fichier n’est pas accepté. Acceptés : video/*.',
    );
    await expect(el).to.be.accessible();
  });
});
