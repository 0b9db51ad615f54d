// The pages of the `load` section, as a site would write them: the element's script in the head, the element in the
// body, nothing else on the page, so its first contentful paint is the element's. Ours and Mux Uploader's are built
// the same way. A small classic script in the head notes, on the page's own clock, when a file was given and when the
// first part's request went out (its XHR `send()`), and the load event's end.
//
// Scripts come from /gz/, where the site sends them gzipped (level 9), as a site's server would.

/** What each page holds: our element (the files it fetches by itself; `eager` adds the upload's preload links) or Mux's. */
export type LoadPage = 'ours' | 'eager' | 'mux';

export const LOAD_PAGES: readonly LoadPage[] = ['ours', 'eager', 'mux'];

/** The chunks a page preloads to have the upload at once (docs/element.md says which a page names). */
export interface LoadPageOptions {
  apiHost: string;
  tokenUrl: string;
  chunkSize: number;
  /** The files beside the bundle that `eager` preloads, by name (`apivideo-uploader-upload.js`…). */
  preload: readonly string[];
}

// `?give=load`: a file is given to the element at the load event, before the element's own load listener (its idle
// prefetch) runs; the Node side gives one later with `loadBench.give()`.
const probe = `<script>
  // The first part's request: the moment its XHR is sent (its first byte goes out then).
  window.loadBench = { uploadSentAt: null, givenAt: null };
  const file = new File([new Uint8Array(6 * 1024 * 1024)], 'load.mp4', { type: 'video/mp4' });
  window.loadBench.give = () => {
    window.loadBench.givenAt = performance.now();
    void document.querySelector('apivideo-uploader').upload(file);
  };
  if (new URLSearchParams(location.search).get('give') === 'load') window.addEventListener('load', window.loadBench.give);
  const send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.send = function (body) {
    if (window.loadBench.uploadSentAt === null && this.benchUpload) window.loadBench.uploadSentAt = performance.now();
    return send.call(this, body);
  };
  const open = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    this.benchUpload = /\\/upload\\?/.test(String(url));
    return open.call(this, method, url, ...rest);
  };
</script>`;

export function loadPage(page: LoadPage, options: LoadPageOptions): string {
  const head =
    page === 'mux'
      ? '<script type="module" src="/gz/mux-uploader.mjs"></script>'
      : [
          '<script type="module" src="/gz/apivideo-uploader.js"></script>',
          ...(page === 'eager' ? options.preload.map((file) => `<link rel="modulepreload" href="/gz/${file}" />`) : []),
        ].join('\n    ');
  const body =
    page === 'mux'
      ? '<mux-uploader></mux-uploader>'
      : `<apivideo-uploader api-host="${options.apiHost}" token-url="${options.tokenUrl}" chunk-size="${options.chunkSize}"></apivideo-uploader>`;
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>load</title>
    ${probe}
    ${head}
  </head>
  <body>
    ${body}
  </body>
</html>
`;
}
