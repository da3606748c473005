import { afterEach, describe, expect, it } from '@jest/globals';
import path from 'node:path';
import {
  PluginDiscoveryError,
  PluginIncompatibleError,
  PluginRegistrationError,
  PluginRegistry,
  discoverPackages,
} from 'plugboard';
import { importedModules, pluginModule, removeTempDirs, tempDir, useTestRegistry, writeFiles } from './plugin-files.js';

// GitHub issue 24 (host compatibility): a plugin package says which host versions it supports, in npm's own way;
// discovery into a registry with a `host` skips (without importing) a package made for other versions.
afterEach(removeTempDirs);

/** A project that depends on plugin packages, each `[name, package.json fields]`, one plugin module each. */
function projectWith(...packages: [name: string, fields: object][]): string {
  const root = tempDir();
  writeFiles(root, {
    'package.json': JSON.stringify({
      name: 'app',
      type: 'module',
      dependencies: Object.fromEntries(packages.map(([name]) => [name, '^1.0.0'])),
    }),
  });
  for (const [name, fields] of packages) {
    const className = name.replace(/(?:^|-)(\w)/g, (_, c: string) => c.toUpperCase());
    writeFiles(path.join(root, 'node_modules', name), {
      'package.json': JSON.stringify({ name, version: '1.0.0', type: 'module', ...fields }),
      'plugin.js': pluginModule(className, `{ alias: ${JSON.stringify(name)} }`),
    });
  }
  return root;
}

const plugins = { plugins: ['plugin.js'] };

describe('PluginRegistry host', () => {
  it.each([
    [null, 'got null'],
    [{ name: '', version: '1.0.0' }, 'name is ""'],
    [{ name: 'trainer', version: 2 }, 'version is number 2'],
    [{ name: 'trainer', version: 'two' }, 'version "two" is not a semantic version such as "2.1.0"'],
  ])('refuses host %j with a PluginRegistrationError', (host, why) => {
    expect(() => new PluginRegistry({ host } as never)).toThrow(
      new PluginRegistrationError(
        'new PluginRegistry(options): host must be { name: string, version: string } with a semantic version ' +
          `(as package.json has them); ${why}.`,
      ),
    );
  });

  it('refuses a host whose getter throws, keeping the cause', () => {
    const host = {
      name: 'trainer',
      get version(): string {
        throw new Error('boom');
      },
    };

    expect(() => new PluginRegistry({ host })).toThrow(/reading it threw: boom\.$/);
  });
});

describe(`${discoverPackages.name} with a host`, () => {
  it('skips a package whose peerDependencies range excludes the host version, without importing it', async () => {
    const registry = useTestRegistry({ host: { name: 'trainer', version: '2.1.0' } });
    const root = projectWith(
      ['plugin-new', { peerDependencies: { trainer: '^2.0.0' }, plugboard: plugins }],
      ['plugin-old', { peerDependencies: { trainer: '^1.0.0' }, plugboard: plugins }],
      ['plugin-any', { plugboard: plugins }],
    );

    const report = await discoverPackages({ cwd: root, registry });

    expect(importedModules()).toEqual(['PluginAny', 'PluginNew']);
    expect(registry.availablePlugins()).toEqual(['plugin-any', 'plugin-new']);
    expect(report.errors).toEqual([
      {
        module: 'plugin-old',
        file: path.join(root, 'node_modules/plugin-old'),
        error: expect.any(PluginIncompatibleError),
      },
    ]);
    const error = report.errors[0]?.error as PluginIncompatibleError;
    expect(error.message).toBe(
      'Plugin package "plugin-old" "1.0.0" supports "trainer" "^1.0.0", not version "2.1.0"; it was not loaded. ' +
        'Install a version of the package made for "trainer" "2.1.0", or pass { allowIncompatible: true } ' +
        '(--allow-incompatible) to load it anyway.',
    );
    expect(error).toMatchObject({
      code: 'PLUGIN_INCOMPATIBLE',
      packageName: 'plugin-old',
      packageVersion: '1.0.0',
      range: '^1.0.0',
      host: { name: 'trainer', version: '2.1.0' },
    });
    expect(registry.loadErrors()).toEqual([{ module: 'plugin-old', error }]);
  });

  it('reads the range from the "plugboard" field for a host that is not an npm package', async () => {
    const registry = useTestRegistry({ host: { name: 'my-studio', version: '3.0.0' } });
    const root = projectWith(
      ['plugin-fits', { plugboard: { ...plugins, hosts: { 'my-studio': '>=3' } } }],
      ['plugin-old', { plugboard: { ...plugins, hosts: { 'my-studio': '2.x' } } }],
    );

    const report = await discoverPackages({ cwd: root, registry });

    expect(importedModules()).toEqual(['PluginFits']);
    expect(report.errors.map((failure) => failure.error)).toEqual([expect.any(PluginIncompatibleError)]);
  });

  it.each([
    ['*', '3.0.0-beta.1', true],
    ['', '3.0.0-beta.1', true],
    ['^2.0.0', '3.0.0-beta.1', false],
    ['>=3.0.0-beta.0', '3.0.0-beta.1', true],
    ['^2.0.0', '2.5.0', true],
    ['>=2 <3', '3.0.0', false],
  ])('matches range %j against host version %s as npm does: %s', async (range, version, loads) => {
    const registry = useTestRegistry({ host: { name: 'trainer', version } });
    const root = projectWith(['plugin-x', { peerDependencies: { trainer: range }, plugboard: plugins }]);

    const report = await discoverPackages({ cwd: root, registry });

    expect(importedModules()).toEqual(loads ? ['PluginX'] : []);
    expect(report.errors).toHaveLength(loads ? 0 : 1);
  });

  it('loads an incompatible package when asked to with allowIncompatible', async () => {
    const registry = useTestRegistry({ host: { name: 'trainer', version: '2.0.0' } });
    const root = projectWith(['plugin-old', { peerDependencies: { trainer: '^1.0.0' }, plugboard: plugins }]);

    const report = await discoverPackages({ cwd: root, registry, allowIncompatible: true });

    expect(report.errors).toEqual([]);
    expect(registry.availablePlugins()).toEqual(['plugin-old']);
  });

  it('checks nothing for a registry without a host', async () => {
    const registry = useTestRegistry();
    const root = projectWith(['plugin-old', { peerDependencies: { trainer: '^1.0.0' }, plugboard: plugins }]);

    const report = await discoverPackages({ cwd: root, registry });

    expect(report.errors).toEqual([]);
    expect(importedModules()).toEqual(['PluginOld']);
  });

  it('refuses a range that is not semver, and a malformed "hosts" field, importing nothing of either', async () => {
    const registry = useTestRegistry({ host: { name: 'trainer', version: '2.0.0' } });
    const root = projectWith(
      ['plugin-bad-range', { peerDependencies: { trainer: 'latest please' }, plugboard: plugins }],
      ['plugin-bad-hosts', { plugboard: { ...plugins, hosts: ['trainer'] } }],
    );

    const report = await discoverPackages({ cwd: root, registry });

    expect(importedModules()).toEqual([]);
    expect(report.errors.map((failure) => (failure.error as Error).message)).toEqual([
      'The "hosts" in the "plugboard" field of package "plugin-bad-hosts" must look like { "my-app": "^2.0.0" }: ' +
        'semver ranges by host name. None of its modules were imported.',
      'Package "plugin-bad-range" declares the versions of "trainer" it supports as "latest please", which is not a ' +
        'semver range; none of its modules were imported. Fix the range in its package.json.',
    ]);
    expect(report.errors.map((failure) => failure.error)).toEqual([
      expect.any(PluginDiscoveryError),
      expect.any(PluginDiscoveryError),
    ]);
  });

  it('checks against the host option instead, for plugins that register into a registry without a host', async () => {
    const registry = useTestRegistry();
    const root = projectWith(
      ['plugin-new', { peerDependencies: { trainer: '^2.0.0' }, plugboard: plugins }],
      ['plugin-old', { peerDependencies: { trainer: '^1.0.0' }, plugboard: plugins }],
    );

    const report = await discoverPackages({ cwd: root, registry, host: { name: 'trainer', version: '2.0.0' } });

    expect(importedModules()).toEqual(['PluginNew']);
    expect(report.errors.map(({ module, error }) => [module, (error as PluginIncompatibleError).code])).toEqual([
      ['plugin-old', 'PLUGIN_INCOMPATIBLE'],
    ]);
  });

  it('refuses a host option that is not { name, version }, importing nothing', async () => {
    useTestRegistry();
    const root = projectWith(['plugin-new', { plugboard: plugins }]);

    await expect(discoverPackages({ cwd: root, host: { name: 'trainer', version: 'next' } })).rejects.toThrow(
      new PluginRegistrationError(
        'discoverPackages(options): host must be { name: string, version: string } with a semantic version ' +
          '(as package.json has them); version "next" is not a semantic version such as "2.1.0".',
      ),
    );
    expect(importedModules()).toEqual([]);
  });

  it('refuses allowIncompatible that is not a boolean', async () => {
    await expect(discoverPackages({ allowIncompatible: 'yes' as never })).rejects.toThrow(PluginDiscoveryError);
  });
});
