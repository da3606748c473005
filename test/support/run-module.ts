import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { makeTempDir, repoRoot } from '../cli/plugboard-package.js';

/** How a child process ended, and how long it took. */
export interface ModuleRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/**
 * Runs `body` as an ES module in a new Node process through tsx, after `import { <names> } from 'plugboard'` (the
 * repository's src/index.ts); bounded at 60 s.
 */
export function runModule(names: readonly string[], body: string): ModuleRun {
  const { dir, remove } = makeTempDir('plugboard-module');
  try {
    const file = path.join(dir, 'main.mts');
    const source = JSON.stringify(path.join(repoRoot, 'src/index.ts'));
    writeFileSync(file, `import { ${names.join(', ')} } from ${source};\n${body}\n`);
    const started = Date.now();
    const child = spawnSync(process.execPath, ['--import', 'tsx', file], {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { status: child.status, stdout: child.stdout, stderr: child.stderr, ms: Date.now() - started };
  } finally {
    remove();
  }
}
