// Which browser test files run in which engine. Chromium runs every file in test/browser/. Firefox and WebKit run
// only the files named below: those that test what engines really do differently (requests on the wire, recording,
// IndexedDB, file handles, key, paste and drag events, layout, on-demand code that fails to load, focus, the chooser
// under automation). The element's own behaviour (Lit rendering, properties, events, accessibility, the views) is
// the same code on the same DOM everywhere, so it is tested once, in Chromium.
//
// A new test file runs in Chromium only until it is added here, with the reason it needs the other engines. Screenshot
// files (`*.screenshots.test.ts`) run in Chromium and Firefox, each against references of its own (fonts and
// rasterisation differ per engine); WebKit runs through WebDriver, which the screenshot plugin does not drive.

/** The files that run in every engine, each with the reason it does. */
export const ALL_ENGINES = {
  // Uploads on the wire.
  'emulator-uploader.test.ts': 'the official library over each engine’s XHR against the emulator: CORS, multipart, Range reads',
  'upload-session.test.ts': 'the real part sender end to end in each engine: bytes, token URL fetches, upload progress',
  'upload-engine-contract.test.ts': 'what the part sender relies on in the library over each engine’s XHR, a finished request aborted included',
  'upload-stops.test.ts': 'Firefox and WebKit fire `load` again on a finished request that is aborted; nothing may reach the page',
  'upload-control.test.ts': 'pause and cancel abort requests in flight; `offline` and `online` pause and resume',
  'upload-retries.test.ts': 'torn connections (Chromium and Firefox resend them unseen, WebKit never), stalls heard by upload progress, 429 headers read cross-origin',
  'upload-parallel.test.ts': 'several requests to one host at once, answered out of order, and aborted together',
  'upload-fault-matrix.test.ts': 'torn connections, lost and slow answers with 1, 4 and 8 requests in flight, as each engine’s network stack meets them',
  'upload-token-url.test.ts': 'how each engine’s fetch fails (a torn connection, no answer in time, an HTML page) and what the page can read of it',
  'element-api-host.test.ts': 'a refused connection to a loopback port, as each engine reports it',
  'element-origin-refused.test.ts': 'a cross-origin token URL that refuses the page: what each engine lets the page read of it (CORS)',
  // Storage and files.
  'upload-resume.test.ts': 'resume records in each engine’s IndexedDB',
  'upload-digests.test.ts': 'parts’ digests in each engine’s module worker (a File handed to it), and each engine’s way of failing to start one',
  'element-resume.test.ts': 'IndexedDB refused, absent or full, file handles where the engine has them, `beforeunload`',
  'element-queue-resume.test.ts': 'one IndexedDB resume record per file of a queue, written side by side',
  // Recording.
  'record-upload.test.ts': 'MediaRecorder with each engine’s fake camera, its parts sent while it records',
  'record-failures.test.ts': 'getUserMedia refused or without a device, a track ending, as each engine answers (WebKitGTK cannot record)',
  'record-reload.test.ts': 'the recording journal in IndexedDB, an open that never answers (WebKit)',
  'record-engine-contract.test.ts': 'a recording’s parts of unknown total over each engine’s XHR',
  'element-record.test.ts': 'MediaRecorder through the element: the live preview, the timer, the formats each engine records',
  'element-restrictions.test.ts': 'durations read by each engine’s media stack (a WAV header, a file it cannot read), empty MIME types',
  // Input, focus and layout.
  'element-input.test.ts': 'key events (WebDriver BiDi, WebKitWebDriver), drop and paste (Gecko drops a synthetic paste’s files), focus across views',
  'element-chooser.test.ts': 'which picker a click opens under each engine’s automation (navigator.webdriver, showOpenFilePicker absent)',
  'element-queue-a11y.test.ts': 'the focus kept on a row whose pause button turns into resume, as each engine moves focus (with axe and French)',
  'element-looks.test.ts': 'layout: what inherits into the shadow root, theme colours and custom properties as each engine computes them, 44 px targets, focus rings reached with Tab, nothing past a 320 px box idle or recording from each engine’s fake camera',
  'element-format.test.ts': 'sizes, speeds and times from Intl, whose data each engine brings itself',
  // Video details.
  'element-metadata.test.ts': 'frames decoded from a local file through each engine’s <video> and canvas; the edit sent with each engine’s fetch (PATCH, same origin); key events into the form',
  'element-poster.test.ts': 'a frame of the chosen file decoded by each engine’s <video> and canvas, and a file it cannot decode',
  // Code fetched on demand.
  'element-on-demand.test.ts': 'dynamic imports on first use, seen in each engine’s resource timing',
  'element-queue-unavailable.test.ts': 'a dynamic import that failed: Firefox keeps the failure in the module map, Chromium and WebKit fetch again',
  'element-record-unavailable.test.ts': 'the same for the recording code, where WebKitGTK draws the record buttons but cannot record',
  'element-load-retry-fails.test.ts': 'a second failed fetch of on-demand code, and the focus moved off the gone button',
  'element-upload-unavailable.test.ts': 'the upload engine’s chunk failing to load, then served again: each engine’s module map after a failed import',
};

/** The engines that compare screenshots: those puppeteer drives, each with references of its own. */
export const SCREENSHOT_ENGINES = ['chromium', 'firefox'];

/** The files web-test-runner runs in `engine`. */
export function browserTestFiles(engine) {
  if (engine === 'chromium') return ['test/browser/**/*.test.ts'];
  const files = Object.keys(ALL_ENGINES).map((file) => `test/browser/${file}`);
  return SCREENSHOT_ENGINES.includes(engine) ? [...files, 'test/browser/*.screenshots.test.ts'] : files;
}
