// Builds and packs plugboard, and sets up consumer projects that receive the tarball as a user would.
// Used by test/e2e/*.e2e.test.ts and scripts/compat-matrix.mjs; types in pack-consumer.d.mts.
//
// How a consumer gets its node_modules, offline: the tarball is extracted into consumer/node_modules/plugboard
// (a real copy, so Node and TypeScript resolve plugboard's own imports from the consumer, never from this
// repository), and only the packages that the packed package.json declares (dependencies, peerDependencies)
// are symlinked from this repository's node_modules, next to it. Node and tsc follow those links to their real
// paths, so each dependency finds its own dependencies where npm put them. `npm install --offline <tarball>`
// would be closer still, but it depends on what the npm cache holds; a dependency that plugboard imports but
// does not declare fails here just as it would for a user, which is what this setup must catch.
import { createHash } from 'node:crypto';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The plugboard repository this file belongs to. */
export const repoRoot = fileURLToPath(new URL('..', import.meta.url));

const repoModules = join(repoRoot, 'node_modules');

/** The TypeScript compilers installed as dev dependencies, by package name (see package.json). */
export const compilers = ['typescript5', 'typescript', 'typescript7'];

/**
 * The compiler `tsc` of one of the installed TypeScript packages, and its version.
 * @param {string} packageName
 */
export function compiler(packageName) {
  const directory = join(repoModules, packageName);
  const { version } = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8'));
  return { packageName, version, tsc: join(directory, 'bin', 'tsc') };
}

/**
 * Runs `npm run build`, then `npm pack` into `destination`. Returns the tarball's path and the files in it
 * (as listed by tar, without the `package/` prefix). Holds a lock, because two test files packing at once
 * would rebuild dist/ under each other.
 *
 * Within one jest run (test/support/global-setup.mjs sets PLUGBOARD_TEST_PACK to a folder of the run) the
 * package is built and packed once, into that folder, and every later call returns that tarball: the sources
 * do not change during a run, and each build takes seconds of a 2-core machine.
 * @param {string} destination
 */
export function packPlugboard(destination) {
  const shared = process.env.PLUGBOARD_TEST_PACK;
  return withLock(() => {
    const record = shared && join(shared, 'packed.json');
    if (record && existsSync(record)) return JSON.parse(readFileSync(record, 'utf8'));
    const packed = buildAndPack(shared || destination);
    if (record) writeFileSync(record, JSON.stringify(packed));
    return packed;
  });
}

/**
 * Within one jest run (PLUGBOARD_TEST_PACK, as for packPlugboard), makes the folder `name` of the run once with
 * `make(folder)` and returns it to every later caller; undefined outside a jest run. For builds the tests only read.
 * @param {string} name
 * @param {(folder: string) => void} make
 */
export function oncePerRun(name, make) {
  const shared = process.env.PLUGBOARD_TEST_PACK;
  if (!shared) return undefined;
  return withLock(() => {
    const folder = join(shared, name);
    const done = join(shared, `${name}.done`);
    if (!existsSync(done)) {
      rmSync(folder, { recursive: true, force: true });
      make(folder);
      writeFileSync(done, '');
    }
    return folder;
  });
}

function buildAndPack(destination) {
  execNpm(['run', 'build']);
  // The build just ran; --ignore-scripts keeps `prepare` from running it a second time.
  const [packed] = JSON.parse(execNpm(['pack', '--json', '--ignore-scripts', '--pack-destination', destination]));
  const tarball = join(destination, packed.filename);
  const listing = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' });
  const files = listing
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.replace(/^package\//, ''));
  return { tarball, files };
}

/**
 * Makes `directory` a consumer project of the tarball: package.json of the given module type, the package
 * extracted into node_modules/plugboard, and its declared dependencies and peers linked beside it.
 * `tools` are further packages of this repository to link, such as `@types/node`, that a user would install.
 * `substitutes` installs another package of this repository under a name: `{ inversify: 'inversify-8.0.0' }`
 * gives the consumer inversify 8.0.0 (a dev dependency installed under that alias) as its `inversify`.
 * @param {string} tarball
 * @param {string} directory
 * @param {{ type?: 'module' | 'commonjs', tools?: string[], substitutes?: Record<string, string> }} [options]
 */
export function createConsumer(tarball, directory, { type = 'module', tools = [], substitutes = {} } = {}) {
  const installed = join(directory, 'node_modules', 'plugboard');
  mkdirSync(installed, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', installed, '--strip-components=1']);
  const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
  const declared = [...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})];
  for (const name of new Set([...declared, ...tools])) {
    const source = join(repoModules, substitutes[name] ?? name);
    if (!existsSync(source)) throw new Error(`${name} is not installed in ${repoModules}; run npm ci first.`);
    const link = join(directory, 'node_modules', name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(source, link, 'dir');
  }
  writeFileSync(join(directory, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type }, null, 2));
  return directory;
}

/**
 * A new empty directory under the OS temp directory.
 * @param {string} prefix
 */
export function makeTempDir(prefix) {
  return mkdtempSync(join(tmpdir(), `${prefix}-`));
}

/**
 * Runs a command to completion without throwing; `output` is stdout and stderr together.
 * @param {string} command
 * @param {string[]} args
 * @param {string} cwd
 */
export function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
  if (result.error) throw result.error;
  return toResult(result.status, result.stdout, result.stderr);
}

/**
 * `run`, asynchronously, so that independent commands can share the machine's cores.
 * @param {string} command
 * @param {string[]} args
 * @param {string} cwd
 */
export function runAsync(command, args, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve(toResult(status, stdout, stderr)));
  });
}

function toResult(status, stdout, stderr) {
  return { status, stdout, stderr, output: stdout + stderr };
}

function execNpm(args) {
  try {
    return execFileSync('npm', args, { cwd: repoRoot, encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    throw new Error(`npm ${args.join(' ')} failed in ${repoRoot}:\n${error.stdout}${error.stderr}`, { cause: error });
  }
}

const lockDir = join(
  tmpdir(),
  `plugboard-pack-${createHash('sha256').update(repoRoot).digest('hex').slice(0, 12)}.lock`,
);
const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Runs `fn` while holding a lock (a directory, created atomically) shared by every process packing this repo. */
function withLock(fn) {
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    if (isStale(lockDir)) rmSync(lockDir, { recursive: true, force: true });
    else if (Date.now() > deadline) throw new Error(`Timed out waiting for ${lockDir}; delete it if no build runs.`);
    else Atomics.wait(sleeper, 0, 0, 200);
  }
  try {
    writeFileSync(join(lockDir, 'pid'), String(process.pid));
    return fn();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

/** A lock is stale when its owner has exited, or when it has recorded no owner for a while. */
function isStale(directory) {
  let pid = Number.NaN;
  try {
    pid = Number.parseInt(readFileSync(join(directory, 'pid'), 'utf8'), 10);
  } catch {
    // Not written yet, or the lock is gone.
  }
  if (Number.isNaN(pid)) {
    try {
      return Date.now() - statSync(directory).mtimeMs > 10_000;
    } catch {
      return false;
    }
  }
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return error.code === 'ESRCH';
  }
}
