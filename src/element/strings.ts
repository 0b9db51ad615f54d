// Every string the element shows or announces, in one table, so a translation is one object.
// Parameterised entries are functions: word order differs between languages.
import type { NotResumedReason, RecordingFailureReason, TokenFailureReason, UploadErrorCode } from '../events/index.js';

/**
 * Code fetched on first use, named in the sentence shown when it could not be: the upload engine, the queue of
 * `multiple`, recording.
 */
export type OnDemandCode = 'upload' | 'queue' | 'recording';

/** What an error's text is chosen by; the event's English `message` is never shown. */
export interface ErrorFacts {
  code: UploadErrorCode;
  status?: number;
  reason?: TokenFailureReason | RecordingFailureReason;
}

export interface Strings {
  prompt: string;
  promptHint: string;
  limits: (limits: { size?: string; duration?: string }) => string;
  dropHere: string;
  checking: string;
  chooseFile: string;
  preparing: string;
  uploading: string;
  paused: string;
  waitingForToken: string;
  uploadingPercent: (percent: number) => string;
  progressLabel: string;
  speedAndTimeLeft: (speed: string, timeLeft: string) => string;
  speedOnly: (speed: string) => string;
  /** While a part waits to be sent again: the host that could not be reached, or only the wait. */
  cantReach: (host: string, seconds: number) => string;
  retryingIn: (seconds: number) => string;
  /** api.video's rate limit is spent: the upload waits as long as it asked. */
  rateLimited: (seconds: number) => string;
  start: string;
  pause: string;
  resume: string;
  cancel: string;
  retry: string;
  startOver: string;
  uploadAnother: string;
  success: string;
  videoId: string;
  errorTitle: string;
  /** The site's set-up is wrong (no token source, a bad `api-host`): nothing the visitor can do. */
  unavailable: string;
  readyToUpload: string;
  rejectEmpty: string;
  rejectType: (accept: string) => string;
  rejectSize: (size: string, max: string) => string;
  rejectDuration: (duration: string, max: string) => string;
  /** The sentence shown for an `upload-error`, by its code, reason and status. */
  errorText: (error: ErrorFacts) => string;
  /** The other side's own words (api.video's title, a provider's error), quoted as they came. */
  errorDetail: (detail: string) => string;
  announceStart: (fileName: string) => string;
  announceProgress: (percent: number) => string;
  announcePause: string;
  announceResume: string;
  announceCancel: string;
  announceError: (message: string) => string;
  announceReject: (message: string) => string;
  announceSuccess: string;
  // With `multiple`: the queue of files.
  promptMultiple: string;
  promptHintMultiple: string;
  dropHereMultiple: string;
  /** The `max-files` hint under the prompt. */
  filesLimit: (max: number) => string;
  rejectCount: (max: number) => string;
  /** The list of files, for assistive technologies. */
  queueLabel: string;
  queued: string;
  rejected: string;
  cancelled: string;
  clearList: string;
  /** The total line: files uploaded out of those in the queue, and the percentage of their bytes. */
  queueProgress: (uploaded: number, files: number, percent: number) => string;
  totalProgressLabel: string;
  fileProgressLabel: (fileName: string) => string;
  /** A row's button as assistive technologies name it: its visible label, then the file it acts on. */
  actionOnFile: (action: string, fileName: string) => string;
  /** A sentence about one file of the queue. */
  announceFile: (fileName: string, message: string) => string;
  announceQueueComplete: (counts: { succeeded: number; failed: number; cancelled: number; rejected: number }) => string;
  /** An earlier upload the element offers to continue, and the button that forgets it. */
  resumeOffer: (fileName: string, percent: number) => string;
  forgetOffer: string;
  forgetOfferLabel: (fileName: string) => string;
  /** While a resumed upload sends its first part. */
  resumingAt: (percent: number) => string;
  /** Why an earlier upload of the same file could not be continued. */
  notResumed: (reason: NotResumedReason) => string;
  /**
   * The upload's, the queue's or the recording's code could not be fetched: the first time, with a button to try again; `again`, a
   * second fetch failed too, and the browser may not fetch it again before a reload.
   */
  loadFailed: (code: OnDemandCode, again: boolean) => string;
  tryAgain: string;
  /** Files given while the queue's code is not there: added once it arrives (the upload's: uploaded once it arrives)… */
  filesWaiting: (count: number, code?: OnDemandCode) => string;
  /** …or to give again after a reload. */
  filesAgainAfterReload: (count: number) => string;
}

const en: Strings = {
  prompt: 'Drop a video here or choose a file',
  promptHint: 'You can also paste a file.',
  limits: ({ size, duration }) =>
    [size && `Up to ${size}`, duration && `${size ? 'and ' : 'Up to '}${duration} long`].filter(Boolean).join(' ') + '.',
  dropHere: 'Drop the video to upload it',
  checking: 'Checking the file…',
  chooseFile: 'Choose a video file',
  preparing: 'Preparing…',
  uploading: 'Uploading',
  paused: 'Paused',
  waitingForToken: 'On hold',
  uploadingPercent: (percent) => `Uploading… ${percent} %`,
  progressLabel: 'Upload progress',
  speedAndTimeLeft: (speed, timeLeft) => `${speed} · ${timeLeft} left`,
  speedOnly: (speed) => speed,
  cantReach: (host, seconds) => `Can’t reach ${host}, trying again in ${seconds} s`,
  retryingIn: (seconds) => `Trying again in ${seconds} s`,
  rateLimited: (seconds) => `api.video asked to slow down, sending again in ${seconds} s`,
  start: 'Upload',
  pause: 'Pause',
  resume: 'Resume',
  cancel: 'Cancel',
  retry: 'Retry',
  startOver: 'Choose another file',
  uploadAnother: 'Upload another video',
  success: 'Upload complete',
  videoId: 'Video ID:',
  errorTitle: 'The upload failed',
  unavailable: 'Uploading is not available here yet.',
  readyToUpload: 'Ready to upload',
  rejectEmpty: 'This file is empty.',
  rejectType: (accept) => `This type of file is not accepted. Accepted: ${accept}.`,
  rejectSize: (size, max) => `This file is ${size}, more than the ${max} allowed.`,
  rejectDuration: (duration, max) => `This video lasts ${duration}, longer than the ${max} allowed.`,
  errorText: ({ code, status, reason }) => {
    switch (code) {
      case 'recording-failed':
        if (reason === 'refused') return 'Recording was not allowed. Allow the camera, microphone or screen in your browser and try again.';
        if (reason === 'no-device') return 'No camera or microphone was found. Plug one in and try again.';
        if (reason === 'in-use') return 'The camera or microphone is busy. Close the program using it and try again.';
        if (reason === 'unsupported') return 'This browser cannot record video.';
        return 'The recording failed. Try again.';
      case 'token-request-failed':
        if (reason === 'origin-refused') return 'This page is not allowed to upload videos. The site needs to allow it.';
        return reason === 'no-source' ? en.unavailable : 'The upload could not start. Try again.';
      case 'token-rejected':
        return 'The upload stopped. Try again.';
      case 'token-expired':
        return 'The upload is on hold and will continue in a moment.';
      case 'network':
        return 'The connection was lost. Check it and try again.';
      case 'invalid-file':
        return 'This file cannot be uploaded.';
      case 'aborted':
        return 'The upload stopped.';
      case 'upload-failed':
        if (status === 429 || (status !== undefined && status >= 500)) return 'The upload stopped. Try again in a moment.';
        return status ? 'The video was not accepted.' : 'The upload stopped.';
    }
  },
  errorDetail: (detail) => `Details: “${detail}”`,
  announceStart: (fileName) => `Uploading ${fileName}`,
  announceProgress: (percent) => `${percent} % uploaded`,
  announcePause: 'Upload paused',
  announceResume: 'Upload resumed',
  announceCancel: 'Upload cancelled',
  announceError: (message) => `Upload failed: ${message}`,
  announceReject: (message) => `File not accepted: ${message}`,
  announceSuccess: 'Upload complete',
  promptMultiple: 'Drop videos here or choose files',
  promptHintMultiple: 'You can also paste files.',
  dropHereMultiple: 'Drop the videos to upload them',
  filesLimit: (max) => (max === 1 ? 'One file at most.' : `${max} files at most.`),
  rejectCount: (max) => (max === 1 ? 'Only one file can be added.' : `Only ${max} files can be added.`),
  queueLabel: 'Files',
  queued: 'Waiting',
  rejected: 'Not accepted',
  cancelled: 'Cancelled',
  clearList: 'Clear the list',
  queueProgress: (uploaded, files, percent) => `${uploaded} of ${files} uploaded · ${percent} %`,
  totalProgressLabel: 'Total upload progress',
  fileProgressLabel: (fileName) => `Upload progress of ${fileName}`,
  actionOnFile: (action, fileName) => `${action} ${fileName}`,
  announceFile: (fileName, message) => `${fileName}: ${message}`,
  announceQueueComplete: ({ succeeded, failed, cancelled, rejected }) =>
    `All files done: ${[
      `${succeeded} uploaded`,
      failed && `${failed} failed`,
      cancelled && `${cancelled} cancelled`,
      rejected && `${rejected} not accepted`,
    ]
      .filter(Boolean)
      .join(', ')}.`,
  resumeOffer: (fileName, percent) => `Resume upload of ${fileName} (${percent} %)`,
  forgetOffer: 'Forget',
  forgetOfferLabel: (fileName) => `Forget the unfinished upload of ${fileName}`,
  resumingAt: (percent) => `Resuming at ${percent} %`,
  notResumed: (reason) => {
    switch (reason) {
      case 'video-not-found':
        return 'The earlier upload of this file can’t be continued: its video no longer exists. Starting over.';
      case 'part-size-changed':
        return 'The earlier upload of this file can’t be continued: the part size has changed. Starting over.';
      case 'other-video':
        return 'The earlier upload of this file went into another video. Starting over.';
      case 'file-changed':
        return 'This file is not the one uploaded earlier under the same name: its content differs. Starting over in a new video.';
    }
  },
  loadFailed: (code, again) => {
    const what = code === 'recording' ? 'Recording' : 'The uploader';
    return again
      ? `${what} still could not load. Check your connection, then reload the page.`
      : `${what} could not load. Check your connection and try again.`;
  },
  tryAgain: 'Try again',
  filesWaiting: (count, code) => {
    const done = code === 'upload' ? 'uploaded' : 'added';
    return count === 1 ? `Your file will be ${done} once it loads.` : `Your ${count} files will be ${done} once it loads.`;
  },
  filesAgainAfterReload: (count) => (count === 1 ? 'Add your file again after reloading.' : `Add your ${count} files again after reloading.`),
};

/**
 * The tables at hand, by language tag: English, each language the page added, and each shipped language once fetched.
 * A page adds a language by adding its table here (`translations.de = { ...translations.en, … }`).
 */
export const translations: Record<string, Strings> = { en };

export const DEFAULT_LANGUAGE = 'en';

/** The shipped languages besides English, each fetched on first use: a page that never shows French never loads it. */
const loaders: Record<string, () => Promise<{ default: Strings }>> = {
  fr: () => import('./strings-fr.js'),
};

const loading: Record<string, Promise<Strings | undefined>> = {};

/**
 * The key of the table for a BCP 47 tag, at hand or to fetch: exact match, then its primary language (`fr-CA` → `fr`),
 * else undefined.
 */
export function languageOf(lang: string | null | undefined): string | undefined {
  if (!lang) return undefined;
  const tag = lang.toLowerCase();
  return [tag, tag.split('-')[0]].find((key) => Object.hasOwn(translations, key) || Object.hasOwn(loaders, key));
}

/** The table for a key of `languageOf`, if at hand: a shipped language not yet fetched is not. */
export function translationFor(key: string): Strings | undefined {
  return Object.hasOwn(translations, key) ? translations[key] : undefined;
}

/**
 * Fetches a shipped language's table once for the whole page, and adds it to `translations` unless the page has put
 * its own there meanwhile. A table that cannot be fetched (the network failed) leaves English in its place for the
 * rest of the page's life: undefined.
 */
export function loadTranslation(key: string): Promise<Strings | undefined> {
  return (loading[key] ??= loaders[key]().then(
    (module) => (translations[key] ??= module.default),
    (error: unknown) => {
      // Asked for no more: the language resolves to English from now on, and no render asks again.
      delete loaders[key];
      console.warn(`The "${key}" strings could not be loaded; showing English.`, error);
      return undefined;
    },
  ));
}
