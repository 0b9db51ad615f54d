// The element's list of uploads as the element fetches it, beside the upload engine and at the same moment (the
// visitor's first sign of intent, or once the page is idle: engine-code.ts): the list (its entries, their checks and
// controllers), resume's side of the element (its offers, the trackers), the views of a file (ready, under way, done)
// with their rules, the poster frames beside files' names, the focus kept across a change of view, progress paced to
// the frames, what the settings say to a session, a recording and the list, and the rest of the English words. The
// idle element draws, and takes files, without it: files given before it arrives wait for it.
export { UploadList } from './upload-list.js';
export { ResumeController } from './resume-controller.js';
export { bodyView, fileViewStyles } from './views.js';
export { resumeStyles } from './resume-views.js';
export { oneViewModel, queueViewModel } from './list-models.js';
export { uploadStrings } from './upload-strings.js';
export { PosterFrames } from './poster-frames.js';
export { sessionOptions, recordingOptions, listSettings } from './session-options.js';
export { FocusKeeper } from './focus-keeper.js';
export { FrameRender } from './render-pace.js';
