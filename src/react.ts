// The React wrapper ("apivideo-uploader-element/react"). It imports the package's own entry rather than the element
// file, so a page that loads both the wrapper and the plain element registers <apivideo-uploader> once.
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import { ApiVideoUploader as ApiVideoUploaderElement, reactPropOf, uploaderEvents, type PascalCase } from './index.js';

type EventClass = (typeof uploaderEvents)[number];

/** One `on…` prop per event of the events table, each receiving the typed event. */
type ReactEvents = { [E in EventClass as `on${PascalCase<E['eventName']>}`]: EventName<InstanceType<E>> };

const events = Object.fromEntries(uploaderEvents.map((event) => [reactPropOf(event.eventName), event.eventName])) as ReactEvents;

/**
 * `<apivideo-uploader>` as a React component. Properties are props (`tokenUrl`, `apiHost`, `chunkSize`,
 * `tokenProvider`…); every event is an `on…` prop receiving the typed event (`onUploadProgress={(e) => e.detail.percent}`).
 * A `ref` gives the element, for `pause()`, `resume()`, `cancel()`, `retry()`, `reset()` and `upload(file)`.
 */
export const ApiVideoUploader = createComponent({
  tagName: 'apivideo-uploader',
  elementClass: ApiVideoUploaderElement,
  react: React,
  events,
  displayName: 'ApiVideoUploader',
});

export type { ApiVideoUploaderElement };
export type * from './events/index.js';
