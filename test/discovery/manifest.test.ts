import { afterEach, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  PluginManifestError,
  PluginResolver,
  checkManifest,
  createPluginContainer,
  discover,
  discoverPackages,
  loadManifest,
  readManifest,
  writeManifest,
  type PluginRegistry,
} from 'plugboard';
import { plugboardVersion } from '../../src/discovery/plugboard-version.js';
import { internals } from '../../src/registry/registry-internals.js';
import {
  commonJsPluginModule,
  importedModules,
  pluginModule,
  removeTempDirs,
  tempDir,
  useTestRegistry,
  writeFiles,
} from './plugin-files.js';

afterEach(removeTempDirs);

const ddp = commonJsPluginModule(
  'DdpStrategy',
  "{ alias: 'ddp', kind: 'strategy', description: 'Distributed data parallel', recommendedWhen: 'several GPUs', " +
    "optionKeys: ['workers'], params: { workers: 2 }, recommend: (env) => env.gpus > 1 }",
);
const deepspeed = commonJsPluginModule(
  'DeepSpeedStrategy',
  "{ alias: 'deepspeed', kind: 'strategy', params: { stage: 2 }, scope: 'singleton' }",
  "{ alias: 'deepspeed_zero_3_offload', kind: 'strategy', params: { stage: 3, offload: { optimizer: true } } }",
);

/** A project with two plugin modules, discovered into a fresh registry, and its manifest written. */
async function writtenProject(): Promise<{ root: string; registry: PluginRegistry; file: string }> {
  const registry = useTestRegistry();
  const root = tempDir();
  writeFiles(root, { 'plugins/ddp.cjs': ddp, 'plugins/deepspeed.cjs': deepspeed });
  registry.defineKind('strategy', { exclusive: true });
  const report = await discover('plugins/*.cjs', { root, registry });
  registry.deprecate('deepspeed_stage_3_offload', 'deepspeed_zero_3_offload');
  const file = path.join(root, 'plugboard.manifest.json');
  await writeManifest(file, report, { registry, refresh: 'npm run manifest' });
  return { root, registry, file };
}

/** A copy of a project in a new folder: its modules were never imported, as in a new process. */
function copyOf(root: string): string {
  const copy = tempDir();
  cpSync(root, copy, { recursive: true });
  return copy;
}

function sha256Of(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

describe(writeManifest.name, () => {
  it('writes every plugin with its module relative to the manifest, a fingerprint of each file, and its version', async () => {
    const { file } = await writtenProject();

    const written: unknown = JSON.parse(readFileSync(file, 'utf8'));

    expect(written).toEqual({
      manifestVersion: 1,
      generator: { name: 'plugboard', version: plugboardVersion() },
      refresh: 'npm run manifest',
      sources: [{ cwd: '.', patterns: ['plugins/*.cjs'] }],
      files: {
        'plugins/ddp.cjs': { size: Buffer.byteLength(ddp), sha256: sha256Of(ddp) },
        'plugins/deepspeed.cjs': { size: Buffer.byteLength(deepspeed), sha256: sha256Of(deepspeed) },
      },
      kinds: { strategy: { exclusive: true } },
      deprecations: [{ alias: 'deepspeed_stage_3_offload', successor: 'deepspeed_zero_3_offload' }],
      plugins: [
        {
          alias: 'ddp',
          kind: 'strategy',
          description: 'Distributed data parallel',
          recommendedWhen: 'several GPUs',
          params: { workers: 2 },
          scope: 'transient',
          optionKeys: ['workers'],
          module: 'plugins/ddp.cjs',
          exportName: 'DdpStrategy',
          className: 'DdpStrategy',
          hasSchema: false,
          hasRecommend: true,
        },
        {
          alias: 'deepspeed',
          kind: 'strategy',
          params: { stage: 2 },
          scope: 'singleton',
          module: 'plugins/deepspeed.cjs',
          exportName: 'DeepSpeedStrategy',
          className: 'DeepSpeedStrategy',
          hasSchema: false,
          hasRecommend: false,
        },
        {
          alias: 'deepspeed_zero_3_offload',
          kind: 'strategy',
          params: { stage: 3, offload: { optimizer: true } },
          scope: 'transient',
          module: 'plugins/deepspeed.cjs',
          exportName: 'DeepSpeedStrategy',
          className: 'DeepSpeedStrategy',
          hasSchema: false,
          hasRecommend: false,
        },
      ],
    });
    expect(readManifest(file)).toEqual(written);
  });

  it('refuses params that JSON cannot hold, naming each place', async () => {
    const registry = useTestRegistry();
    const root = tempDir();
    writeFiles(root, {
      'plugins/odd.js': pluginModule(
        'OddStrategy',
        "{ alias: 'odd', params: { onStep: () => 1, started: new Date(0), ratio: Infinity, tags: ['a', undefined] } }",
      ),
    });
    const report = await discover('plugins/*.js', { root, registry });
    const file = path.join(root, 'plugboard.manifest.json');

    await expect(writeManifest(file, report, { registry })).rejects.toMatchObject({
      code: 'PLUGIN_INVALID_MANIFEST',
      message: [
        `Cannot write "${file}": a manifest holds plugin params as JSON, and these are not:`,
        '  plugin "odd": params.onStep is a function, which JSON cannot hold',
        '  plugin "odd": params.started is a Date instance, which JSON cannot hold',
        '  plugin "odd": params.ratio is Infinity, which JSON cannot hold',
        '  plugin "odd": params.tags[1] is undefined, which JSON cannot hold',
        'Use plain objects, arrays, strings, finite numbers, booleans and null in params, or leave the plugin out of the manifest.',
      ].join('\n'),
    });
  });

  it('refuses to write a manifest that would lack the plugins of a module that failed to load', async () => {
    const registry = useTestRegistry();
    const root = tempDir();
    writeFiles(root, { 'plugins/broken.js': "throw new Error('no CUDA');\n" });
    const report = await discover('plugins/*.js', { root, registry });

    await expect(writeManifest(path.join(root, 'm.json'), report, { registry })).rejects.toThrow(
      /1 plugin module failed to load, and the manifest would lack their plugins:\n {2}plugins\/broken\.js: no CUDA\n/,
    );
  });
});

describe(loadManifest.name, () => {
  it('lists, describes and recommends from the manifest without importing a plugin module', async () => {
    const { root } = await writtenProject();
    const copy = copyOf(root);
    const registry = useTestRegistry();

    const loaded = loadManifest(path.join(copy, 'plugboard.manifest.json'), { registry });

    expect(registry.availablePlugins({ withDescriptions: true })).toEqual([
      'ddp: Distributed data parallel',
      'deepspeed',
      'deepspeed_zero_3_offload',
    ]);
    expect(registry.get('deepspeed_zero_3_offload')).toMatchObject({
      params: { stage: 3, offload: { optimizer: true } },
    });
    expect(registry.get('ddp').optionKeys).toEqual(['workers']);
    expect(internals(registry).kindOptions('strategy')).toMatchObject({ exclusive: true, required: false });
    expect(registry.deprecations()).toMatchObject([{ alias: 'deepspeed_stage_3_offload' }]);
    // A recommend() predicate is a function, which the manifest cannot hold: it is named, not asked.
    expect(registry.recommend({ gpus: 4 })).toEqual([]);
    expect(loaded.predicates).toEqual(['ddp']);
    expect(importedModules()).toEqual([]);
  });

  it("imports a plugin's module on the first resolve of one of its aliases, and uses the class it registers", async () => {
    const { root } = await writtenProject();
    const copy = copyOf(root);
    const registry = useTestRegistry();
    loadManifest(path.join(copy, 'plugboard.manifest.json'), { registry });
    const resolver = createPluginContainer({ registry }).get(PluginResolver);

    const strategy = resolver.resolve('deepspeed_zero_3_offload', { stage: 2 });

    expect(strategy).toMatchObject({ options: { stage: 2 } });
    expect((strategy as object).constructor.name).toBe('DeepSpeedStrategy');
    // The module registered both of its aliases for real; ddp's module is still not imported.
    expect(importedModules()).toEqual(['DeepSpeedStrategy']);
    expect(registry.get('deepspeed').target.name).toBe('DeepSpeedStrategy');
    expect(resolver.resolve('ddp')).toMatchObject({ options: { workers: 2 } });
    expect(importedModules()).toEqual(['DeepSpeedStrategy', 'DdpStrategy']);
    // Once its module is loaded, the plugin's recommend() predicate is asked.
    expect(registry.recommend({ gpus: 4 }).map((r) => r.alias)).toEqual(['ddp']);
  });

  it('removes its entries when disposed', async () => {
    const { root } = await writtenProject();
    const registry = useTestRegistry();

    {
      using _loaded = loadManifest(path.join(copyOf(root), 'plugboard.manifest.json'), { registry });
      expect(registry.availablePlugins()).toHaveLength(3);
    }

    expect(registry.availablePlugins()).toEqual([]);
    expect(registry.deprecations()).toEqual([]);
  });

  it('refuses a file that is not a manifest this version reads', () => {
    const root = tempDir();
    const file = path.join(root, 'plugboard.manifest.json');
    writeFileSync(file, JSON.stringify({ manifestVersion: 99 }));

    expect(() => loadManifest(file, { registry: useTestRegistry() })).toThrow(PluginManifestError);
    expect(() => readManifest(file)).toThrow(
      `"${file}" is not a plugboard manifest this version reads (format 1):\n  manifestVersion is 99, not 1\n` +
        'Write it again with "npx plugboard manifest".',
    );
    expect(() => readManifest(path.join(root, 'missing.json'))).toThrow(
      `No plugin manifest at "${path.join(root, 'missing.json')}". Write one with "npx plugboard manifest".`,
    );
  });
});

describe(checkManifest.name, () => {
  it('finds a manifest fresh when no plugin file changed', async () => {
    const { file } = await writtenProject();

    await expect(checkManifest(file)).resolves.toMatchObject({
      fresh: true,
      message: '"plugboard.manifest.json" is up to date.',
    });
  });

  it('reports plugin files changed, added and removed since, with the command that refreshes it', async () => {
    const { root, file } = await writtenProject();
    writeFileSync(path.join(root, 'plugins/ddp.cjs'), `${ddp}// edited\n`);
    rmSync(path.join(root, 'plugins/deepspeed.cjs'));
    writeFiles(root, { 'plugins/fsdp.cjs': commonJsPluginModule('Fsdp', "{ alias: 'fsdp' }") });

    const check = await checkManifest(file);

    expect(check).toMatchObject({
      fresh: false,
      changed: ['plugins/ddp.cjs'],
      added: ['plugins/fsdp.cjs'],
      removed: ['plugins/deepspeed.cjs'],
      refresh: 'npm run manifest',
    });
    expect(check.message).toBe(
      '"plugboard.manifest.json" is stale (changed: plugins/ddp.cjs; added: plugins/fsdp.cjs; ' +
        'removed: plugins/deepspeed.cjs). Run "npm run manifest" to refresh it.',
    );
  });

  it('reports a plugin package installed since the manifest was written', async () => {
    const registry = useTestRegistry();
    const root = tempDir();
    writeFiles(root, { 'package.json': JSON.stringify({ type: 'module', dependencies: { 'plugin-a': '1.0.0' } }) });
    const install = (name: string): void => {
      writeFiles(path.join(root, 'node_modules', name), {
        'package.json': JSON.stringify({ name, version: '1.0.0', type: 'module', plugboard: { plugins: ['*.js'] } }),
        'index.js': pluginModule(name === 'plugin-a' ? 'A' : 'B', `{ alias: '${name}' }`),
      });
    };
    install('plugin-a');
    const file = path.join(root, 'plugboard.manifest.json');
    await writeManifest(file, await discoverPackages({ cwd: root, registry }), { registry, packagesOf: root });
    expect(readManifest(file).files).toHaveProperty(['node_modules/plugin-a/index.js']);
    writeFiles(root, {
      'package.json': JSON.stringify({ type: 'module', dependencies: { 'plugin-a': '1.0.0', 'plugin-b': '1.0.0' } }),
    });
    install('plugin-b');

    await expect(checkManifest(file)).resolves.toMatchObject({
      fresh: false,
      packagesAdded: ['plugin-b'],
      added: [],
      message:
        '"plugboard.manifest.json" is stale (plugin packages installed since: plugin-b). ' +
        'Run "npx plugboard manifest" to refresh it.',
    });
  });
});
