// The plugboard command in this checkout (`npm run plugboard -- <args>`; bin/plugboard.js imports
// this file, which the package does not ship). It builds dist/ (scripts/build.mjs, as `npm run build`) only when
// dist/ is missing or older than a source file or a build setting, then runs the built command in this process: on
// an up-to-date checkout a call costs what the installed command costs.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const settings = [
  'package.json',
  'tsconfig.base.json',
  'tsconfig.build.json',
  'scripts/build.mjs',
  'scripts/roll-up-declarations.mjs',
];

/** The modification times of the files under `dir` whose names end with `suffix`. */
function mtimes(dir, suffix) {
  const times = [];
  for (const entry of readdirSync(join(root, dir), { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && entry.name.endsWith(suffix)) times.push(statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return times;
}

function isStale() {
  let built;
  try {
    built = mtimes('dist', '.js');
  } catch {
    return true; // no dist/ yet
  }
  if (built.length === 0) return true;
  const sources = [...mtimes('src', '.ts'), ...settings.map((file) => statSync(join(root, file)).mtimeMs)];
  // A build rewrites every output, so the newest one dates it (files left from since-deleted sources stay older).
  return Math.max(...sources) > Math.max(...built);
}

if (isStale()) {
  const build = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('plugboard: the build failed (npm run build); see above.');
    process.exit(build.status ?? 1);
  }
}
await import('../dist/cli/main.js');
