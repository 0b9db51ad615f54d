// The dev page: the element in its default look, controls to play with (a queue of files among them), the live event
// log, playback after an upload and the token manager.
import '../src/index.js';
import type { ApiVideoUploader, UploadSuccessEvent } from '../src/index.js';
import { describeTarget, emulatorControl, loadPageConfig, TOKEN_URL, type PageConfig } from './dev-config.js';
import { EventLog } from './event-log.js';
import { showPlayback } from './playback.js';
import { TokenManager } from './token-manager.js';
import { wireSources } from './recording.js';

/** Token lives shorter than this are "short": the page makes them expire during the upload, visibly. */
const SHORT_TTL = 10;

const $ = <T extends HTMLElement>(selector: string) => {
  const found = document.querySelector<T>(selector);
  if (!found) throw new Error(`The dev page lacks ${selector}.`);
  return found;
};

const uploader = $<ApiVideoUploader>('#uploader');
const log = new EventLog($<HTMLOListElement>('#log'));
log.listen(uploader);
$('#clear-log').addEventListener('click', () => log.clear());

const chunkSize = $<HTMLSelectElement>('#chunk-size');
const parallelParts = $<HTMLSelectElement>('#parallel-parts');
const tokenTtl = $<HTMLSelectElement>('#token-ttl');
const language = $<HTMLSelectElement>('#language');
const faultKind = $<HTMLSelectElement>('#fault-kind');
const multiple = $<HTMLInputElement>('#multiple');
const concurrency = $<HTMLSelectElement>('#concurrency');
const maxFiles = $<HTMLSelectElement>('#max-files');
const faultsLine = $<HTMLParagraphElement>('#faults');

function applyChunkSize(): void {
  uploader.chunkSize = Number(chunkSize.value);
}

function applyParallelParts(): void {
  uploader.parallelParts = Number(parallelParts.value);
}

function applyLanguage(): void {
  uploader.lang = language.value;
  document.documentElement.lang = language.value;
}

/** The queue's settings, which mean something only with `multiple`. `?multiple` in the page's URL turns it on. */
function applyQueue(): void {
  uploader.multiple = multiple.checked;
  uploader.concurrency = Number(concurrency.value);
  uploader.maxFiles = maxFiles.value ? Number(maxFiles.value) : undefined;
  concurrency.disabled = maxFiles.disabled = !multiple.checked;
}

function note(text: string): void {
  log.add('note', text, 'note');
}

async function showPendingFaults(config: PageConfig): Promise<void> {
  const { faults } = (await emulatorControl(config, 'faults', undefined, 'GET')) as { faults: object[] };
  faultsLine.textContent = faults.length
    ? `Pending faults: ${faults.map((fault) => JSON.stringify(fault)).join(', ')}`
    : 'No fault pending.';
}

/**
 * A short token life shows the recovery only if the token really expires during the upload, and a local upload takes
 * a fraction of a second. So on the emulator the page turns on strict expiry (api.video itself lets an upload that began
 * in time finish) and holds part 2 while the emulator's clock moves on past the token's life, once part 1 is stored
 * (no one waits those seconds): part 2 is refused with 401, the element fetches a new token and sends part 2 again.
 */
async function applyTokenTtl(config: PageConfig): Promise<void> {
  const ttl = Number(tokenTtl.value);
  uploader.tokenUrl = `${TOKEN_URL}?ttl=${ttl}`;
  if (config.target !== 'emulator') return;
  const short = ttl < SHORT_TTL;
  await emulatorControl(config, 'config', { strictTokenExpiry: short });
  if (short) await armExpiry(config, ttl);
  else await disarmExpiry(config);
  await showPendingFaults(config);
}

interface Fault {
  part?: number;
  delayMs?: number;
  status?: number;
  reset?: boolean;
  hold?: string;
}

/** The fault the page queues for a short token life (its hold's name says so), told apart from faults queued by hand. */
const isExpiryFault = (fault: Fault) => fault.part === 2 && fault.hold?.startsWith('token-expiry-') === true;

/**
 * The hold on part 2 that the next upload's part 1 lets go, and by how much the emulator's clock moves first. A name
 * of its own each time: the emulator lets every later hold of a released name through.
 */
let expiry: { hold: string; advanceMs: number } | undefined;

async function pendingFaults(config: PageConfig): Promise<Fault[]> {
  return ((await emulatorControl(config, 'faults', undefined, 'GET')) as { faults: Fault[] }).faults;
}

async function armExpiry(config: PageConfig, ttl: number): Promise<void> {
  const advanceMs = (ttl + 1) * 1000;
  const armed = (await pendingFaults(config)).find(isExpiryFault);
  if (armed) {
    // Armed already, by this page or before a reload: its hold is the one to let go.
    expiry = { hold: armed.hold!, advanceMs };
    return;
  }
  expiry = { hold: `token-expiry-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`, advanceMs };
  await emulatorControl(config, 'faults', { part: 2, times: 1, hold: expiry.hold });
  note(
    `Tokens live ${ttl} s: the emulator refuses expired tokens, and once part 1 is stored its clock moves on ${ttl + 1} s ` +
      'while it holds part 2, so the token expires mid-upload.',
  );
}

/** Part 1 stored: the emulator's clock past the token's life, then part 2 on its way. */
async function expireMidUpload(config: PageConfig, part: number): Promise<void> {
  if (part !== 1 || !expiry) return;
  const { hold, advanceMs } = expiry;
  expiry = undefined;
  await emulatorControl(config, 'clock', { advanceMs });
  await emulatorControl(config, `holds/${hold}/release`);
}

/** Takes the short-life fault back; the emulator clears faults only all at once, so the others are queued again. */
async function disarmExpiry(config: PageConfig): Promise<void> {
  expiry = undefined;
  const faults = await pendingFaults(config);
  if (!faults.some(isExpiryFault)) return;
  await emulatorControl(config, 'faults', undefined, 'DELETE');
  for (const fault of faults.filter((f) => !isExpiryFault(f))) await emulatorControl(config, 'faults', fault);
}

async function injectFault(config: PageConfig): Promise<void> {
  const kinds: Record<string, object> = {
    '503': { status: 503, times: 1 },
    reset: { reset: true, times: 1 },
    delay: { delayMs: 5000, times: 1 },
  };
  const fault = kinds[faultKind.value];
  if (!fault) return;
  await emulatorControl(config, 'faults', fault);
  note(`Fault queued for the next part: ${JSON.stringify(fault)}`);
  await showPendingFaults(config);
}

function reportFailure(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  note(`Dev page: ${message}`);
}

async function start(): Promise<void> {
  const config = await loadPageConfig();
  const target = $('#target');
  target.textContent = `Talking to ${describeTarget(config)}.`;
  target.dataset.target = config.target;
  document.body.dataset.target = config.target;

  uploader.apiHost = config.apiHost;
  applyChunkSize();
  applyParallelParts();
  applyLanguage();
  multiple.checked = new URLSearchParams(location.search).has('multiple');
  applyQueue();
  chunkSize.addEventListener('change', applyChunkSize);
  parallelParts.addEventListener('change', applyParallelParts);
  wireSources(uploader, $<HTMLSelectElement>('#sources'), config.emulatorUrl ? (bytes) => emulatorControl(config, 'config', { minPartBytes: bytes }) : undefined);
  multiple.addEventListener('change', () => {
    $('#playback').replaceChildren();
    applyQueue();
  });
  concurrency.addEventListener('change', applyQueue);
  maxFiles.addEventListener('change', applyQueue);
  // The element offers uploads a reload interrupted; this forgets them all.
  $('#forget-resumable').addEventListener('click', () => {
    void uploader.forgetResumable().then(() => note('Unfinished uploads forgotten: none will be offered or resumed.'));
  });
  language.addEventListener('change', applyLanguage);
  tokenTtl.addEventListener('change', () => void applyTokenTtl(config).catch(reportFailure));

  const faultPanel = $<HTMLFieldSetElement>('#fault-panel');
  faultPanel.hidden = config.target !== 'emulator';
  if (config.target === 'emulator') {
    $('#inject-fault').addEventListener('click', () => void injectFault(config).catch(reportFailure));
    uploader.addEventListener('upload-part', (event) => void expireMidUpload(config, event.detail.part).catch(reportFailure));
    // Re-arm the short-ttl setup for the next upload, and keep the pending list true.
    for (const name of ['upload-success', 'upload-error', 'upload-cancel']) {
      uploader.addEventListener(name, () => void applyTokenTtl(config).catch(reportFailure));
    }
  }
  await applyTokenTtl(config);

  uploader.addEventListener('upload-success', (event: UploadSuccessEvent) => {
    showPlayback($('#playback'), event.detail.video, config, uploader.multiple);
  });
  uploader.addEventListener('upload-start', () => {
    if (!uploader.multiple) $('#playback').replaceChildren();
  });

  const manager = new TokenManager($('#token-manager'));
  void manager.list();
  // The element's own tokens show up in the panel as it fetches them.
  uploader.addEventListener('token-refresh', () => void manager.list());

  uploader.disabled = false;
  document.body.dataset.ready = 'true';
}

start().catch((error: unknown) => {
  $('#target').textContent = `The dev page could not start: ${error instanceof Error ? error.message : String(error)}`;
});
