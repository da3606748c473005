import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { PluginDiscoveryError, discoverPackages } from 'plugboard';
import { pluginModule, removeTempDirs, tempDir, useTestRegistry, writeFiles } from './plugin-files.js';

afterEach(removeTempDirs);

/** A project whose package.json lists `dependencies`. */
function project(dependencies: Record<string, string>, devDependencies: Record<string, string> = {}): string {
  const root = tempDir();
  writeFiles(root, {
    'package.json': JSON.stringify({ name: 'app', type: 'module', dependencies, devDependencies }),
  });
  return root;
}

/** An installed package in `root`/node_modules with a package.json (`extra` merged in) and files. */
function installed(root: string, name: string, extra: object, files: Record<string, string> = {}): void {
  const dir = path.join(root, 'node_modules', name);
  writeFiles(dir, {
    'package.json': JSON.stringify({ name, version: '1.2.3', type: 'module', ...extra }),
    ...files,
  });
}

describe(discoverPackages.name, () => {
  it('imports the plugin modules that installed dependencies declare in their package.json', async () => {
    const registry = useTestRegistry();
    const root = project({ 'plugboard-plugin-tpu': '^1.0.0', lodash: '^4.0.0' }, { 'plugboard-plugin-xla': '^1.0.0' });
    installed(
      root,
      'plugboard-plugin-tpu',
      { plugboard: { plugins: ['./dist/*.js'] } },
      {
        'dist/tpu.js': pluginModule('TpuStrategy', "{ alias: 'tpu', kind: 'strategy' }"),
        'src/tpu.ts': 'not declared, not imported',
      },
    );
    installed(
      root,
      'plugboard-plugin-xla',
      { plugboard: { plugins: ['dist/*.js'] } },
      {
        'dist/xla.js': pluginModule('XlaPrecision', "{ alias: 'xla-bf16', kind: 'precision' }"),
      },
    );
    installed(root, 'lodash', {});
    installed(
      root,
      'not-a-dependency',
      { plugboard: { plugins: ['*.js'] } },
      {
        'index.js': pluginModule('Stray', "{ alias: 'stray' }"),
      },
    );

    const report = await discoverPackages({ cwd: root, registry });

    expect(report.modules.map((module) => [module.module, module.plugins])).toEqual([
      ['plugboard-plugin-tpu/dist/tpu.js', [{ alias: 'tpu', exportName: 'TpuStrategy' }]],
      ['plugboard-plugin-xla/dist/xla.js', [{ alias: 'xla-bf16', exportName: 'XlaPrecision' }]],
    ]);
    expect(report.sources).toEqual([
      {
        cwd: path.join(root, 'node_modules/plugboard-plugin-tpu'),
        patterns: ['./dist/*.js'],
        package: { name: 'plugboard-plugin-tpu', version: '1.2.3' },
      },
      {
        cwd: path.join(root, 'node_modules/plugboard-plugin-xla'),
        patterns: ['dist/*.js'],
        package: { name: 'plugboard-plugin-xla', version: '1.2.3' },
      },
    ]);
    expect(report.errors).toEqual([]);
    expect(registry.availablePlugins()).toEqual(['tpu', 'xla-bf16']);
  });

  it('refuses a package entry that points outside the package, and still imports the other packages', async () => {
    const registry = useTestRegistry();
    const root = project({ 'evil-plugin': '1.0.0', 'plugboard-plugin-tpu': '1.0.0' });
    writeFiles(root, { 'secrets/steal.js': pluginModule('Steal', "{ alias: 'steal' }") });
    installed(root, 'evil-plugin', { plugboard: { plugins: ['../../secrets/*.js'] } });
    installed(
      root,
      'plugboard-plugin-tpu',
      { plugboard: { plugins: ['dist/*.js'] } },
      {
        'dist/tpu.js': pluginModule('TpuStrategy', "{ alias: 'tpu' }"),
      },
    );

    const report = await discoverPackages({ cwd: root, registry });

    const dir = path.join(root, 'node_modules/evil-plugin');
    expect(report.errors).toEqual([{ module: 'evil-plugin', file: dir, error: expect.any(PluginDiscoveryError) }]);
    expect((report.errors[0]?.error as Error).message).toBe(
      `Package "evil-plugin" declares plugin module "../../secrets/*.js", which points outside the package ("${dir}"); ` +
        'none of its modules were imported. A package may only declare its own files.',
    );
    expect(registry.loadErrors().map((failure) => failure.module)).toEqual(['evil-plugin']);
    expect(registry.availablePlugins()).toEqual(['tpu']);
  });

  it('refuses a package whose declared file is a symlink to a file outside it', async () => {
    const registry = useTestRegistry();
    const root = project({ 'sneaky-plugin': '1.0.0' });
    writeFiles(root, { 'secrets/steal.js': pluginModule('Steal', "{ alias: 'steal' }") });
    installed(root, 'sneaky-plugin', { plugboard: { plugins: ['plugins/*.js'] } });
    mkdirSync(path.join(root, 'node_modules/sneaky-plugin/plugins'));
    symlinkSync(path.join(root, 'secrets/steal.js'), path.join(root, 'node_modules/sneaky-plugin/plugins/steal.js'));

    const report = await discoverPackages({ cwd: root, registry });

    expect(report.errors).toEqual([
      {
        module: 'sneaky-plugin',
        file: path.join(root, 'node_modules/sneaky-plugin'),
        error: expect.objectContaining({ code: 'PLUGIN_DISCOVERY_FAILED', path: 'plugins/steal.js' }),
      },
    ]);
    expect(registry.availablePlugins()).toEqual([]);
  });

  it('follows a symlinked package (npm link, pnpm) to its real folder', async () => {
    const registry = useTestRegistry();
    const root = project({ 'linked-plugin': '1.0.0' });
    writeFiles(root, {
      'packages/linked-plugin/package.json': JSON.stringify({
        name: 'linked-plugin',
        version: '2.0.0',
        plugboard: { plugins: ['*.js'] },
      }),
      'packages/linked-plugin/linked.js': pluginModule('Linked', "{ alias: 'linked' }"),
    });
    mkdirSync(path.join(root, 'node_modules'));
    symlinkSync(path.join(root, 'packages/linked-plugin'), path.join(root, 'node_modules/linked-plugin'));

    const report = await discoverPackages({ cwd: root, registry });

    expect(report.modules.map((module) => [module.module, module.file])).toEqual([
      ['linked-plugin/linked.js', path.join(root, 'packages/linked-plugin/linked.js')],
    ]);
  });

  it('reports a malformed "plugboard" field and a package whose patterns match no file', async () => {
    const registry = useTestRegistry();
    const root = project({ 'bad-field': '1.0.0', unbuilt: '1.0.0' });
    installed(root, 'bad-field', { plugboard: { plugins: 'dist/*.js' } });
    installed(root, 'unbuilt', { plugboard: { plugins: ['dist/*.js'] } });

    const report = await discoverPackages({ cwd: root, registry });

    expect(report.errors.map((failure) => (failure.error as Error).message)).toEqual([
      'The "plugboard" field in the package.json of package "bad-field" must look like { "plugins": ["./dist/plugins/*.js"] }: ' +
        'a list of glob patterns of plugin modules, relative to the package.',
      'Package "unbuilt" declares plugin modules "dist/*.js", but no file matches. Is the package built? ' +
        'Reinstall it, or fix the "plugboard" field in its package.json.',
    ]);
  });

  it('says where it looked when the project has no package.json', async () => {
    const root = tempDir();
    const nowhere = path.join(root, 'no-project');
    mkdirSync(nowhere);

    await expect(discoverPackages({ cwd: nowhere, registry: useTestRegistry() })).rejects.toMatchObject({
      code: 'PLUGIN_DISCOVERY_FAILED',
      message:
        `No readable package.json in "${nowhere}": plugin packages are found among the dependencies it lists. ` +
        'Run the command in the project folder, or pass the folder that has the package.json.',
    });
  });
});

// GitHub issue 27: packages are found as Node resolves them, and "nothing found" always says why.
describe(`${discoverPackages.name} finds packages as Node resolves them`, () => {
  it('finds a package whose "exports" hide its package.json, installed in a parent folder', async () => {
    const registry = useTestRegistry();
    const root = tempDir();
    const app = path.join(root, 'packages/app');
    writeFiles(app, { 'package.json': JSON.stringify({ name: 'app', dependencies: { 'plugin-hidden': '^1.0.0' } }) });
    installed(
      root,
      'plugin-hidden',
      { exports: { '.': './index.js' }, plugboard: { plugins: ['plugins/*.js'] } },
      { 'index.js': 'export {};\n', 'plugins/a.js': pluginModule('Hidden', "{ alias: 'hidden' }") },
    );

    const report = await discoverPackages({ cwd: app, registry });

    expect(report.errors).toEqual([]);
    expect(registry.availablePlugins()).toEqual(['hidden']);
  });

  it('reports a runtime dependency that is not installed instead of finding nothing', async () => {
    const registry = useTestRegistry();
    const root = project({ 'plugin-not-installed': '^1.0.0', lodash: '^4.0.0' }, { jest: '^30.0.0' });
    installed(root, 'lodash', {});

    const report = await discoverPackages({ cwd: root, registry });

    expect(report.errors.map((failure) => [failure.module, (failure.error as Error).message])).toEqual([
      [
        'plugin-not-installed',
        `Dependency "plugin-not-installed" of "${root}" could not be found from the project, so it was not searched ` +
          "for plugins. Is it installed? Run your package manager's install in the project.",
      ],
    ]);
    expect(report.errors[0]?.error).toBeInstanceOf(PluginDiscoveryError);
  });

  it("says that a Yarn Plug'n'Play project must be run under Yarn when none of its packages can be found", async () => {
    const registry = useTestRegistry();
    const root = project({}, { 'plugin-not-installed': '^1.0.0' });
    writeFiles(root, { '.pnp.cjs': '// written by Yarn\n' });

    const report = await discoverPackages({ cwd: root, registry });

    expect(report.errors.map((failure) => (failure.error as Error).message)).toEqual([
      `None of the 1 dependencies listed in the package.json of "${root}" could be found from the project, so no ` +
        "package was searched for plugins. The project is installed with Yarn Plug'n'Play (it has a .pnp.cjs), " +
        'whose packages only a process running under it can resolve: run the program through Yarn ' +
        '(`yarn node main.js`, `yarn plugboard list`).',
    ]);
  });
});
