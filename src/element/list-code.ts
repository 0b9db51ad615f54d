// The element's list of uploads as the element fetches it, beside the upload engine and at the same moment (the
// visitor's first sign of intent, or once the page is idle: engine-code.ts): the element's side once the list is there
// (list-side.ts): the list (its entries, their checks and controllers), resume's side of the element (its offers, the
// trackers), the views of a file (ready, under way, done) and of the recording panel with their rules and actions, the
// poster frames beside files' names, the focus kept across a change of view, progress paced to the frames, the live
// region's sentences, what the settings say to a session, a recording and the list, and the rest of the English
// words. The idle element draws, and takes files, without it: files given before it arrives wait for it.
export { ListSide } from './list-side.js';
