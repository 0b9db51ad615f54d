// `npm run build`: one Vite build per kind of output, chosen by `--mode`:
//   module  dist/index.js + dist/react.js   ES modules for bundlers; lit and react stay imports, @lit/react is bundled
//   bundle  dist/apivideo-uploader.js       one self-contained, minified ES module for a <script type="module">
//   server  dist/server.js                  the token handler; loads with web globals only (edge runtimes)
//           dist/emulator.js + dist/bin/*   Node: the emulator and the two command lines
//                                           Their dependencies are the package's optional peers, left as imports.
// The api.video uploader is bundled from its TypeScript sources in the browser builds: its published file is a UMD
// bundle carrying a core-js Promise polyfill that no browser running custom elements needs.
import { builtinModules } from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin, type UserConfig } from 'vite';
import minifyTemplateLiterals from 'rollup-plugin-minify-template-literals';

const root = fileURLToPath(new URL('.', import.meta.url));
const src = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
};

/** `lit` and `lit/decorators.js` alike: a package and everything under it. */
const isPackage = (names: string[]) => (id: string) => names.some((name) => id === name || id.startsWith(`${name}/`));

const shared: UserConfig = {
  root,
  configFile: false,
  publicDir: false,
  logLevel: 'warn',
};

// `--mode` picks the output, so Vite would not pick lit's production build by itself: name its condition. (Bundlers
// that take dist/index.js choose lit's build themselves.)
const browser: UserConfig = {
  ...shared,
  resolve: { conditions: ['module', 'browser', 'production'] },
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
};

/**
 * The parts' digest worker (src/upload/digest-worker.ts), a file of its own beside the modules that start it: a page
 * fetches it only once an upload with resume on takes a digest. `base: './'` makes the chunk that starts it find it
 * relative to itself (`new URL('./…', import.meta.url)`), wherever a site serves the package's files.
 */
const digestWorker = (fileName: string): Pick<UserConfig, 'base' | 'worker'> => ({
  base: './',
  worker: {
    format: 'es',
    // Its own build, with the page's minifier: no news of its plugins' timings to print either.
    rolldownOptions: { checks: { bundlerTimings: false }, output: { entryFileNames: fileName, minify: true, comments: { annotation: false } } },
  },
});

function moduleBuild(): UserConfig {
  // @lit/react is bundled: as a dependency it would bring its peer @types/react to every site (src/react.ts).
  const external = isPackage(['lit', 'react', 'react-dom']);
  return {
    ...browser,
    ...digestWorker('chunks/digest-worker-[hash].js'),
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      target: 'es2022',
      minify: false,
      // No source maps: this build is not minified, so it reads as it is in a site's devtools, and maps would double
      // what it weighs in every site's node_modules. The minified bundle below keeps its maps.
      sourcemap: false,
      lib: { entry: { index: src('index.ts'), react: src('react.ts') }, formats: ['es'] },
      rollupOptions: {
        // The wrapper imports the package entry, never its own copy of the element (one registration per page).
        external: (id, importer) =>
          external(id) || (importer === src('react.ts') && id === './index.js'),
        output: { entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
      },
    },
  };
}

/**
 * The text of lit's `css` and `html` templates, minified in the browser bundle (html-minifier-terser and clean-css,
 * through minify-literals): the shipped strings carry the source's indentation and comments otherwise. White space
 * between tags collapses to one character rather than none, so what renders (spaces between inline elements, text)
 * does not change. Source maps follow the edits.
 */
const minifyLitTemplates = () =>
  minifyTemplateLiterals({
    include: [/[\\/]src[\\/](element|record|events)[\\/].*\.ts$/],
    // It builds CSS text with `unsafeCSS` and has no template: minify-literals would only warn that it skips its CSS.
    exclude: [/[\\/]palettes\.ts$/],
    failOnError: true,
    options: { minifyOptions: { conservativeCollapse: true } },
  });

function bundleBuild(): UserConfig {
  return {
    ...browser,
    ...digestWorker('apivideo-uploader-digest-worker.js'),
    plugins: [minifyLitTemplates()],
    build: {
      outDir: 'dist',
      emptyOutDir: false,
      target: 'es2022',
      // Terser first (two passes; names mangled, never properties: they are the element's API), then Rolldown's own
      // minifier over its output: together 0.3 KiB gzip smaller than either alone.
      minify: 'terser',
      terserOptions: {
        module: true,
        toplevel: true,
        ecma: 2020,
        compress: { passes: 2, ecma: 2020 },
        format: { comments: false, ecma: 2020 },
      },
      // Minified code is read through its map: kept, for the page that loads the bundle with a script tag.
      sourcemap: true,
      lib: { entry: { 'apivideo-uploader': src('index.ts') }, formats: ['es'] },
      // One file for what draws the idle element and takes a file, and beside it what a page fetches later: the upload
      // at the visitor's first sign of intent or once the page is idle, in one file reached through two doors: the
      // list of uploads with the views of a file and the rest of English (src/element/list-code.ts) and the engine
      // (the session, resume, the part sender and the library, through src/element/upload-code.ts); the recording code
      // (src/record/ but its static `sources.ts`) for pages that record (it imports the upload's file: a recording is
      // uploaded by the same session); the queue of `multiple`; and each language but English. Modules the first file
      // needs stay in it: the drop zone, the part-size constants, the events.
      rollupOptions: {
        // The entry's exports are the package's; 'allow-extension' lets the split below keep them while it moves code.
        preserveEntrySignatures: 'allow-extension',
        // The template minifier is JavaScript and takes most of this build's time, every time: no news to print.
        checks: { bundlerTimings: false },
        output: {
          entryFileNames: '[name].js',
          chunkFileNames: 'apivideo-uploader-[name].js',
          minify: true,
          // `@__PURE__` marks are for a bundler's tree shaking: no bundler reads these files again.
          comments: { annotation: false },
          codeSplitting: {
            includeDependenciesRecursively: false,
            groups: [
              // The list and the engine in one file: fetched at the same moment, each needs the other to upload a file,
              // and one file compresses to 0.8 KiB less than two (and is one request fewer). Not their doors
              // (src/element/list-code.ts, upload-code.ts): each a file of its own (as queue-mode.ts) that re-exports
              // from it, which then needs no module namespace built by Rolldown's runtime, a chunk of its own otherwise.
              {
                name: 'upload',
                test: /[\\/]src[\\/]upload[\\/](?!(?:constants|types|index)\.ts$)|[\\/]@api\.video[\\/]video-uploader[\\/]|[\\/]src[\\/]element[\\/](list-side|part-size|upload-list|upload-strings|paced|render-pace|focus-keeper|poster-frames|session-options|list-entry|list-models|upload-controller|resume-controller|resume-views|views|file-checks|video-duration|rejection|announcer|error-text)\.ts$/,
              },
              { name: 'record', test: /[\\/]src[\\/]record[\\/](?!sources\.ts)/ },
              // The video details form, its words and styles.
              { name: 'details', test: /[\\/]src[\\/]element[\\/]metadata-(form|editor|rules|request|strings)\.ts$/ },
              // Frames decoded from the chosen file: a poster beside its name, the details' thumbnail strip.
              { name: 'frames', test: /[\\/]src[\\/]element[\\/]frame-strip\.ts$/ },
              // The queue's rows are lit's `repeat` directive, which nothing else uses.
              {
                name: 'queue',
                test: /[\\/]src[\\/]element[\\/](queue-mode|queue-views)\.ts$|[\\/]lit-html[\\/]directive/,
              },
            ],
          },
        },
      },
    },
  };
}

/**
 * The command lines run when imported: their bins import them once the dependencies are checked. package.json's
 * `sideEffects` names only the browser files, so without this they would be dropped as modules with no exports.
 */
const commandLinesRun = (): Plugin => {
  const commandLines = [src('server/emulator/cli.ts'), src('server/tokens-cli/main.ts')];
  return {
    name: 'command-lines-run',
    transform: (code, id) => (commandLines.includes(id) ? { code, moduleSideEffects: true } : null),
  };
};

function serverBuild(): UserConfig {
  const deps = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies });
  const external = isPackage([...deps, ...builtinModules]);
  return {
    ...shared,
    plugins: [commandLinesRun()],
    build: {
      outDir: 'dist',
      emptyOutDir: false,
      target: 'node20',
      minify: false,
      ssr: true,
      rollupOptions: {
        input: {
          // Each checks the server dependencies it needs (optional peers) before it loads the code that imports them.
          server: src('server/entry.ts'),
          emulator: src('server/emulator/entry.ts'),
          'bin/apivideo-emulator': src('server/emulator/bin.ts'),
          'bin/apivideo-tokens': src('server/tokens-cli/bin.ts'),
        },
        external: (id) => id.startsWith('node:') || external(id),
        output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/server-[name]-[hash].js' },
      },
    },
  };
}

export default defineConfig(({ mode }) => {
  if (mode === 'module') return moduleBuild();
  if (mode === 'bundle') return bundleBuild();
  if (mode === 'server') return serverBuild();
  throw new Error(`vite.lib.config.ts builds --mode module, bundle or server, not "${mode}".`);
});
