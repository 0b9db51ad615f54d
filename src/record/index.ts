// Recording from the camera or a screen, uploaded while it is made. Loaded on demand (dynamic import) by an element
// whose `sources` name `camera` or `screen`, so pages that upload files only never fetch it.
export { Recording, type RecordingOptions } from './recording.js';
export { RecordingParts, type RecordingPartsOptions } from './recording-parts.js';
export { RecordingFailure, type RecordingSource } from './media.js';
export { chooseRecordingType, RECORDING_TYPES } from './formats.js';
