// Vue 3 using <apivideo-uploader> directly: Vue is told it is a custom element, binds its properties and listens to its
// events with @upload-progress and friends.
import { createApp, ref, shallowRef } from 'vue';
import '../src/index.js';
import type { UploadProgressDetail, UploadProgressEvent, UploadSuccessEvent, Video } from '../src/index.js';
import { describeTarget, loadPageConfig, TOKEN_URL, type PageConfig } from './dev-config.js';
import { describeDetail, EVENT_NAMES } from './event-log.js';

const template = `
  <header>
    <h1>&lt;apivideo-uploader&gt; in Vue</h1>
    <p id="target" class="target" :data-target="config.target">Talking to {{ targetText }}.</p>
    <nav aria-label="Other pages"><a href="/">Plain page</a> · <a href="/demo/react.html">React page</a></nav>
  </header>
  <main>
    <section aria-labelledby="upload-title">
      <h2 id="upload-title">Upload</h2>
      <apivideo-uploader
        id="uploader"
        ref="uploader"
        :token-url="tokenUrl"
        :api-host="config.apiHost"
        :chunk-size="chunkSize"
        :lang="lang"
        @upload-start="video = undefined"
        @upload-progress="onProgress"
        @upload-success="onSuccess"
      ></apivideo-uploader>
      <p class="controls">
        <label>Language
          <select id="language" v-model="lang"><option value="en">English</option><option value="fr">Français</option></select>
        </label>
      </p>
      <p id="vue-progress" role="status">
        {{ progress ? progress.percent + ' % — part ' + progress.part + ' of ' + progress.parts : 'Nothing uploaded yet.' }}
      </p>
      <div id="playback" class="playback">
        <video v-if="video && video.assets && video.assets.mp4 && config.target === 'emulator'" id="playback-video"
          :src="video.assets.mp4" controls muted playsinline preload="metadata"></video>
        <iframe v-else-if="video && video.assets && video.assets.player" id="playback-player" :src="video.assets.player"
          title="api.video player" allow="autoplay; fullscreen"></iframe>
      </div>
    </section>
    <section aria-labelledby="log-title">
      <h2 id="log-title">Events</h2>
      <ol id="log" class="log">
        <li v-for="line in log" :key="line.id" :data-event="line.name"><strong>{{ line.name }}</strong> <code>{{ line.detail }}</code></li>
      </ol>
    </section>
  </main>
`;

function mount(config: PageConfig): void {
  const app = createApp({
    template,
    setup() {
      const progress = shallowRef<UploadProgressDetail>();
      const video = shallowRef<Video>();
      const log = ref<{ id: number; name: string; detail: string }[]>([]);
      const lang = ref('en');
      const uploader = ref<HTMLElement>();
      let nextId = 0;
      return {
        config,
        targetText: describeTarget(config),
        tokenUrl: TOKEN_URL,
        chunkSize: 5 * 1024 * 1024,
        lang,
        progress,
        video,
        log,
        uploader,
        onProgress: (event: UploadProgressEvent) => (progress.value = event.detail),
        onSuccess: (event: UploadSuccessEvent) => (video.value = event.detail.video),
        record: (event: Event & { detail?: unknown }) => {
          log.value = [{ id: nextId++, name: event.type, detail: describeDetail(event.detail) }, ...log.value].slice(0, 300);
        },
      };
    },
    mounted(this: { $refs: { uploader: HTMLElement }; record: (event: Event) => void }) {
      // Every event into the log, without writing thirteen @listeners in the template.
      for (const name of EVENT_NAMES) this.$refs.uploader.addEventListener(name, this.record);
    },
  });
  app.config.compilerOptions.isCustomElement = (tag) => tag === 'apivideo-uploader';
  app.mount('#app');
}

loadPageConfig().then(mount, (error: unknown) => {
  document.querySelector('#app')!.textContent = `The page could not start: ${String(error)}`;
});
