// What the browser tests share: a private emulator and token endpoint per test file (a lane), reproducible video
// bytes, a recorder of what an upload session reports, the element fixture, and waits that fail with a clear message.
//
// Test files run side by side against one test server, and an emulator's faults, clock and config are global to it:
// every file that talks to an emulator opens its own lane with `useLane()`. The answer shapes below are the emulator's
// and the token endpoint's own types: `import type` is erased, so no server code reaches the page.
import { sendKeys } from '@web/test-runner-commands';
import { expect, fixture, html, oneEvent, waitUntil as openWcWaitUntil } from '@open-wc/testing';
import type { ApiVideoUploader, UploadPartEvent } from '../../src/index.js';
import { uploaderEvents } from '../../src/index.js';
import { UploadSession } from '../../src/upload/index.js';
import { RateGate } from '../../src/upload/rate-gate.js';
import type { UploaderEvent, UploaderEventMap, UploadSessionOptions, UploadState } from '../../src/upload/index.js';
import type { EmulatorVideoReport } from '../../src/server/emulator/control.js';
import type { Fault, UploadLogEntry } from '../../src/server/emulator/state.js';
import type { TokenEndpointMode } from '../support/test-token-endpoint.js';

/**
 * open-wc's `waitUntil`, with 10 s rather than 1 s unless told: what a test waits for often comes with code fetched on
 * demand, which takes longer than a second on a busy machine. It resolves as soon as the condition holds.
 */
export const waitUntil: typeof openWcWaitUntil = (predicate, message, options = {}) =>
  openWcWaitUntil(predicate, message, { timeout: 10_000, ...options });

export const MiB = 1024 * 1024;

/** What a site's backend sends to the emulator's API-key routes. */
const API_KEY_AUTH = `Basic ${btoa('emulator-api-key:')}`;

// ---------------------------------------------------------------------------------------------------------------
// Lanes (test/support/test-token-endpoint.ts)

/** How the lane's token endpoint answers from now on; `times` answers so, then it is back to `ok`. */
export interface TokenEndpointBehaviour {
  mode: TokenEndpointMode;
  status?: number;
  /** The ttl of the tokens it hands out (3600 unless told). */
  ttl?: number;
  times?: number;
  body?: unknown;
}

/** A request the token endpoint received, with the token it answered (when it gave one). */
export interface TokenRequest {
  method: string;
  body: unknown;
  headers: Record<string, string | undefined>;
  token?: string;
}

/**
 * A private emulator and same-origin token endpoint for one test file: its request log, videos, token count, faults,
 * clock and config are this file's alone. Get one with `useLane()`; it is open from the file's `before` hooks on.
 */
export class Lane {
  #id: string | undefined;
  #emulatorUrl: string | undefined;

  get id(): string {
    return this.#open().id;
  }

  /** The lane's emulator, to give as `api-host`. */
  get emulatorUrl(): string {
    return this.#open().emulatorUrl;
  }

  /** The lane's token endpoint, on the page's own origin. */
  get tokenUrl(): string {
    return `/test-token?lane=${this.id}`;
  }

  /**
   * This package's token handler for the lane, on the page's origin: it makes the video first and signs the page's
   * permission to edit it (`metadata`), and takes the edits (`PATCH`).
   */
  get handlerUrl(): string {
    return `/test-token/handler?lane=${this.id}`;
  }

  /** The handler replaced by a new instance (a backend restarted): the same secret unless another is given. */
  async restartHandler(secret?: string): Promise<void> {
    await this.#tokenEndpoint('POST', '/handler/restart', secret ? { secret } : {});
  }

  /** Called by `useLane()`'s `before` hook. */
  async open(): Promise<void> {
    const response = await fetch('/test-token/lanes', { method: 'POST' });
    if (!response.ok) throw new Error(`opening a lane: /test-token/lanes answered ${response.status}`);
    const { lane, emulatorUrl } = (await response.json()) as { lane: string; emulatorUrl: string };
    this.#id = lane;
    this.#emulatorUrl = emulatorUrl;
  }

  /** Called by `useLane()`'s `after` hook. */
  async close(): Promise<void> {
    if (this.#id !== undefined) await fetch(`/test-token/lanes/${this.#id}`, { method: 'DELETE' });
    this.#id = this.#emulatorUrl = undefined;
  }

  /** Forgets every token, video, request, fault and clock move, and sets the token endpoint back to `ok`. */
  async reset(): Promise<void> {
    await this.emulator('POST', '/reset');
    // A reset keeps the config; strict expiry is the one setting tests turn on.
    await this.emulator('POST', '/config', { strictTokenExpiry: false });
    await this.#tokenEndpoint('POST', '/reset');
  }

  /** Calls a control route of the lane's emulator (`/__emulator/…`); throws, with the emulator's words, on a non-2xx. */
  async emulator<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.emulatorUrl}/__emulator${path}`, jsonRequest(method, body));
    if (!response.ok) throw new Error(`${method} /__emulator${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  }

  /**
   * Lowers the emulator's smallest part but the last to `bytes` (api.video's is 5 MiB): a file of a few parts then
   * weighs kilobytes, not megabytes. A reset keeps the config, so a file calls this in its own `beforeEach`.
   */
  async smallParts(bytes: number): Promise<void> {
    await this.emulator('POST', '/config', { minPartBytes: bytes });
  }

  /** Makes the emulator misbehave on the requests the fault matches (`times` of them, or all). */
  async fault(fault: Partial<Fault>): Promise<void> {
    await this.emulator('POST', '/faults', fault);
  }

  /**
   * Keeps the next request for `part` on the wire until `release(name)`: the part is in flight exactly while the test
   * acts on it, and a test that waits for its answer waits for nothing more.
   */
  async hold(part: number, name = `part-${part}`, times = 1): Promise<string> {
    await this.fault({ part, hold: name, times });
    return name;
  }

  /** Lets the requests held under `name` go on (and any that comes later under it, until a reset). */
  async release(name: string): Promise<void> {
    await this.emulator('POST', `/holds/${name}/release`);
  }

  /** A fresh upload token; ttl 0 never expires. */
  async createToken(ttl = 0): Promise<string> {
    return (await this.emulator<{ token: string }>('POST', '/tokens', { ttl })).token;
  }

  async deleteToken(token: string): Promise<void> {
    await this.emulator('POST', `/tokens/${token}/delete`);
  }

  /**
   * A video made with the API key, as a site's backend does before it hands out the upload token; gives its videoId.
   */
  async createVideo(title: string): Promise<string> {
    const response = await fetch(`${this.emulatorUrl}/videos`, {
      method: 'POST',
      headers: { Authorization: API_KEY_AUTH, 'Content-Type': 'application/json' },
      body: JSON.stringify({ title }),
    });
    expect(response.status, 'creating a video with the API key').to.equal(201);
    return ((await response.json()) as { videoId: string }).videoId;
  }

  /** Deletes a video with the API key, as a site's backend (or its owner in the dashboard) does. */
  async deleteVideo(videoId: string): Promise<void> {
    const response = await fetch(`${this.emulatorUrl}/videos/${videoId}`, { method: 'DELETE', headers: { Authorization: API_KEY_AUTH } });
    expect(response.status, `deleting ${videoId} with the API key`).to.equal(204);
  }

  /** Every upload request the emulator received since the lane opened or was last reset, in order. */
  requestLog(): Promise<UploadLogEntry[]> {
    return this.emulator<UploadLogEntry[]>('GET', '/requests');
  }

  /** The upload requests that carried one of `tokens` (the log also holds the file's earlier tests). */
  async requestsWith(...tokens: (string | null)[]): Promise<UploadLogEntry[]> {
    return (await this.requestLog()).filter((entry) => entry.token !== null && tokens.includes(entry.token));
  }

  /** The upload requests of `videoId`. */
  async requestsFor(videoId: string): Promise<UploadLogEntry[]> {
    const all = await this.requestLog();
    const tokens = new Set(all.filter((entry) => entry.videoId === videoId).map((entry) => entry.token));
    // Part 1 carries no videoId: find it through the token that carried the later parts.
    return all.filter((entry) => entry.videoId === videoId || (entry.videoId === null && tokens.has(entry.token)));
  }

  /** What the emulator holds of `videoId`: its parts, their tokens, and the stored bytes' size and sha256. */
  storedVideo(videoId: string): Promise<EmulatorVideoReport> {
    return this.emulator<EmulatorVideoReport>('GET', `/videos/${videoId}`);
  }

  /** Sets how the lane's token endpoint answers. */
  async setTokenEndpoint(behaviour: TokenEndpointBehaviour): Promise<void> {
    await this.#tokenEndpoint('POST', '/mode', behaviour);
  }

  /** What the lane's token endpoint received: how many requests, and each of them. */
  tokenRequests(): Promise<{ count: number; requests: TokenRequest[] }> {
    return this.#tokenEndpoint('GET', '/count');
  }

  /** How many requests the lane's token endpoint received. */
  async tokenRequestCount(): Promise<number> {
    return (await this.tokenRequests()).count;
  }

  async #tokenEndpoint<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`/test-token${path}?lane=${this.id}`, jsonRequest(method, body));
    if (!response.ok) throw new Error(`${method} /test-token${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  }

  #open(): { id: string; emulatorUrl: string } {
    if (this.#id === undefined || this.#emulatorUrl === undefined) {
      throw new Error('the lane is not open: call useLane() at the top of the file or of a describe, and use it in tests');
    }
    return { id: this.#id, emulatorUrl: this.#emulatorUrl };
  }
}

/** Gives this test file (or describe) a lane: opened in a `before` hook, closed in an `after` hook. */
export function useLane(): Lane {
  const lane = new Lane();
  before(() => lane.open());
  after(() => lane.close());
  return lane;
}

function jsonRequest(method: string, body: unknown): RequestInit {
  return {
    method,
    headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  };
}

/** The most requests the emulator was answering at the same moment: parts side by side overlap in time. */
export function mostAtOnce(log: UploadLogEntry[]): number {
  let most = 0;
  for (const r of log) {
    const open = log.filter((o) => o.at <= r.at && (o.answeredAt === undefined || o.answeredAt > r.at)).length;
    most = Math.max(most, open);
  }
  return most;
}

/** Parts the server accepted, in order, each at most once if nothing was sent twice. */
export function acceptedParts(log: UploadLogEntry[]): number[] {
  return log.filter((r) => r.status === 201).map((r) => r.part ?? 0);
}

// ---------------------------------------------------------------------------------------------------------------
// Time

/** A wait the clock was asked for: how long, and the clock's time when it was asked. */
export interface AskedWait {
  ms: number;
  at: number;
}

/**
 * A clock that never waits: asked to wait, it records the wait and jumps ahead by it at once, so a 429's or a backoff's
 * wait costs no real time and a test reads what was asked on `waits`. Its `now` is the real time plus every wait
 * skipped, so what happens after a wait happens, on this clock, at least that much later. `options` is what a session
 * takes: the clock, its wait, and a rate gate of its own on it.
 */
export function skippingClock() {
  let skipped = 0;
  const waits: AskedWait[] = [];
  const now = () => Date.now() + skipped;
  const wait = (ms: number, signal: AbortSignal): Promise<void> => {
    if (!signal.aborted) {
      waits.push({ ms, at: now() });
      skipped += Math.max(0, ms);
    }
    return Promise.resolve();
  };
  return { now, wait, waits, options: { now, wait, rateGate: new RateGate(now, wait) } };
}

// ---------------------------------------------------------------------------------------------------------------
// Bytes

/**
 * `size` reproducible bytes (xorshift32) as a video file. They are incompressible and differ in every part, so a part
 * misplaced, lost or sent twice changes the stored file's sha256; another seed gives another file.
 */
export function videoFile(size: number, name = 'clip.mp4', seed = 0x9e3779b9): File {
  const words = new Uint32Array(Math.ceil(size / 4));
  let x = seed >>> 0 || 1;
  for (let i = 0; i < words.length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    words[i] = x;
  }
  return new File([new Uint8Array(words.buffer, 0, size)], name, { type: 'video/mp4' });
}

export async function sha256(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

// ---------------------------------------------------------------------------------------------------------------
// Waits

/**
 * Types `text` into the focused field, one key per command: WebKitWebDriver drops keys from a longer string ("Kept
 * title and" arrives as "Kept itleand").
 */
export async function typeText(text: string): Promise<void> {
  for (const key of text) await sendKeys({ type: key });
}

/** The next `name` event on `target`; fails after `timeoutMs` with the event's name instead of hanging the run. */
export function nextEvent<T extends Event>(target: EventTarget, name: string, timeoutMs = 30_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${name} event within ${timeoutMs} ms`)), timeoutMs);
    void oneEvent<T>(target, name).then((event) => {
      clearTimeout(timer);
      resolve(event);
    });
  });
}

/** Resolves once `el.state` is `state` and the element has rendered it; fails after `timeoutMs`, naming the state. */
export async function untilState(el: ApiVideoUploader, state: string, timeoutMs = 30_000): Promise<void> {
  try {
    await waitUntil(() => el.state === state, undefined, { interval: 20, timeout: timeoutMs });
  } catch {
    throw new Error(`state stayed ${el.state}, expected ${state}`);
  }
  await el.updateComplete;
}

// ---------------------------------------------------------------------------------------------------------------
// The upload session

/**
 * A session whose every event is recorded, with waits for what the test expects next. These waits are event-driven,
 * not polled: a wait resolves in the very task in which the session reported, so a test can act between two parts
 * (pause, swap the token) before the session goes on. A poll would act some time later.
 */
export class RecordedSession {
  readonly events: UploaderEvent[] = [];
  readonly session: UploadSession;
  private waiters: { test: () => boolean; resolve: () => void }[] = [];

  constructor(options: UploadSessionOptions) {
    this.session = new UploadSession(options, (event) => {
      this.events.push(event);
      this.waiters = this.waiters.filter((w) => (w.test() ? (w.resolve(), false) : true));
    });
  }

  /**
   * The details of every event of that name, in order, without the `file` each carries: that it is the session's
   * own file is checked here, for every event a test reads.
   */
  of<N extends keyof UploaderEventMap>(name: N): Omit<UploaderEventMap[N]['detail'], 'file'>[] {
    return this.events
      .filter((e) => e.type === name)
      .map((e) => {
        const { file, ...rest } = e.detail as UploaderEventMap[N]['detail'] & { file?: File };
        expect(file, `the file of ${name}`).to.equal(this.session.file);
        return rest;
      });
  }

  get states(): UploadState[] {
    return this.of('upload-state').map((d) => d.state);
  }

  /** Resolves once `test` holds (checked after each event); bounded by the test's own timeout. */
  until(test: () => boolean): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ test, resolve }));
  }

  untilState(state: UploadState): Promise<void> {
    return this.until(() => this.session.state === state);
  }

  untilEvent(name: keyof UploaderEventMap, count = 1): Promise<void> {
    return this.until(() => this.of(name).length >= count);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Resume: a record namespace per test, so no test finds another's records, and what the emulator logged of the parts.

let namespaces = 0;

/** A `resume-storage-key` (a ResumeStore namespace) no other test, nor an earlier run of this one, has used. */
export function freshNamespace(name: string): string {
  return `${name}-${Date.now().toString(36)}-${++namespaces}`;
}

/** Holds the next request for `part` for `ms` before reading it: that part is in flight while the test acts. */
export function holdPart(lane: Lane, part: number, ms = 5_000): Promise<void> {
  return lane.fault({ part, delayMs: ms, times: 1 });
}

/**
 * Resolves once the lane's emulator has logged a request for `part` (its body may still be on its way) after the
 * first `since` entries of its log (requests of earlier tests). Polled: the request is on the server, not the page.
 */
export async function untilLogged(lane: Lane, part: number, since = 0, timeoutMs = 20_000): Promise<UploadLogEntry[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const log = await lane.requestLog();
    if (log.slice(since).some((entry) => entry.part === part)) return log;
    if (Date.now() > deadline) throw new Error(`the emulator logged no request for part ${part} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * Resolves with the lane's request log once `test` holds of it, polled every 25 ms (what the server logged is not the
 * page's to hear); fails after `timeoutMs`, naming `what`. What a held part waits for before its release.
 */
export async function untilLog(
  lane: Lane,
  test: (log: UploadLogEntry[]) => boolean,
  what: string,
  timeoutMs = 30_000,
): Promise<UploadLogEntry[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const log = await lane.requestLog();
    if (test(log)) return log;
    if (Date.now() > deadline) throw new Error(`the emulator's log never showed ${what} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Whether the log shows part `part` stored (answered 201). */
export const stored = (log: UploadLogEntry[], part: number) => log.some((r) => r.part === part && r.status === 201);

/** How many requests carried each part, from the log: `{1: 1, 2: 1, …}`. */
export function sendsByPart(log: UploadLogEntry[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const entry of log) if (entry.part !== null) counts[entry.part] = (counts[entry.part] ?? 0) + 1;
  return counts;
}

/**
 * Resolves with `test`'s value once it is truthy, checked every 20 ms (it may be async: a storage read); fails after
 * `timeoutMs`, naming `what`.
 */
export async function eventually<T>(test: () => T | Promise<T>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await test();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The element

/**
 * An element that uploads to the lane's emulator in parts of `partBytes` (5 MiB unless given; a smaller size is set as
 * the element's `minChunkSize` too, for a lane whose emulator takes it: `lane.smallParts`), its token still to be given.
 */
export function uploader(lane: Lane, partBytes = 5 * MiB): Promise<ApiVideoUploader> {
  if (partBytes < 5 * MiB) {
    return fixture<ApiVideoUploader>(
      html`<apivideo-uploader api-host=${lane.emulatorUrl} .minChunkSize=${partBytes} .chunkSize=${partBytes}></apivideo-uploader>`,
    );
  }
  return fixture<ApiVideoUploader>(
    html`<apivideo-uploader api-host=${lane.emulatorUrl} chunk-size=${String(partBytes)}></apivideo-uploader>`,
  );
}

export function part(el: ApiVideoUploader, name: string): HTMLElement | null {
  return el.shadowRoot!.querySelector(`[part~="${name}"]`);
}

/**
 * Every box drawn in the element that reaches past its edges, with its part and how far: what shows of it, that is,
 * once cut by the ancestors that clip (a progress bar's indicator slides in from outside its bar).
 */
export function overflowing(el: ApiVideoUploader): string[] {
  const host = el.getBoundingClientRect();
  const shown = (node: HTMLElement) => {
    let { left, right } = node.getBoundingClientRect();
    for (let up = node.parentElement; up; up = up.parentElement) {
      if (getComputedStyle(up).overflowX === 'visible') continue;
      const clip = up.getBoundingClientRect();
      left = Math.max(left, clip.left);
      right = Math.min(right, clip.right);
    }
    return { left, right };
  };
  return [...el.shadowRoot!.querySelectorAll<HTMLElement>('*')]
    .filter((node) => !node.closest('.visually-hidden'))
    .map((node) => ({ node, box: shown(node) }))
    .filter(({ box }) => box.right - box.left > 0 && (box.left < host.left - 0.5 || box.right > host.right + 0.5))
    .map(({ node, box }) => `${node.getAttribute('part') ?? node.localName}: ${box.left - host.left}..${box.right - host.left} in 0..${host.width}`);
}

/**
 * Runs `then` in the listener of part `number`'s `upload-part`, once: in the task that reported the part, before the
 * upload goes on to the next.
 */
export function onPart(el: ApiVideoUploader, number: number, then: (event: UploadPartEvent) => void): void {
  const listener = (event: UploadPartEvent) => {
    if (event.detail.part !== number) return;
    el.removeEventListener('upload-part', listener);
    then(event);
  };
  el.addEventListener('upload-part', listener);
}

/** Records every event named in `names` that reaches `target`, in order. */
export function recordEvents(target: EventTarget, names: string[]): Event[] {
  const seen: Event[] = [];
  for (const name of names) target.addEventListener(name, (event) => seen.push(event));
  return seen;
}

/** The texts the live region held, in order. */
export function recordAnnouncements(el: ApiVideoUploader): string[] {
  const region = part(el, 'announcer')!;
  const texts: string[] = [];
  new MutationObserver(() => {
    const text = region.textContent?.trim();
    if (text) texts.push(text);
  }).observe(region, { childList: true, characterData: true, subtree: true });
  return texts;
}

/** URLs the page fetched (fetch and XHR) since `since` (a `performance.now()` value). */
export function fetchedSince(since: number): string[] {
  return performance
    .getEntriesByType('resource')
    .filter((entry) => entry.startTime >= since)
    .map((entry) => entry.name);
}

// ---------------------------------------------------------------------------------------------------------------
// The page and the engine

/**
 * Records every uncaught error and unhandled rejection that reaches the page (`window` `error` and
 * `unhandledrejection`) until `stop()`, which gives their messages.
 */
export function watchUncaught(): { stop(): string[] } {
  const seen: string[] = [];
  const onError = (event: ErrorEvent) => seen.push(`error: ${event.message}`);
  const onRejection = (event: PromiseRejectionEvent) => seen.push(`unhandledrejection: ${String(event.reason?.message ?? event.reason)}`);
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  return {
    stop() {
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
      return seen;
    },
  };
}

/**
 * From now on the test server answers 503 for the modules named (file names without their extension, as `queue-mode`),
 * until `serveModules()`: test/support/failing-modules.ts. The page's module fetches are logged from here on.
 */
export function failModules(...names: string[]): void {
  document.cookie = `module-requests=${moduleLogKey}; path=/`;
  document.cookie = `failing-modules=${names.join(',')}; path=/`;
}

export function serveModules(): void {
  document.cookie = 'failing-modules=; path=/';
}

/**
 * From now on the test server holds its answer to the modules named (logged `upload-code held`) until
 * `releaseModules()`, which serves them and holds no more. The page's module fetches are logged from here on.
 */
export function holdModules(...names: string[]): void {
  document.cookie = `module-requests=${moduleLogKey}; path=/`;
  document.cookie = `held-modules=${names.join(',')}; path=/`;
}

export async function releaseModules(): Promise<void> {
  document.cookie = 'held-modules=; path=/';
  await fetch('/__failing-modules/release');
}

const moduleLogKey = crypto.randomUUID();

/** The page's fetches of module `name` that reached the server since `failModules()`: `panel failed`, `panel served`. */
export async function moduleFetches(name: string): Promise<string[]> {
  const log = (await (await fetch('/__failing-modules/requests')).json()) as string[];
  return log.filter((entry) => entry.startsWith(`${name} `));
}

/** Records the arguments of every `console.warn` until `stop()`, still printing them. */
export function recordWarnings(): { seen: unknown[][]; stop(): void } {
  const original = console.warn;
  const seen: unknown[][] = [];
  console.warn = (...args: unknown[]) => {
    seen.push(args);
    original.apply(console, args);
  };
  return { seen, stop: () => void (console.warn = original) };
}

/** The engine running the test, for the few assertions where engines really behave differently. */
export function browserEngine(): 'chromium' | 'firefox' | 'webkit' {
  const ua = navigator.userAgent;
  if (/Firefox\//.test(ua)) return 'firefox';
  if (/Chrome\//.test(ua)) return 'chromium';
  return 'webkit';
}

/**
 * Plays a visitor's browser in a page the test runner drives: `navigator.webdriver` reads false, as it does for every
 * visitor, so the element uses the handle picker where there is one (it opens the file input for test tools). Returns
 * the undo.
 */
export function asVisitorsBrowser(): () => void {
  Object.defineProperty(navigator, 'webdriver', { configurable: true, get: () => false });
  return () => void delete (navigator as { webdriver?: boolean }).webdriver;
}

// ---------------------------------------------------------------------------------------------------------------
// The queue (`<apivideo-uploader multiple>`): files given the three ways a person gives them, a file's row, waits for
// one file's events, and the check that every event names its file.

/**
 * A queue uploading to the lane's emulator in parts of `partBytes` (5 MiB unless given; a smaller size is set as the
 * element's `minChunkSize` too, for a lane whose emulator takes it: `lane.smallParts`), each file with a token from
 * the lane's token endpoint; `attributes` are set before the first file comes.
 */
export async function queueUploader(
  lane: Lane,
  attributes: Record<string, string> = {},
  partBytes = 5 * MiB,
): Promise<ApiVideoUploader> {
  const el = await fixture<ApiVideoUploader>(
    partBytes < 5 * MiB
      ? html`<apivideo-uploader
          multiple
          api-host=${lane.emulatorUrl}
          token-url=${lane.tokenUrl}
          .minChunkSize=${partBytes}
          .chunkSize=${partBytes}
        ></apivideo-uploader>`
      : html`<apivideo-uploader
          multiple
          api-host=${lane.emulatorUrl}
          token-url=${lane.tokenUrl}
          chunk-size=${String(partBytes)}
        ></apivideo-uploader>`,
  );
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  await el.updateComplete;
  return el;
}

function transfer(files: File[]): DataTransfer {
  const data = new DataTransfer();
  for (const file of files) data.items.add(file);
  return data;
}

/**
 * Files chosen at once in the file picker: the hidden input gets them and fires `change`, as the picker makes it. One
 * file without `multiple`; several only with it.
 */
export function choose(el: ApiVideoUploader, files: File[]): void {
  const input = el.shadowRoot!.querySelector<HTMLInputElement>('input[type=file]')!;
  if (files.length > 1) expect(input.multiple, 'the picker takes several files').to.equal(true);
  input.files = transfer(files).files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

export function drop(el: ApiVideoUploader, files: File[]): void {
  const base = el.shadowRoot!.querySelector('[part~="base"]')!;
  base.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer(files), bubbles: true, cancelable: true }));
}

/**
 * A paste carrying `files`. Gecko's ClipboardEvent constructor drops a given DataTransfer's files (a real paste
 * carries them), so `clipboardData` is defined on the event instead.
 */
export function paste(el: ApiVideoUploader, files: File[]): ClipboardEvent {
  const event = new ClipboardEvent('paste', { bubbles: true, cancelable: true, composed: true });
  Object.defineProperty(event, 'clipboardData', { value: transfer(files) });
  el.shadowRoot!.querySelector('[part~="drop-zone"]')!.dispatchEvent(event);
  return event;
}

/** The row of `file` (by its name, which the tests keep unique). */
export function row(el: ApiVideoUploader, file: File): HTMLElement {
  const rows = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="row"]')];
  const found = rows.find((candidate) => candidate.querySelector('[part~="row-name"]')?.textContent === file.name);
  expect(found, `the row of ${file.name}`).to.not.equal(undefined);
  return found!;
}

export function inRow(el: ApiVideoUploader, file: File, part: string): HTMLElement | null {
  return row(el, file).querySelector(`[part~="${part}"]`);
}

/** The part names of `file`'s row buttons, in order. */
export function rowButtons(el: ApiVideoUploader, file: File): string[] {
  return [...row(el, file).querySelectorAll('button')].map((button) => button.getAttribute('part')!.split(' ').at(-1)!);
}

export function stateOf(el: ApiVideoUploader, file: File): string | undefined {
  return el.files.find((entry) => entry.file === file)?.state;
}

type FileEvent = Event & { detail: { file?: File } };

/** The next `name` event about `file`; fails after `timeoutMs` instead of hanging the run. */
export function nextEventFor<T extends Event>(
  el: ApiVideoUploader,
  name: string,
  file: File,
  timeoutMs = 60_000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      el.removeEventListener(name, listener);
      reject(new Error(`no ${name} event for ${file.name} within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (event: Event) => {
      if ((event as FileEvent).detail?.file !== file) return;
      clearTimeout(timer);
      el.removeEventListener(name, listener);
      resolve(event as T);
    };
    el.addEventListener(name, listener);
  });
}

/** Runs `then` once, in the listener of `file`'s `upload-part` for part `part`: before that upload sends its next. */
export function onFilePart(el: ApiVideoUploader, file: File, part: number, then: () => void): void {
  const listener = (event: Event) => {
    const { detail } = event as Event & { detail: { file: File; part: number } };
    if (detail.file !== file || detail.part !== part) return;
    el.removeEventListener('upload-part', listener);
    then();
  };
  el.addEventListener('upload-part', listener);
}

/** Every event of the events table that reaches `el`, in order. */
export function recordAll(el: ApiVideoUploader): FileEvent[] {
  const seen: FileEvent[] = [];
  for (const { eventName } of uploaderEvents) el.addEventListener(eventName, (event) => seen.push(event as FileEvent));
  return seen;
}

/** Every event but `queue-complete` (which is about them all) names one of `files` as the file it concerns. */
export function expectEachNamesItsFile(events: FileEvent[], files: File[]): void {
  const perFile = events.filter((event) => event.type !== 'queue-complete');
  expect(perFile.length).to.be.greaterThan(0);
  for (const event of perFile) {
    expect(files, `the file of ${event.type}`).to.include(event.detail.file);
  }
}

/** The events of `type` about `file`. */
export function eventsFor(events: FileEvent[], type: string, file: File): FileEvent[] {
  return events.filter((event) => event.type === type && event.detail.file === file);
}

// ---------------------------------------------------------------------------------------------------------------
// Recordings (src/record/)

/**
 * A recording whose every event is recorded, with every chunk the recorder made kept in `chunks`: the bytes the
 * emulator must end up holding, in order.
 */
export class RecordedRecording {
  readonly events: UploaderEvent[] = [];
  readonly chunks: Blob[] = [];
  private waiters: { test: () => boolean; resolve: () => void }[] = [];

  readonly emit = (event: UploaderEvent): void => {
    this.events.push(event);
    this.waiters = this.waiters.filter((w) => (w.test() ? (w.resolve(), false) : true));
  };

  readonly onData = (chunk: Blob): void => {
    this.chunks.push(chunk);
  };

  of<N extends keyof UploaderEventMap>(name: N): UploaderEventMap[N]['detail'][] {
    return this.events.filter((e) => e.type === name).map((e) => e.detail as UploaderEventMap[N]['detail']);
  }

  until(test: () => boolean): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ test, resolve }));
  }

  untilEvent(name: keyof UploaderEventMap, count = 1): Promise<void> {
    return this.until(() => this.of(name).length >= count);
  }

  /** Everything the recorder produced, as one Blob. */
  get recorded(): Blob {
    return new Blob(this.chunks);
  }
}

/** The first bytes of the source the emulator stored for `videoId`. */
export async function storedHead(lane: Lane, videoId: string, bytes: number): Promise<number[]> {
  const response = await fetch(`${lane.emulatorUrl}/vod/${videoId}/mp4/source.mp4`);
  expect(response.status, 'the stored source').to.equal(200);
  return [...new Uint8Array(await response.arrayBuffer()).subarray(0, bytes)];
}

/** WebM's (Matroska's) EBML magic number. */
export const EBML_HEADER = [0x1a, 0x45, 0xdf, 0xa3];

/**
 * Whether this engine can record here. WebKitGTK's MiniBrowser (Debian's webkit2gtk 2.50) gives mock capture devices
 * (`--enable-mock-capture-devices`, test/support/webkit-launcher.mjs), but its MediaRecorder throws NotSupportedError
 * ("The MediaRecorder is unsupported on this platform"): this build has no encoder behind it. So tests that record run
 * in Chromium and Firefox and are reported skipped in WebKit, where record-failures.test.ts checks instead that a
 * recording fails with a clear message.
 */
export const recordsHere = browserEngine() !== 'webkit';

/** `describe` for tests that record: skipped, visibly, where the engine cannot record (see `recordsHere`). */
export const describeRecording: Mocha.SuiteFunction = recordsHere ? describe : (describe.skip as Mocha.SuiteFunction);
