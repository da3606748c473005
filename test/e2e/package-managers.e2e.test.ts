import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildPlugboard, makeTempDir, plainEnv, repoRoot, writeFiles } from '../cli/plugboard-package.js';

// GitHub issue 27 (installs and package managers) and issue 24 (host compatibility): an app installed by npm, pnpm
// or Yarn 4 (Plug'n'Play and node-modules linkers) finds the plugin packages among its dependencies through Node's
// own resolution, and a registry with a host skips the sample package made for another version of the trainer.
// The package managers are dev dependencies run with node (pnpm and @yarnpkg/cli-dist), so nothing global is
// needed; plugboard and the two sample packages are installed from tarballs packed here, the other packages from
// the registry, preferring each tool's cache, which the four apps share.
const timeout = 180_000;
const pnpm = path.join(repoRoot, 'node_modules/pnpm/bin/pnpm.cjs');
const yarn = path.join(repoRoot, 'node_modules/@yarnpkg/cli-dist/bin/yarn.js');

/** Reads the versions of what the app needs besides plugboard from this repository's own install. */
const versionOf = (name: string): string =>
  (JSON.parse(readFileSync(path.join(repoRoot, 'node_modules', name, 'package.json'), 'utf8')) as { version: string })
    .version;

/** What the app prints: the modules imported, the problems reported, and the plugins registered. */
const appMain = `import 'reflect-metadata';
import { PluginRegistry, discoverPackages, pluginsRegistry } from 'plugboard';

const trainer = new PluginRegistry({ host: { name: 'plugboard-trainer', version: '1.0.0' } });
const report = await discoverPackages({ registry: trainer });
console.log(JSON.stringify({
  modules: report.modules.map((module) => module.module),
  errors: report.errors.map(({ module, error }) => ({ module, code: error.code, range: error.range })),
  plugins: pluginsRegistry.availablePlugins(),
}));
`;

const expected = {
  modules: ['plugboard-plugin-tpu/plugins/tpu-strategy.js', 'plugboard-plugin-tpu/plugins/xla-precision.js'],
  errors: [{ module: 'plugboard-plugin-legacy', code: 'PLUGIN_INCOMPATIBLE', range: '^0.9.0' }],
  plugins: ['tpu', 'tpu_spmd', 'xla-bf16'],
};

let work: { dir: string; remove: () => void } | undefined;
/** The built plugboard package (JavaScript only) the tarballs are packed from. */
let built = '';
let tarballs = '';
/** The version of the plugboard package being installed (what its command prints for --version). */
const { version } = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };

/** Runs `node <args>` in `cwd`; throws with the output if it fails. */
function node(args: readonly string[], cwd: string, env: Record<string, string> = {}): string {
  const result = spawnSync(process.execPath, args, {
    cwd,
    encoding: 'utf8',
    env: plainEnv({ ...env, npm_config_update_notifier: 'false' }),
    timeout,
  });
  if (result.status !== 0) {
    throw new Error(`node ${args.join(' ')} failed in ${cwd}:\n${result.stdout}${result.stderr}`);
  }
  return result.stdout;
}

/** Packs `dir` (a package folder) into the tarballs folder; returns the tarball's file name. */
function pack(dir: string): string {
  const npm = spawnSync('npm', ['pack', dir, '--ignore-scripts', '--json', '--pack-destination', tarballs], {
    cwd: tarballs,
    encoding: 'utf8',
  });
  if (npm.status !== 0) throw new Error(`npm pack ${dir} failed:\n${npm.stderr}`);
  return (JSON.parse(npm.stdout) as { filename: string }[])[0]?.filename ?? '';
}

let packed: Record<string, string> = {};

/** A scratch app in `<work>/<name>` that depends on plugboard and both sample packages, with `files` added. */
function scratchApp(name: string, files: Record<string, string> = {}): string {
  const app = path.join(work?.dir ?? '', name);
  const file = (tarball: string): string => `file:../tarballs/${tarball}`;
  writeFiles(app, {
    'package.json': JSON.stringify({
      name: `${name}-app`,
      version: '1.0.0',
      private: true,
      type: 'module',
      dependencies: {
        inversify: versionOf('inversify'),
        plugboard: file(packed.plugboard ?? ''),
        'plugboard-plugin-legacy': file(packed.legacy ?? ''),
        'plugboard-plugin-tpu': file(packed.tpu ?? ''),
        'reflect-metadata': versionOf('reflect-metadata'),
      },
    }),
    'main.js': appMain,
    ...files,
  });
  return app;
}

const registry = (): string => {
  const result = spawnSync('npm', ['config', 'get', 'registry'], { encoding: 'utf8' });
  return result.stdout.trim() || 'https://registry.npmjs.org/';
};

beforeAll(() => {
  work = makeTempDir('plugboard-package-managers');
  tarballs = path.join(work.dir, 'tarballs');
  mkdirSync(tarballs);
  packed = {
    plugboard: pack((built = buildPlugboard(work.dir))),
    tpu: pack(path.join(repoRoot, 'samples/third-party-plugin')),
    legacy: pack(path.join(repoRoot, 'samples/legacy-plugin')),
  };
}, timeout);

afterAll(() => work?.remove());

describe('discoverPackages in apps installed by each package manager', () => {
  it(
    'npm',
    () => {
      const app = scratchApp('npm');
      const install = spawnSync(
        'npm',
        ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock'],
        { cwd: app, encoding: 'utf8', env: plainEnv(), timeout },
      );
      if (install.status !== 0) throw new Error(`npm install failed:\n${install.stdout}${install.stderr}`);

      expect(JSON.parse(node(['main.js'], app))).toEqual(expected);
    },
    timeout,
  );

  it(
    'the command reports the incompatible package in list, doctor and manifest, and loads it when allowed',
    () => {
      const app = path.join(work?.dir ?? '', 'npm');
      writeFiles(app, {
        'registry.js':
          "import { PluginRegistry } from 'plugboard';\n" +
          "export const trainer = new PluginRegistry({ host: { name: 'plugboard-trainer', version: '1.0.0' } });\n",
      });
      // The command as npx runs it: the bin npm linked (issue 28: the package's bin is dist/cli/main.js).
      const plugboard = (...args: string[]): ReturnType<typeof spawnSync> =>
        spawnSync(path.join(app, 'node_modules/.bin/plugboard'), [...args, '--registry', './registry.js#trainer'], {
          cwd: app,
          encoding: 'utf8',
          env: plainEnv({ NO_COLOR: '1' }),
          timeout,
        });
      const warning =
        'warning: plugin package "plugboard-plugin-legacy" "0.4.0" supports "plugboard-trainer" "^0.9.0", not ' +
        '"1.0.0": not loaded (--allow-incompatible loads it).\n';

      const list = plugboard('list');
      const doctor = plugboard('doctor');
      const manifest = plugboard('manifest', 'plugboard.manifest.json', '--allow-empty');
      const allowed = plugboard('list', '--allow-incompatible');

      // The sample packages register into pluginsRegistry, so the command also notes that they registered nothing
      // into ./registry.js#trainer.
      expect(list.status).toBe(1);
      expect(list.stderr).toContain(warning);
      expect(doctor.status).toBe(1);
      expect(doctor.stdout).toContain(
        '✖ incompatible: plugboard-plugin-legacy: Plugin package "plugboard-plugin-legacy" "0.4.0" supports ' +
          '"plugboard-trainer" "^0.9.0", not version "1.0.0"; it was not loaded.',
      );
      expect(manifest.status).not.toBe(0);
      expect(manifest.stderr).toContain('plugboard-plugin-legacy: Plugin package "plugboard-plugin-legacy"');
      expect(allowed.stderr).not.toContain('supports "plugboard-trainer"');
      expect(allowed.stderr).toContain('plugboard-plugin-legacy/plugins/averaged-weights.js registered no plugin');
    },
    timeout,
  );

  it(
    'pnpm',
    () => {
      const app = scratchApp('pnpm');
      const store = path.join(work?.dir ?? '', 'pnpm-store');
      node(
        [
          pnpm,
          'install',
          '--prefer-offline',
          '--ignore-scripts',
          '--no-frozen-lockfile',
          `--store-dir=${store}`,
          `--registry=${registry()}`,
          '--reporter=silent',
        ],
        app,
      );

      expect(JSON.parse(node(['main.js'], app))).toEqual(expected);
      // Issue 28: the command pnpm links (a shell shim to dist/cli/main.js) runs.
      const command = spawnSync(path.join(app, 'node_modules/.bin/plugboard'), ['--version'], {
        cwd: app,
        encoding: 'utf8',
        env: plainEnv(),
      });
      expect([command.status, command.stdout]).toEqual([0, `${version}\n`]);
    },
    timeout,
  );

  for (const linker of ['pnp', 'node-modules']) {
    it(
      `Yarn 4 (nodeLinker: ${linker})`,
      () => {
        const app = scratchApp(`yarn-${linker}`, {
          '.yarnrc.yml': [
            `nodeLinker: ${linker}`,
            `npmRegistryServer: ${JSON.stringify(registry().replace(/\/$/, ''))}`,
            `globalFolder: ${JSON.stringify(path.join(work?.dir ?? '', 'yarn-global'))}`,
            'enableGlobalCache: true',
            'enableImmutableInstalls: false',
            'enableTelemetry: false',
            'enableScripts: false',
            '',
          ].join('\n'),
          'yarn.lock': '',
        });
        node([yarn, 'install', '--mode=skip-build'], app, { YARN_ENABLE_PROGRESS_BARS: 'false' });

        // Under Plug'n'Play the packages are in zip archives that only a process running under Yarn can read.
        const output = linker === 'pnp' ? node([yarn, 'node', 'main.js'], app) : node(['main.js'], app);

        expect(JSON.parse(output)).toEqual(expected);
        // Issue 28: the package's bin as Yarn runs it.
        expect(node([yarn, 'plugboard', '--version'], app, { YARN_ENABLE_PROGRESS_BARS: 'false' })).toBe(
          `${version}\n`,
        );
      },
      timeout,
    );
  }

  it(
    "reports why it found nothing in a Plug'n'Play app run without Yarn",
    () => {
      const app = path.join(work?.dir ?? '', 'yarn-pnp');
      const script = `import { discoverPackages } from '${path.join(built, 'dist/registry.js')}';
const report = await discoverPackages();
console.log(JSON.stringify(report.errors.map(({ module, error }) => [module, error.code, error.message])));
`;
      writeFiles(app, { 'outside.mjs': script });

      const errors = JSON.parse(node(['outside.mjs'], app)) as [string, string, string][];

      expect(errors.map(([module, code]) => [module, code])).toEqual([
        ['inversify', 'PLUGIN_DISCOVERY_FAILED'],
        ['plugboard', 'PLUGIN_DISCOVERY_FAILED'],
        ['plugboard-plugin-legacy', 'PLUGIN_DISCOVERY_FAILED'],
        ['plugboard-plugin-tpu', 'PLUGIN_DISCOVERY_FAILED'],
        ['reflect-metadata', 'PLUGIN_DISCOVERY_FAILED'],
      ]);
      expect(errors[3]?.[2]).toContain("The project is installed with Yarn Plug'n'Play (it has a .pnp.cjs)");
    },
    timeout,
  );
});
