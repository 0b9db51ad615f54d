// The code examples of README.md and docs/*.md, read from their fenced blocks, so a test can typecheck each one as a
// site would compile it: none can rot unseen. Every block names its language; the ones meant as code are ts, tsx, js,
// and the module scripts inside html blocks.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Languages a block may name; `text` is for pictures and sample output, `vue` is checked by the Vue types test. */
export const blockLanguages = ['ts', 'tsx', 'js', 'html', 'css', 'sh', 'text', 'vue', 'json'] as const;

export interface FencedBlock {
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  language: string;
  code: string;
}

export interface Example {
  /** A file name for the example in a project: where it came from, and `.tsx` for JSX. */
  name: string;
  source: string;
  from: FencedBlock;
}

/** README.md and every Markdown page of docs/, relative to `root`. */
export function docFiles(root: string): string[] {
  const docs = readdirSync(join(root, 'docs')).filter((name) => name.endsWith('.md')).sort();
  return ['README.md', ...docs.map((name) => `docs/${name}`)];
}

export function fencedBlocks(root: string, file: string): FencedBlock[] {
  const text = readFileSync(join(root, file), 'utf8');
  const blocks: FencedBlock[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*$/.exec(lines[i]!);
    if (!open) continue;
    const end = lines.findIndex((l, j) => j > i && /^```\s*$/.test(l));
    if (end < 0) throw new Error(`${file}:${i + 1}: a code block is never closed`);
    blocks.push({ file, line: i + 1, language: open[1]!, code: lines.slice(i + 1, end).join('\n') });
    i = end;
  }
  return blocks;
}

const packageEntry = 'apivideo-uploader-element';

/**
 * The examples to typecheck, as modules. A page's script queries the element it shows beside it, so its
 * `querySelector` result is known not to be null; browser code gets the package's types as a page that loaded the
 * bundle has its element registered.
 */
export function examples(root: string, files = docFiles(root)): Example[] {
  const out: Example[] = [];
  for (const file of files) {
    for (const block of fencedBlocks(root, file)) {
      const sources =
        block.language === 'html'
          ? [...block.code.matchAll(/<script type="module">([\s\S]*?)<\/script>/g)].map((m) => m[1]!)
          : ['ts', 'tsx', 'js'].includes(block.language)
            ? [block.code]
            : [];
      sources.forEach((code, index) => {
        const browser = block.language === 'html' || /\bdocument\./.test(code);
        const nonNull = code.replace(/querySelector\('apivideo-uploader'\)(?!!)/g, "querySelector('apivideo-uploader')!");
        const source = `${browser ? `import '${packageEntry}';\n` : ''}${nonNull}\nexport {};\n`;
        const stem = `${file.replace(/\.md$/, '').replace(/\W+/g, '-')}-${block.line}${index ? `-${index}` : ''}`;
        out.push({ name: `doc-${stem}.${block.language === 'tsx' ? 'tsx' : 'ts'}`, source, from: block });
      });
    }
  }
  return out;
}

/** The project's repository on GitHub, as package.json names it; a page that does not ship links there. */
export const repositoryUrl = 'https://github.com/apivideo-uploader-element/apivideo-uploader-element';

/** The links of a page outside its code blocks, as written, without their `#anchor`. */
export function linksOf(root: string, file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8').replace(/```[\s\S]*?```/g, '');
  return [...text.matchAll(/\]\(([^)\s#]+)(?:#[^)]*)?\)/g)].map((m) => m[1]!);
}

/** A link to a file of this repository or to another site: relative links are the repository's (or the tarball's). */
export const isRelative = (target: string) => !/^[a-z]+:/.test(target);
