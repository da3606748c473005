import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../scripts/pack-consumer.mjs';
import { markdownFiles } from './markdown-snippets.js';

// Issue 13: every page of docs/ is reachable from its index, and no relative link of the README or the docs
// points at a file that is not there.

/** The targets of the relative Markdown links of a file (`[text](target)`), without their #fragment. */
function relativeLinks(file: string): string[] {
  const text = readFileSync(path.join(repoRoot, file), 'utf8').replace(/```[\s\S]*?```/g, '');
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((match) => match[1] ?? '')
    .filter((target) => !/^[a-z]+:/i.test(target) && !target.startsWith('#'))
    .map((target) => target.replace(/#.*$/, ''));
}

describe('docs/README.md, the docs index', () => {
  it('links every page of docs/', () => {
    const pages = markdownFiles()
      .filter((file) => file.startsWith('docs/') && file !== 'docs/README.md')
      .map((file) => path.posix.relative('docs', file));
    const linked = new Set(relativeLinks('docs/README.md'));

    expect(pages.filter((page) => !linked.has(page))).toEqual([]);
  });

  it('and no page links a file that does not exist', () => {
    // docs/guarantees.md is linked ahead of its move out of README.md's "Guarantees" section (issue 13 leaves that
    // move to the helper that owns the section); until it is moved, README.md still holds it.
    const pending = readFileSync(path.join(repoRoot, 'README.md'), 'utf8').includes('\n## Guarantees\n')
      ? ['docs/README.md: guarantees.md']
      : [];
    const broken = markdownFiles().flatMap((file) =>
      relativeLinks(file)
        .filter((target) => !existsSync(path.join(repoRoot, path.dirname(file), target)))
        .map((target) => `${file}: ${target}`)
        .filter((link) => !pending.includes(link)),
    );

    expect(broken).toEqual([]);
  });
});
