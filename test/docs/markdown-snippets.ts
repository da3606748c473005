import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../scripts/pack-consumer.mjs';

/** A ```ts block of a Markdown file. */
export interface Snippet {
  /** The Markdown file, relative to the repository (`docs/testing.md`). */
  readonly file: string;
  /** The line of the file where the code starts (1-based). */
  readonly line: number;
  readonly code: string;
  /** Marked `<!-- snippet: no-compile -->`: deliberately incomplete, not compiled. */
  readonly skipped: boolean;
  /** Marked `<!-- snippet: experimental-decorators -->`: compiled with experimentalDecorators only. */
  readonly legacyOnly: boolean;
  /** It augments `PluginTypes`, which would change every other snippet's types: compiled in a program of its own. */
  readonly augments: boolean;
}

const fence = /^```(\w+)?\s*$/;
const marker = /^<!--\s*snippet:\s*([\w-]+)\s*-->$/;

/** README.md and every Markdown file under docs/ (but the generated docs/api), sorted. */
export function markdownFiles(): string[] {
  const docs = path.join(repoRoot, 'docs');
  const found = readdirSync(docs, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.md') && !file.split(path.sep).includes('api'))
    .map((file) => path.posix.join('docs', file.split(path.sep).join('/')));
  return ['README.md', ...found.sort()];
}

/** The ```ts (and ```typescript) blocks of a Markdown file, with the marker on the line above each, if any. */
export function snippetsOf(file: string): Snippet[] {
  const lines = readFileSync(path.join(repoRoot, file), 'utf8').split('\n');
  const snippets: Snippet[] = [];
  for (let index = 0; index < lines.length; index += 1) {
    const open = fence.exec(lines[index] ?? '');
    if (!open) continue;
    const end = lines.findIndex((text, at) => at > index && /^```\s*$/.test(text));
    if (end === -1) throw new Error(`${file}:${String(index + 1)}: a code block is not closed`);
    if (open[1] === 'ts' || open[1] === 'typescript') {
      const above = marker.exec((lines[index - 1] ?? '').trim())?.[1];
      if (above !== undefined && above !== 'no-compile' && above !== 'experimental-decorators') {
        throw new Error(`${file}:${String(index)}: unknown snippet marker "${above}"`);
      }
      const code = lines.slice(index + 1, end).join('\n');
      snippets.push({
        file,
        line: index + 2,
        code,
        skipped: above === 'no-compile',
        legacyOnly: above === 'experimental-decorators',
        augments: /declare module 'plugboard(\/\w+)?'/.test(code),
      });
    }
    index = end;
  }
  return snippets;
}
