// The upload engine as the element fetches it, on the visitor's first sign of intent or once the page is idle
// (engine-code.ts): the session and its resume record, and through them the part sender and the library. Nothing
// else of the element reaches these modules but through this one's dynamic import, so they stay out of the first file.
export { UploadSession } from '../upload/session.js';
export { ResumeStore } from '../upload/resume-store.js';
export { ResumeTracker } from '../upload/resume-tracker.js';
export { acknowledgedPercent } from '../upload/resume-record.js';
