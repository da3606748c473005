import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { makeTempDir, plainEnv, repoRoot, writeFiles } from './plugboard-package.js';

// Issue 13: every plugboard command that README.md and docs/command.md show runs, as written, in a fresh checkout
// (after npm install) against the demo's plugins, and exits 0 (README.md's as written; of docs/command.md's
// `npx plugboard ...` lines the first goes through npx and the others run the bin npx would run, see below).
// Issue 27: the checkout gets this repository's dist/ as `npm install` (its prepare script) left it, with every
// file's modification time kept, so that the first command rebuilds it only if it is stale here too: a build
// with declarations costs seconds of the suite, and the test is about the commands.
const timeout = 240_000;
const documents = ['README.md', 'docs/command.md'];
/** What a checkout after `npm install` holds that the command needs. */
const checkoutFiles = ['package.json', 'bin', 'scripts', 'src', 'dist', 'samples/trainer'];
let work: { dir: string; remove: () => void } | undefined;
let checkout = '';
let shims = '';

beforeAll(() => {
  work = makeTempDir('plugboard-docs');
  checkout = path.join(work.dir, 'plugboard');
  for (const file of [...checkoutFiles, 'tsconfig.json', 'tsconfig.base.json', 'tsconfig.build.json']) {
    // Without a dist/ here (never built), the first command builds it.
    if (!existsSync(path.join(repoRoot, file))) continue;
    cpSync(path.join(repoRoot, file), path.join(checkout, file), { recursive: true, preserveTimestamps: true });
  }
  symlinkSync(path.join(repoRoot, 'node_modules'), path.join(checkout, 'node_modules'), 'dir');
  // A bare `plugboard ...` line runs the checkout's command, as it would once installed.
  shims = path.join(work.dir, 'bin');
  writeFiles(shims, { plugboard: `#!/bin/sh\nexec node "${path.join(checkout, 'bin/plugboard.js')}" "$@"\n` });
  chmodSync(path.join(shims, 'plugboard'), 0o755);
}, timeout);

afterAll(() => work?.remove());

/** The plugboard command lines of a Markdown file's shell blocks, without their trailing comments. */
function documentedCommands(file: string): string[] {
  const markdown = readFileSync(path.join(repoRoot, file), 'utf8');
  const blocks = [...markdown.matchAll(/^```(?:sh|bash|shell|console)\n([\s\S]*?)^```/gm)].map(
    (match) => match[1] ?? '',
  );
  return blocks
    .flatMap((block) => block.split('\n'))
    .map((line) => line.replace(/\s+#\s.*$/, '').trim())
    .filter((line) => /^(?:npx plugboard|plugboard|npm run plugboard)\b/.test(line));
}

/** The index, among all documented commands, of the first that runs through `npx`. */
const firstNpx = documents.flatMap(documentedCommands).findIndex((command) => command.startsWith('npx plugboard'));

describe('the documented plugboard commands', () => {
  it('include the commands of docs/command.md and the Development section of README.md', () => {
    expect(documentedCommands('docs/command.md').length).toBeGreaterThanOrEqual(9);
    expect(firstNpx).toBeGreaterThanOrEqual(0);
    expect(documentedCommands('README.md')).toContain('npm run plugboard -- list');
  });

  it(
    'run as written in a fresh checkout against the demo, and exit 0',
    () => {
      const results = documents.flatMap(documentedCommands).map((command, index) => {
        // npx starts npm (most of a second of CPU) to find the bin that the shim runs directly: the first
        // `npx plugboard` line goes through npx, the others through the shim (the same program, arguments and
        // working directory), so that the suite stays within the test budget of issue 27.
        const line = index === firstNpx ? command : command.replace(/^npx plugboard\b/, 'plugboard');
        const run = spawnSync('sh', ['-c', line], {
          cwd: checkout,
          encoding: 'utf8',
          env: plainEnv({ PATH: `${shims}${path.delimiter}${process.env.PATH ?? ''}` }),
          timeout: 120_000,
        });
        return { command, status: run.status, stderr: run.status === 0 ? '' : run.stderr };
      });

      expect(results.filter((result) => result.status !== 0)).toEqual([]);
    },
    timeout,
  );
});
