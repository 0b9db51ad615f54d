import { defineElement } from './define.js';
import { UploaderElement } from './uploader.js';

// Events: the events table, src/events/table.ts (each described by its class); they reach the manifest from there.
/**
 * Uploads a video from the page straight to api.video with a delegated upload token, in parts, with progress,
 * pause, resume, cancel and retry; fetches a new token by itself when one expires or is deleted mid-upload.
 * Removed from the page, it stops at once: a running upload is cancelled (`upload-cancel`), and a finished or failed
 * one stops polling and listening while still showing its result. Moved within the page (taken out and put back in
 * the same task), it carries on. Loading the module twice keeps the first registration. With `multiple`, it uploads a
 * queue of files, each checked on its own and shown in its own row with its own buttons, `concurrency` at a time, and
 * fires `queue-complete` when the queue drains. An upload interrupted by a reload, a crash or a closed tab goes on
 * when the same file is chosen again, into the same video, from the first part the server had not acknowledged; when
 * idle, the element offers the unfinished uploads it knows.
 *
 * @summary A drop zone that uploads a video to api.video with a delegated upload token.
 *
 * @slot - The idle prompt inside the drop zone, in place of its button and "or drop it here" (default: "Choose a video", "or drop it here").
 *
 * @attr {string} upload-token - A delegated upload token given directly.
 * @attr {string} token-url - The site's token endpoint; POSTed JSON `{fileName, fileSize, fileType, videoId?}`.
 * @attr {string} api-host - `ws.api.video` (default), `sandbox.api.video`, or a full `http://host:port` URL.
 * @attr {number} chunk-size - Bytes per part, 5 MiB to 128 MiB (default 52428800, 50 MiB); also a size with a unit (`10MB`, `10 MiB`; KB, MB, GB are powers of 1000, KiB, MiB, GiB powers of 1024). A value outside the limits is clamped, one that is not a size means 50 MiB, each with a console warning.
 * @attr {number} parallel-parts - Parts of one file in flight at once, 1 to 8 (default 1): after part 1 has named the video (or from part 1 with `video-id`), the others go that many at a time.
 * @attr {string} video-id - The video to upload into, made beforehand by the site's backend with its API key; every part goes into it, part 1 included. Property `targetVideoId` (`videoId` reads the video being uploaded).
 * @attr {string} video-name - The video's title on api.video (default: the file name).
 * @attr {string} accept - Accepted types: MIME types, `type/*` or `.ext`, comma separated (default `video/*`).
 * @attr {number} max-file-size - Largest accepted file, in bytes.
 * @attr {number} max-duration - Longest accepted video, in seconds.
 * @attr {boolean} auto-upload - Start as soon as a file is chosen (default on; `auto-upload="false"` turns it off).
 * @attr {boolean} disabled - No file can be chosen, dropped or pasted; the controls are disabled.
 * @attr {boolean} multiple - A queue: the picker, a drop and a paste take several files, each with its own row; `queue-complete` fires when the queue drains. Turning it off empties the queue and turning it on forgets the one file, as `reset()` would; files given once it is on are the queue's.
 * @attr {number} max-files - With `multiple`: the most files the queue holds (rejected and cancelled ones aside); one more is refused with `file-reject`, reason `count`.
 * @attr {number} concurrency - With `multiple`: files uploading at once (default 2). A file paused on request or failed leaves its place to the next.
 * @attr {boolean} resumable - Resume after a reload, a crash or a closed tab (default on; `resumable="false"` turns it off): a record of each upload is kept in the browser (IndexedDB; never the token) and the same file chosen again goes on into the same video.
 * @attr {string} resume-storage-key - Keeps the records of one area of a site apart: only this key's unfinished uploads are offered.
 * @attr {boolean} warn-on-leave - While an upload runs, leaving the page asks the visitor to stay first (default on; `warn-on-leave="false"` turns it off).
 * @attr {string} lang - Language of the element's text (`en`, `fr`); else the nearest ancestor's, the document's, then English.
 * @attr {string} state - Read-only, reflected: `idle`, `preparing`, `uploading`, `paused`, `waiting-for-token`, `error`, `success`; with `multiple`, the whole queue's: `uploading` while any file uploads, `preparing` while files wait for their turn, then `paused`, `waiting-for-token`, `error` (a file failed) or `success`.
 * @attr {boolean} upload-in-progress - Read-only, reflected: present while preparing, uploading, paused or waiting for a token.
 * @attr {boolean} upload-error - Read-only, reflected: present in the `error` state.
 * @attr {boolean} upload-complete - Read-only, reflected: present in the `success` state.
 * @property {string} lang - Language of the element's text (`en`, `fr`); else the nearest ancestor's, the document's, then English.
 *
 * @csspart base - The box around everything.
 * @csspart file-input - The hidden file input: the one whose chooser a test tool intercepts, and to which WebDriver sends a file's path.
 * @csspart drop-zone - The drop zone, a button that opens the file picker: a click or a tap anywhere on it, Enter or Space, or a file dropped on it.
 * @csspart prompt - Inside the drop zone, what it does, drawn as the primary button: "Choose a video" ("Choose a video file" when `sources` offers the camera or the screen too; "Choose videos" with `multiple`). At least 44 px high.
 * @csspart drop-prompt - "or drop it here" under it, shown only where a pointer can drop (`@media (pointer: fine)`: a mouse or a trackpad, not a touch screen); while a file is dragged over the zone, "Drop the video to upload it", wherever.
 * @csspart hint - The line under the prompt: limits and the paste hint.
 * @csspart reject-message - Why the last file was refused (also has the `error-message` part).
 * @csspart file - The chosen file's name and size.
 * @csspart file-name - The chosen file's name.
 * @csspart file-size - The chosen file's size.
 * @csspart status - The state in words ("Uploading… 42 %", "Paused").
 * @csspart progress-bar - The progress bar's track (`role=progressbar`).
 * @csspart progress-indicator - The filled part of the progress bar.
 * @csspart stats - Speed and time left.
 * @csspart error-message - The error, as text.
 * @csspart actions - The row of buttons (with `multiple`, the queue's own: upload, clear the list).
 * @csspart button - Every action button, the recording's included; each at least 44 × 44 px.
 * @csspart upload-button - Starts the upload when `auto-upload="false"` (with `multiple`, of every file waiting).
 * @csspart pause-button - Pauses the upload.
 * @csspart resume-button - Resumes the upload.
 * @csspart cancel-button - Cancels the upload.
 * @csspart retry-button - Retries after an error.
 * @csspart reset-button - Chooses another file (with `multiple`: clears the list once nothing is under way).
 * @csspart success - The "Upload complete" line.
 * @csspart video-id-line - The line holding the video id.
 * @csspart video-id - The uploaded video's id.
 * @csspart resume-offers - The list of unfinished uploads offered when idle.
 * @csspart resume-offer - One offered upload: its two buttons.
 * @csspart resume-offer-button - "Resume upload of holiday.mp4 (42 %)" (also has the `button` part).
 * @csspart forget-offer-button - Forgets one offered upload (also has the `button` part).
 * @csspart resume-notice - Why an earlier upload of the chosen file could not be continued.
 * @csspart announcer - The visually hidden live region (`aria-live=polite`).
 * @csspart total - With `multiple`: the queue's total (files uploaded, percentage, speed and time left).
 * @csspart total-status - The total in words ("2 of 3 uploaded · 80 %"; also has the `status` part).
 * @csspart total-progress-bar - The total's progress bar (also `progress-bar`); its fill is `total-progress-indicator` (also `progress-indicator`).
 * @csspart total-stats - The queue's speed and time left (also `stats`).
 * @csspart queue - With `multiple`: the list of files.
 * @csspart row - One file of the queue; `row-<state>` too (`row-queued`, `row-uploading`, `row-paused`, `row-error`, `row-success`, `row-rejected`, `row-cancelled`…).
 * @csspart row-file - A row's name and size (also `file`): `row-name` (also `file-name`) and `row-size` (also `file-size`).
 * @csspart row-status - A row's state in words (also `status`).
 * @csspart row-progress-bar - A row's progress bar (also `progress-bar`); its fill is `row-progress-indicator` (also `progress-indicator`).
 * @csspart row-error-message - A row's error, or why its file was refused (also `error-message`, and `reject-message` for a refusal).
 * @csspart row-video-id-line - A row's video id line (also `video-id-line`), holding `row-video-id` (also `video-id`).
 * @csspart row-actions - A row's buttons: `row-button` on each, with `button` and the button's own part (`pause-button`, `resume-button`, `retry-button`, `cancel-button`).
 * @csspart record - With `camera` or `screen` in `sources`: the record buttons, the microphone switch, and what follows them; under the drop zone, or alone without `file`.
 * @csspart record-camera - Starts recording from the camera (also `button`; with a camera icon). Primary, as `upload-button`, when there is no drop zone.
 * @csspart record-screen - Starts recording a screen, window or tab the visitor picks (also `button`; with a screen icon).
 * @csspart microphone - The microphone switch's label, holding `microphone-switch` and its words; a tap anywhere on it switches.
 * @csspart microphone-switch - The switch itself: a checkbox with `role=switch`, drawn as a track whose thumb sits at the end that is on (accent) or off.
 * @csspart recording - While recording, in place of the drop zone: the preview, the status line and the stop button.
 * @csspart recording-preview - The muted live preview (a `video`), as wide as the box at the camera's (or the screen's) shape, 16:9 until its first frame.
 * @csspart recording-status - The status line: `recording-timer` and `recording-sent`, on the type scale of an upload's status and figures.
 * @csspart recording-timer - The time recorded (`role=timer`), after a red dot that fades in and out (still under `prefers-reduced-motion: reduce`).
 * @csspart recording-sent - The bytes sent of those recorded ("3 MB of 4 MB sent").
 * @csspart recording-waiting - Said while a part waits out an outage (no network, api.video answering 5xx): nothing is lost.
 * @csspart recording-actions - The stop button's row (also `actions`).
 * @csspart stop-recording - Stops the recording; its last part follows (also `button`; primary, with a stop icon).
 * @csspart recording-error - Why a recording failed, to the visitor (also `error-message`).
 * @csspart recording-download - After a failed upload: the recording, to download.
 * @csspart recording-leftover - A recording left by a page closed or reloaded mid-recording: its two controls.
 * @csspart leftover-download - Downloads that recording.
 * @csspart leftover-discard - Forgets that recording (also `button`).
 * @csspart load-failed - In place of the queue (with `multiple`) or of the record buttons, when their code, fetched on first use, could not be: the sentence and its button.
 * @csspart load-error - The sentence saying so, to the visitor (also `error-message`); the console has the file and the browser's error.
 * @csspart load-retry - "Try again": fetches the code again (also `button`). Gone once a second fetch failed too: the sentence then says to reload the page (Firefox does not fetch a failed module again before a reload).
 *
 * @cssproperty [--apivideo-uploader-accent=#c2410c] - Progress bar, primary buttons, drag-over border. Dark theme: `#fb923c`.
 * @cssproperty [--apivideo-uploader-accent-contrast=#ffffff] - Text on the accent colour. Dark theme: `#1c1917`.
 * @cssproperty [--apivideo-uploader-background=#ffffff] - Background of the box and buttons. Dark theme: `#18181b`.
 * @cssproperty [--apivideo-uploader-color=#1f2937] - Text colour. Dark theme: `#f4f4f5`.
 * @cssproperty [--apivideo-uploader-muted-color=#4b5563] - Secondary text (hint, size, speed). Dark theme: `#a1a1aa`.
 * @cssproperty [--apivideo-uploader-border-color=#9ca3af] - Borders and the dashed drop zone. Dark theme: `#71717a`.
 * @cssproperty [--apivideo-uploader-track-color=#e5e7eb] - The progress bar's track. Dark theme: `#3f3f46`.
 * @cssproperty [--apivideo-uploader-error-color=#b91c1c] - Error text. Dark theme: `#f87171`.
 * @cssproperty [--apivideo-uploader-success-color=#15803d] - The success line. Dark theme: `#4ade80`.
 * @cssproperty [--apivideo-uploader-radius=12px] - Corner radius.
 * @cssproperty [--apivideo-uploader-focus-ring=3px solid #2563eb] - Outline of the focused control. Dark theme: `3px solid #60a5fa`.
 * @cssproperty [--apivideo-uploader-font=inherit] - Font family.
 * @cssproperty [--apivideo-uploader-font-size=1rem] - Base font size.
 * @cssproperty [--apivideo-uploader-mono-font=ui-monospace] - Font of the video id.
 *
 * @tagname apivideo-uploader
 */
export class ApiVideoUploader extends UploaderElement {}

// Guarded: a page that loads this module twice keeps the first definition instead of throwing.
defineElement('apivideo-uploader', ApiVideoUploader);

declare global {
  interface HTMLElementTagNameMap {
    'apivideo-uploader': ApiVideoUploader;
  }
}
