// Every string the element shows or announces, in one table, so a translation is one object.
// Parameterised entries are functions: word order differs between languages.
import type { NotResumedReason, RecordingFailureReason, TokenFailureReason, UploadErrorCode } from '../events/index.js';

/**
 * Code fetched on first use, named in the sentence shown when it could not be: the upload engine, the queue of
 * `multiple`, recording.
 */
export type OnDemandCode = 'upload' | 'queue' | 'recording' | 'details';

/** What an error's text is chosen by; the event's English `message` is never shown. */
export interface ErrorFacts {
  code: UploadErrorCode;
  status?: number;
  reason?: TokenFailureReason | RecordingFailureReason;
}

export interface Strings {
  /** The drop zone's button: what a tap or a click does. */
  prompt: string;
  /** Beside it, only where a pointer can drop (a mouse, a trackpad). */
  dropOr: string;
  promptHint: string;
  limits: (limits: { size?: string; duration?: string }) => string;
  dropHere: string;
  checking: string;
  /** The file picker's title; also the drop zone's button when the element records too (`sources`). */
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
  dropOrMultiple: string;
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

/** The words the element says before the upload's code is there: its drop zone, and why a fetch failed. */
type IdleKey =
  | 'prompt'
  | 'dropOr'
  | 'dropOrMultiple'
  | 'promptHint'
  | 'limits'
  | 'dropHere'
  | 'checking'
  | 'chooseFile'
  | 'promptMultiple'
  | 'promptHintMultiple'
  | 'dropHereMultiple'
  | 'filesLimit'
  | 'loadFailed'
  | 'tryAgain'
  | 'filesWaiting'
  | 'filesAgainAfterReload';

/** The rest of a table: the words of uploads under way, their errors, the queue's rows, resume. */
export type UploadStrings = Omit<Strings, IdleKey>;

// English in two halves: the idle element's words here, the rest with the list of uploads (upload-strings.ts), which
// completes this table when it arrives (`completeEnglish`).
const en: Pick<Strings, IdleKey> = {
  prompt: 'Choose a video',
  dropOr: 'or drop it here',
  promptHint: 'You can also paste a file.',
  limits: ({ size, duration }) =>
    [size && `Up to ${size}`, duration && `${size ? 'and ' : 'Up to '}${duration} long`].filter(Boolean).join(' ') + '.',
  dropHere: 'Drop the video to upload it',
  checking: 'Checking the file…',
  chooseFile: 'Choose a video file',
  promptMultiple: 'Choose videos',
  dropOrMultiple: 'or drop them here',
  promptHintMultiple: 'You can also paste files.',
  dropHereMultiple: 'Drop the videos to upload them',
  filesLimit: (max) => (max === 1 ? 'One file at most.' : `${max} files at most.`),
  loadFailed: (code, again) => {
    const what = code === 'recording' ? 'Recording' : code === 'details' ? 'The video details form' : 'The uploader';
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
 * A page adds a language by adding its table here (`translations.de = { ...translations.en, … }`). English holds the
 * idle element's words until the upload's code arrives with the rest; a table spread from it before then gets English
 * for the words it lacks (`withEnglish`).
 */
export const translations: Record<string, Strings> = { en: en as Strings };

/** Adds the rest of English, which comes with the list of uploads. */
export function completeEnglish(rest: UploadStrings): void {
  Object.assign(en, rest);
}

const completed = new WeakMap<Strings, Strings>();

/** `table`, with English for any word it lacks. */
export function withEnglish(table: Strings): Strings {
  if (table === en) return table;
  let full = completed.get(table);
  if (!full) {
    full = new Proxy(table, { get: (target, key) => (key in target ? Reflect.get(target, key) : Reflect.get(en, key)) });
    completed.set(table, full);
  }
  return full;
}

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
