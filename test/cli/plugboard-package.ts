import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { oncePerRun } from '../../scripts/pack-consumer.mjs';

/**
 * The built `plugboard` command for the end-to-end tests: compiled once per test file into a temp folder laid out
 * as an installed package (package.json, bin/, dist/, node_modules linked to the repository's), so that the tests
 * run exactly what `npx plugboard` runs without racing other tests that build the repository's own dist/.
 */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** A temp folder (symlinks resolved), and a function that removes it. */
export function makeTempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), `${prefix}-`)));
  const remove = (): void => {
    rmSync(dir, { recursive: true, force: true });
  };
  return { dir, remove };
}

/**
 * Builds plugboard as `npm run build` does (JavaScript only); returns that package folder, which the tests only
 * read. Built once per jest run for every test file (see scripts/pack-consumer.mjs), else into
 * `<workDir>/plugboard`.
 */
export function buildPlugboard(workDir: string): string {
  const shared = oncePerRun('built', (folder) => buildInto(folder));
  return shared === undefined ? buildInto(workDir) : path.join(shared, 'plugboard');
}

/** Builds plugboard into `<workDir>/plugboard`; returns that package folder. */
function buildInto(workDir: string): string {
  const pkg = path.join(workDir, 'plugboard');
  const build = spawnSync(
    process.execPath,
    [path.join(repoRoot, 'scripts/build.mjs'), '--outdir', path.join(pkg, 'dist'), '--no-types'],
    { cwd: repoRoot, encoding: 'utf8' },
  );
  if (build.status !== 0) throw new Error(`the build failed:\n${build.stdout}${build.stderr}`);
  copyFileSync(path.join(repoRoot, 'package.json'), path.join(pkg, 'package.json'));
  symlinkSync(path.join(repoRoot, 'node_modules'), path.join(pkg, 'node_modules'), 'dir');
  return pkg;
}

/** The file the package's `bin` names for `plugboard`, as a package manager links it. */
export function packageBin(pkg: string): string {
  const manifest = JSON.parse(readFileSync(path.join(pkg, 'package.json'), 'utf8')) as { bin: { plugboard: string } };
  return path.join(pkg, manifest.bin.plugboard);
}

/** Writes `files` (path relative to `root` -> content), making folders as needed. */
export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }
}

/** Links `<project>/node_modules/<name>` to `target` (an installed copy of plugboard, tsx, ...). */
export function linkPackage(project: string, name: string, target: string): void {
  mkdirSync(path.join(project, 'node_modules'), { recursive: true });
  symlinkSync(target, path.join(project, 'node_modules', name), 'dir');
}

/** The environment of the command: this one without colour settings (jest's workers set FORCE_COLOR). */
export function plainEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && key !== 'FORCE_COLOR' && key !== 'NO_COLOR') env[key] = value;
  }
  return { ...env, ...extra };
}

/** Runs the package's bin (`node <pkg>/<bin.plugboard> ...args`) in `cwd`, as `npx plugboard` does. */
export function runPlugboard(
  pkg: string,
  args: readonly string[],
  options: { cwd: string; env?: Record<string, string>; nodeArgs?: readonly string[] },
): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [...(options.nodeArgs ?? []), packageBin(pkg), ...args], {
    cwd: options.cwd,
    encoding: 'utf8',
    env: options.env ?? plainEnv(),
    timeout: 30_000,
  });
}
