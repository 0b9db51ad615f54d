// A small React app using the package's React wrapper: properties as props, every event as an `on…` prop.
import { StrictMode, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiVideoUploader, type ApiVideoUploaderElement } from '../src/react.js';
import type { UploadProgressDetail, Video } from '../src/index.js';
import { describeTarget, loadPageConfig, TOKEN_URL, type PageConfig } from './dev-config.js';
import { describeDetail } from './event-log.js';

interface LogLine {
  id: number;
  name: string;
  detail: string;
}

function App({ config }: { config: PageConfig }) {
  const uploader = useRef<ApiVideoUploaderElement>(null);
  const [progress, setProgress] = useState<UploadProgressDetail>();
  const [video, setVideo] = useState<Video>();
  const [log, setLog] = useState<LogLine[]>([]);
  const [lang, setLang] = useState('en');
  const nextId = useRef(0);

  const logged =
    <E extends Event & { detail?: unknown }>(after?: (event: E) => void) =>
    (event: E) => {
      const line = { id: nextId.current++, name: event.type, detail: describeDetail(event.detail) };
      setLog((lines) => [line, ...lines].slice(0, 300));
      after?.(event);
    };

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  return (
    <>
      <header>
        <h1>&lt;apivideo-uploader&gt; in React</h1>
        <p id="target" className="target" data-target={config.target}>
          Talking to {describeTarget(config)}.
        </p>
        <nav aria-label="Other pages">
          <a href="/">Plain page</a> · <a href="/demo/vue.html">Vue page</a>
        </nav>
      </header>
      <main>
        <section aria-labelledby="upload-title">
          <h2 id="upload-title">Upload</h2>
          <ApiVideoUploader
            id="uploader"
            ref={uploader}
            tokenUrl={TOKEN_URL}
            apiHost={config.apiHost}
            chunkSize={5 * 1024 * 1024}
            lang={lang}
            onFileSelect={logged()}
            onFileReject={logged()}
            onUploadStart={logged(() => setVideo(undefined))}
            onUploadProgress={logged((event) => setProgress(event.detail))}
            onUploadPart={logged()}
            onUploadRetry={logged()}
            onTokenRefresh={logged()}
            onUploadPause={logged()}
            onUploadResume={logged()}
            onUploadCancel={logged()}
            onUploadError={logged()}
            onUploadSuccess={logged((event) => setVideo(event.detail.video))}
            onVideoPlayable={logged()}
          />
          <p className="controls">
            <label>
              Language
              <select id="language" value={lang} onChange={(event) => setLang(event.target.value)}>
                <option value="en">English</option>
                <option value="fr">Français</option>
              </select>
            </label>
            <button type="button" onClick={() => uploader.current?.pause()}>Pause</button>
            <button type="button" onClick={() => uploader.current?.resume()}>Resume</button>
            <button type="button" onClick={() => uploader.current?.reset()}>Reset</button>
          </p>
          <p id="react-progress" role="status">
            {progress ? `${progress.percent} % — part ${progress.part} of ${progress.parts}` : 'Nothing uploaded yet.'}
          </p>
          <div id="playback" className="playback">
            {video?.assets?.mp4 && config.target === 'emulator' ? (
              <video id="playback-video" src={video.assets.mp4} controls muted playsInline preload="metadata" />
            ) : video?.assets?.player ? (
              <iframe id="playback-player" src={video.assets.player} title="api.video player" allow="autoplay; fullscreen" />
            ) : null}
          </div>
        </section>
        <section aria-labelledby="log-title">
          <h2 id="log-title">Events</h2>
          <ol id="log" className="log">
            {log.map((line) => (
              <li key={line.id} data-event={line.name}>
                <strong>{line.name}</strong> <code>{line.detail}</code>
              </li>
            ))}
          </ol>
        </section>
      </main>
    </>
  );
}

const root = createRoot(document.getElementById('root')!);
loadPageConfig().then(
  (config) => root.render(<StrictMode><App config={config} /></StrictMode>),
  (error: unknown) => root.render(<p role="alert">The page could not start: {String(error)}</p>),
);
