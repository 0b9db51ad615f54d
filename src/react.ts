// The React wrapper ("apivideo-uploader-element/react"). It imports the package's own entry rather than the element
// file, so a page that loads both the wrapper and the plain element registers <apivideo-uploader> once.
// @lit/react is bundled into the built file (1.4 kB) and its types are restated here, so the package depends on
// neither: @lit/react's peer dependency on @types/react would otherwise be installed on every site, React or not.
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import { ApiVideoUploader as ApiVideoUploaderElement, reactPropOf, uploaderEvents, type PascalCase } from './index.js';

type EventClass = (typeof uploaderEvents)[number];

/** One `on…` prop name per event of the events table, to its event's class. */
type EventProps = { [E in EventClass as `on${PascalCase<E['eventName']>}`]?: (event: InstanceType<E>) => void };

/** The element's own properties (`tokenUrl`, `chunkSize`, `tokenProvider`…), as `@lit/react` passes them on. */
type ElementProps = Partial<Omit<ApiVideoUploaderElement, keyof HTMLElement>>;

/** The wrapper's props: React's for an HTML element, the element's properties and one `on…` prop per event. */
export type ApiVideoUploaderProps = Omit<React.HTMLAttributes<ApiVideoUploaderElement>, keyof EventProps | keyof ElementProps> &
  EventProps &
  ElementProps;

const events = Object.fromEntries(uploaderEvents.map((event) => [reactPropOf(event.eventName), event.eventName])) as {
  [E in EventClass as `on${PascalCase<E['eventName']>}`]: EventName<InstanceType<E>>;
};

/**
 * `<apivideo-uploader>` as a React component. Properties are props (`tokenUrl`, `apiHost`, `chunkSize`,
 * `tokenProvider`…); every event is an `on…` prop receiving the typed event (`onUploadProgress={(e) => e.detail.percent}`).
 * A `ref` gives the element, for `pause()`, `resume()`, `cancel()`, `retry()`, `reset()` and `upload(file)`.
 */
// The annotation is checked against what createComponent returns: a prop it would not take fails to compile.
export const ApiVideoUploader: React.ForwardRefExoticComponent<ApiVideoUploaderProps & React.RefAttributes<ApiVideoUploaderElement>> =
  createComponent({
    tagName: 'apivideo-uploader',
    elementClass: ApiVideoUploaderElement,
    react: React,
    events,
    displayName: 'ApiVideoUploader',
  });

export type { ApiVideoUploaderElement };
export type * from './events/index.js';
