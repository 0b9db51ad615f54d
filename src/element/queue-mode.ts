// The queue's view (`multiple`, its rows over lit's `repeat` directive) and its rules: loaded with a dynamic import,
// only once an element sets `multiple`, so a page uploading one file at a time never fetches it. The list of uploads
// itself is the same for one file and for a queue, and comes with the upload (list-code.ts).
export { queueView, queueViewStyles } from './queue-views.js';
