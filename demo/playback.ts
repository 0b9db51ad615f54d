// After an upload, the video is played back: the emulator serves the uploaded bytes as its mp4 asset; the real
// api.video transcodes first, so its player page (which waits for the video to be ready) is embedded instead. A queue
// (`multiple`) adds one player per uploaded file under the others.
import type { Video } from '../src/index.js';
import type { PageConfig } from './dev-config.js';

export function showPlayback(container: HTMLElement, video: Video, config: PageConfig, add = false): void {
  if (!add) container.replaceChildren();
  const caption = document.createElement('p');
  caption.textContent = `Video ${video.videoId}${video.title ? ` — ${video.title}` : ''}`;
  if (config.target === 'emulator' && video.assets?.mp4) {
    const player = document.createElement('video');
    player.controls = true;
    player.muted = true;
    player.playsInline = true;
    player.preload = 'metadata';
    player.src = video.assets.mp4;
    // Ids name the one player of a single upload (the end-to-end tests find it by them); a queue's go without.
    if (!add) player.id = 'playback-video';
    container.append(caption, player);
    return;
  }
  if (video.assets?.player) {
    const frame = document.createElement('iframe');
    frame.src = video.assets.player;
    frame.title = `api.video player: ${video.title ?? video.videoId}`;
    frame.allow = 'autoplay; fullscreen';
    if (!add) frame.id = 'playback-player';
    container.append(caption, frame);
    return;
  }
  caption.textContent += ' (api.video sent no playable asset link)';
  container.append(caption);
}
