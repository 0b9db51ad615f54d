// `npm run build`: one Vite build per kind of output, chosen by `--mode`:
//   module  dist/index.js + dist/react.js   ES modules for bundlers; lit, react and @lit/react stay imports
//   bundle  dist/apivideo-uploader.js       one self-contained, minified ES module for a <script type="module">
//   server  dist/server.js + dist/bin/*     Node: the emulator, the token handler and the two command lines
// The api.video uploader is bundled from its TypeScript sources in the browser builds: its published file is a UMD
// bundle carrying a core-js Promise polyfill that no browser running custom elements needs.
import { builtinModules } from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin, type UserConfig } from 'vite';

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

function moduleBuild(): UserConfig {
  const external = isPackage(['lit', '@lit/react', 'react', 'react-dom']);
  return {
    ...browser,
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      target: 'es2022',
      minify: false,
      sourcemap: true,
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

/** Each run of white space as one character: a line break where the run had one, so every line keeps its number. */
const squeeze = (run: string) => '\n'.repeat((run.match(/\n/g) ?? []).length) || ' ';

/** CSS text without comments and without the spaces that punctuation makes useless; a space before `:` stays (`a :hover`). */
function minifyCss(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, (comment) => '\n'.repeat((comment.match(/\n/g) ?? []).length))
    .replace(/\s+/g, squeeze)
    .replace(/ *([{};,]) */g, '$1')
    .replace(/: +/g, ':')
    .replace(/;(\s*)}/g, '$1}');
}

/**
 * The text of lit's `css` and `html` templates, squeezed in the browser bundle: the shipped strings carry the source's
 * indentation and comments otherwise. HTML keeps one white space character wherever it had some, so what renders
 * (spaces between inline elements, text) does not change; CSS drops its comments and the spaces around punctuation.
 */
function minifyLitTemplates(): Plugin {
  const tags: Record<string, (text: string) => string> = {
    css: minifyCss,
    html: (text) => text.replace(/\s+/g, (run) => (run.includes('\n') ? squeeze(run) : run)),
  };
  return {
    name: 'minify-lit-templates',
    apply: 'build',
    transform(code, id) {
      if (!id.startsWith(src('element/')) || !/\b(css|html)`/.test(code)) return null;
      const edits: { start: number; end: number; text: string }[] = [];
      const visit = (node: unknown): void => {
        if (!node || typeof node !== 'object') return;
        if (Array.isArray(node)) return node.forEach(visit);
        const n = node as Record<string, any>;
        const minify = n.type === 'TaggedTemplateExpression' && n.tag?.type === 'Identifier' ? tags[n.tag.name] : undefined;
        if (minify) {
          for (const quasi of n.quasi.quasis as { start: number; end: number; value: { raw: string } }[]) {
            if (code.slice(quasi.start, quasi.end) !== quasi.value.raw) {
              throw new Error(`minify-lit-templates: cannot place a template's text in ${id}.`);
            }
            edits.push({ start: quasi.start, end: quasi.end, text: minify(quasi.value.raw) });
          }
        }
        for (const key of Object.keys(n)) if (key !== 'type') visit(n[key]);
      };
      visit(this.parse(code));
      if (edits.length === 0) return null;
      let out = '';
      let at = 0;
      for (const edit of edits.sort((a, b) => a.start - b.start)) {
        out += code.slice(at, edit.start) + edit.text;
        at = edit.end;
      }
      // Lines keep their numbers, so the module's source map still points at the right lines.
      return { code: out + code.slice(at), map: null };
    },
  };
}

function bundleBuild(): UserConfig {
  return {
    ...browser,
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
      sourcemap: true,
      lib: { entry: { 'apivideo-uploader': src('index.ts') }, formats: ['es'] },
      // One file for every page, but for the recording code (src/record/ but its static `sources.ts`), which only pages
      // that record fetch, beside it. Its dependencies stay in the one file: the page has them already.
      rollupOptions: {
        // The entry's exports are the package's; 'allow-extension' lets the split below keep them while it moves code.
        preserveEntrySignatures: 'allow-extension',
        output: {
          entryFileNames: '[name].js',
          chunkFileNames: 'apivideo-uploader-[name].js',
          minify: true,
          codeSplitting: {
            includeDependenciesRecursively: false,
            groups: [{ name: 'record', test: /[\\/]src[\\/]record[\\/](?!sources\.ts)|progressive-video-uploader/ }],
          },
        },
      },
    },
  };
}

function serverBuild(): UserConfig {
  const deps = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies });
  const external = isPackage([...deps, ...builtinModules]);
  return {
    ...shared,
    build: {
      outDir: 'dist',
      emptyOutDir: false,
      target: 'node20',
      minify: false,
      ssr: true,
      rollupOptions: {
        input: {
          server: src('server/index.ts'),
          'bin/apivideo-emulator': src('server/emulator/cli.ts'),
          'bin/apivideo-tokens': src('server/tokens-cli/main.ts'),
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
