import { expect } from '@open-wc/testing';
import '../../src/index.js';
import type { ProvidedToken } from '../../src/index.js';
import {
  MiB,
  eventually,
  nextEvent,
  onPart,
  part,
  recordAnnouncements,
  untilState,
  uploader,
  useLane,
  videoFile,
} from './support.js';

describe('<apivideo-uploader> accessibility', () => {
  const lane = useLane();

  it('passes axe when idle, with a polite live region in place from the start', async () => {
    const el = await uploader(lane);
    await expect(el).to.be.accessible();
    const region = part(el, 'announcer')!;
    expect(region.getAttribute('aria-live')).to.equal('polite');
    expect(region.textContent!.trim()).to.equal('');
  });

  it('passes axe while uploading, with a named progress bar', async () => {
    const el = await uploader(lane);
    // The first token comes already expired, so the session asks for a fresh one before part 1: holding that answer
    // keeps the element in `uploading` for as long as the check takes.
    let release: (token: ProvidedToken) => void = () => {};
    let calls = 0;
    el.tokenProvider = async () => {
      calls++;
      if (calls === 1) return { token: await lane.createToken(), expiresAt: new Date(Date.now() - 1000) };
      return new Promise<ProvidedToken>((resolve) => (release = resolve));
    };
    const success = nextEvent(el, 'upload-success', 60_000);
    void el.upload(videoFile(6 * MiB, 'live.mp4', 41));
    await untilState(el, 'uploading');
    const bar = part(el, 'progress-bar')!;
    expect(bar.getAttribute('role')).to.equal('progressbar');
    expect(bar.getAttribute('aria-label')).to.equal('Upload progress');
    expect(bar.getAttribute('aria-valuemin')).to.equal('0');
    expect(bar.getAttribute('aria-valuemax')).to.equal('100');
    expect(bar.getAttribute('aria-valuenow')).to.equal('0');
    await expect(el).to.be.accessible();
    expect(el.state).to.equal('uploading');
    release(await lane.createToken());
    await success;
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('passes axe in the error state and announces the error', async () => {
    const el = await uploader(lane);
    const announcements = recordAnnouncements(el);
    el.tokenProvider = async () => {
      throw new Error('Sign in again to upload');
    };
    void el.upload(videoFile(1 * MiB, 'denied.mp4'));
    await untilState(el, 'error');
    await expect(el).to.be.accessible();
    expect(announcements.at(-1)).to.equal('Upload failed: The upload could not start. Try again. Details: “Sign in again to upload”');
    expect(el.error!.message).to.contain('Sign in again to upload');
  });

  it('announces the start, 25/50/75 %, a pause, the resume and completion', async () => {
    const el = await uploader(lane);
    el.uploadToken = await lane.createToken();
    const announcements = recordAnnouncements(el);
    onPart(el, 1, () => el.pause());
    void el.upload(videoFile(20 * MiB, 'four-parts.mp4', 42));
    await untilState(el, 'paused');
    const bar = part(el, 'progress-bar')!;
    expect(Number(bar.getAttribute('aria-valuenow'))).to.be.within(25, 100);
    await expect(el).to.be.accessible();
    const success = nextEvent(el, 'upload-success', 60_000);
    el.resume();
    await success;
    await el.updateComplete;

    expect(announcements[0]).to.equal('Uploading four-parts.mp4');
    expect(announcements[announcements.length - 1]).to.equal('Upload complete');
    expect(announcements).to.include('Upload paused');
    expect(announcements).to.include('Upload resumed');
    const milestones = announcements.filter((text) => text.endsWith('% uploaded'));
    expect(milestones).to.deep.equal(['25 % uploaded', '50 % uploaded', '75 % uploaded']);
  });

  it('announces in French with lang="fr"', async () => {
    const el = await uploader(lane);
    el.lang = 'fr';
    // The French strings are fetched on first use: the element speaks English until they arrive.
    await eventually(() => part(el, 'drop-zone')!.textContent!.includes('Choisir'), 'the French strings');
    el.uploadToken = await lane.createToken();
    const announcements = recordAnnouncements(el);
    const success = nextEvent(el, 'upload-success', 60_000);
    void el.upload(videoFile(1 * MiB, 'court.mp4', 43));
    await success;
    await el.updateComplete;
    expect(announcements[0]).to.equal('Envoi de court.mp4');
    expect(announcements[announcements.length - 1]).to.equal('Envoi terminé');
    expect(part(el, 'success')!.textContent).to.equal('Envoi terminé');
    expect(part(el, 'reset-button')!.textContent!.trim()).to.equal('Envoyer une autre vidéo');
  });
});
