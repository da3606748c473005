// `prepare`: npm runs it after `npm install`/`npm ci` in a checkout, before `npm pack`/`npm publish`, and for a git
// dependency (npm installs the clone's devDependencies, then runs `prepare`, then packs it: twice, once in each
// step). It runs scripts/build.mjs unless dist/ is complete (its rolled-up types written) and newer than every
// source file and build setting, so the second run and a repeated install cost nothing.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const settings = ['package.json', 'tsconfig.base.json', 'tsconfig.build.json', 'scripts/build.mjs'];

/** The modification time of `file` in the checkout, or undefined if it is missing. */
function mtime(file) {
  try {
    return statSync(join(root, file)).mtimeMs;
  } catch {
    return undefined;
  }
}

function isFresh() {
  // Written last by a build with types: its time dates the build.
  const built = mtime('dist/plugboard.d.ts');
  if (built === undefined || mtime('dist/index.js') === undefined) return false;
  const sources = readdirSync(join(root, 'src'), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => statSync(join(entry.parentPath, entry.name)).mtimeMs);
  const newest = Math.max(
    ...sources,
    ...settings.map((file) => mtime(file) ?? Infinity),
    mtime('scripts/roll-up-declarations.mjs') ?? Infinity,
  );
  return newest < built;
}

if (!isFresh()) {
  const build = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
  process.exitCode = build.status ?? 1;
}
