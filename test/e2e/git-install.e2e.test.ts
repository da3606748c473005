import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { makeTempDir, plainEnv, repoRoot, writeFiles } from '../cli/plugboard-package.js';

// GitHub issue 27: `npm install git+https://…` (the README's second install route) installed a package without
// dist/, because npm prepares a git dependency by running its `prepare` script, not `prepack`. Here a clone of this
// repository is installed with `npm install git+file://<clone>` in a scratch app, which must get a built package.
// npm installs the clone's devDependencies before running `prepare`; all of them (test runners, three TypeScript
// versions, vite) take minutes to unpack, so the clone keeps only those the build uses. Its scripts are this
// checkout's, which is what the test is about.
const timeout = 240_000;
/** The devDependencies `npm run build` needs: the bundler, the compiler and its types, API Extractor, the peers. */
const buildDependencies = [
  '@microsoft/api-extractor',
  '@types/node',
  '@types/semver',
  'esbuild',
  'inversify',
  'reflect-metadata',
  'tsyringe',
  'typescript',
];

let work: { dir: string; remove: () => void } | undefined;
let app = '';
let install: ReturnType<typeof spawnSync> | undefined;

function git(args: readonly string[], cwd: string): void {
  const result = spawnSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', ...args], {
    cwd,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed:\n${result.stderr}`);
}

beforeAll(() => {
  work = makeTempDir('plugboard-git-install');
  const clone = path.join(work.dir, 'clone');
  git(['clone', '--quiet', '--no-hardlinks', repoRoot, clone], work.dir);
  const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
    devDependencies: Record<string, string>;
  };
  manifest.devDependencies = Object.fromEntries(
    Object.entries(manifest.devDependencies).filter(([name]) => buildDependencies.includes(name)),
  );
  writeFileSync(path.join(clone, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  git(['rm', '--quiet', '--cached', 'package-lock.json'], clone);
  git(['commit', '--quiet', '--all', '--message', 'only the build dependencies'], clone);
  app = path.join(work.dir, 'app');
  writeFiles(app, { 'package.json': JSON.stringify({ name: 'app', version: '1.0.0', private: true, type: 'module' }) });
  install = spawnSync('npm', ['install', `git+file://${clone}`, '--prefer-offline', '--no-audit', '--no-fund'], {
    cwd: app,
    encoding: 'utf8',
    // The clone's own install (npm runs it for the git dependency) inherits these settings from the environment.
    env: plainEnv({ npm_config_prefer_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false' }),
    timeout,
  });
}, timeout);

afterAll(() => work?.remove());

describe('npm install git+file://<clone>', () => {
  it('builds the package: dist/ with its entry points and rolled-up types', () => {
    expect(install?.status).toBe(0);
    const installed = path.join(app, 'node_modules/plugboard');

    expect(
      ['dist/index.js', 'dist/registry.js', 'dist/index.d.ts', 'dist/plugboard.d.ts', 'dist/cli/main.js'].filter(
        (file) => !existsSync(path.join(installed, file)),
      ),
    ).toEqual([]);
  });

  it('gives a package that imports and runs its command', () => {
    const imported = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', "const m = await import('plugboard'); console.log(typeof m.PluginRegistry);"],
      { cwd: app, encoding: 'utf8', env: plainEnv() },
    );
    // The command as npx runs it: the bin npm linked (issue 28: the package's bin is dist/cli/main.js).
    const command = spawnSync(path.join(app, 'node_modules/.bin/plugboard'), ['--version'], {
      cwd: app,
      encoding: 'utf8',
      env: plainEnv(),
    });

    expect(imported.stderr).toBe('');
    expect(imported.stdout).toBe('function\n');
    expect(command.stdout).toBe('0.1.0\n');
  });
});
