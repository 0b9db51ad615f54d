// The queue of `multiple` (its controller, its rows, the upload layer's scheduling): loaded with a dynamic import,
// only once an element sets `multiple`, so a page uploading one file at a time never fetches it.
export { QueueController } from './queue-controller.js';
export { queueView } from './queue-views.js';
