// The door to the frame decoder, fetched on first use (a poster frame): a file that only re-exports, so the bundle
// needs no module namespace object for it (see vite.lib.config.ts, as upload-code.ts).
export { framesOf, releaseFrames } from './frame-strip.js';
