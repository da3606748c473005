import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { PluginDiscoveryError, UnknownPluginError, discover } from 'plugboard';
import { pluginModule, removeTempDirs, tempDir, useTestRegistry, writeFiles } from './plugin-files.js';

afterEach(removeTempDirs);

describe(discover.name, () => {
  it('imports every module that matches, in path order, and reports the plugins each registered', async () => {
    const registry = useTestRegistry();
    const root = tempDir();
    writeFiles(root, {
      'plugins/ddp.js': pluginModule('DdpStrategy', "{ alias: 'ddp', kind: 'strategy' }"),
      'plugins/deepspeed.js': pluginModule(
        'DeepSpeedStrategy',
        "{ alias: 'deepspeed', kind: 'strategy', params: { stage: 2 } }",
        "{ alias: 'deepspeed_zero_3_offload', kind: 'strategy', params: { stage: 3 } }",
      ),
      'plugins/notes.md': '# not a module',
      'plugins/types.d.ts': 'export {};',
    });

    const report = await discover('plugins/*', { root, registry });

    expect(report.modules).toEqual([
      {
        file: path.join(root, 'plugins/ddp.js'),
        module: 'plugins/ddp.js',
        plugins: [{ alias: 'ddp', exportName: 'DdpStrategy' }],
      },
      {
        file: path.join(root, 'plugins/deepspeed.js'),
        module: 'plugins/deepspeed.js',
        plugins: [
          { alias: 'deepspeed', exportName: 'DeepSpeedStrategy' },
          { alias: 'deepspeed_zero_3_offload', exportName: 'DeepSpeedStrategy' },
        ],
      },
    ]);
    expect(report.sources).toEqual([{ cwd: root, patterns: ['plugins/*'] }]);
    expect(report.errors).toEqual([]);
    expect(registry.availablePlugins()).toEqual(['ddp', 'deepspeed', 'deepspeed_zero_3_offload']);
  });

  it('records a module that fails to import, imports the others, and names it when an alias is missing', async () => {
    const registry = useTestRegistry();
    const root = tempDir();
    writeFiles(root, {
      'plugins/a-broken.js': "throw new Error('Cannot find the CUDA bindings');\n",
      'plugins/ddp.js': pluginModule('DdpStrategy', "{ alias: 'ddp', kind: 'strategy' }"),
    });

    const report = await discover(['plugins/*.js'], { root, registry });

    expect(report.modules.map((module) => module.module)).toEqual(['plugins/ddp.js']);
    expect(report.errors).toEqual([
      { module: 'plugins/a-broken.js', file: path.join(root, 'plugins/a-broken.js'), error: expect.any(Error) },
    ]);
    expect(registry.loadErrors().map((failure) => failure.module)).toEqual(['plugins/a-broken.js']);
    expect(registry.availablePlugins()).toEqual(['ddp']);
    const missing = (() => {
      try {
        return registry.get('deepspeed');
      } catch (error) {
        return error;
      }
    })();
    expect(missing).toBeInstanceOf(UnknownPluginError);
    expect((missing as Error).message).toBe(
      [
        'No plugin "deepspeed". Available: ddp.',
        '1 plugin module failed to load and may provide it:',
        '  plugins/a-broken.js: Cannot find the CUDA bindings',
      ].join('\n'),
    );
  });

  it('refuses a file outside the root, importing nothing', async () => {
    const registry = useTestRegistry();
    const project = tempDir();
    const root = path.join(project, 'app');
    writeFiles(project, {
      'app/plugins/ddp.js': pluginModule('DdpStrategy', "{ alias: 'ddp' }"),
      'shared/fsdp.js': pluginModule('FsdpStrategy', "{ alias: 'fsdp' }"),
    });

    const discovery = discover(['plugins/*.js', '../shared/*.js'], { root, registry });

    await expect(discovery).rejects.toThrow(PluginDiscoveryError);
    await expect(discovery).rejects.toMatchObject({
      code: 'PLUGIN_DISCOVERY_FAILED',
      message:
        `Plugin module "${path.join(project, 'shared/fsdp.js')}" is outside the folder plugins may be loaded from ` +
        `("${root}"); nothing was imported. Move the file into that folder, or pass a root that contains it.`,
    });
    expect(registry.availablePlugins()).toEqual([]);
  });

  it('refuses a symlink inside the root that leads outside it', async () => {
    const registry = useTestRegistry();
    const project = tempDir();
    const root = path.join(project, 'app');
    writeFiles(project, { 'elsewhere/fsdp.js': pluginModule('FsdpStrategy', "{ alias: 'fsdp' }") });
    mkdirSync(path.join(root, 'plugins'), { recursive: true });
    symlinkSync(path.join(project, 'elsewhere/fsdp.js'), path.join(root, 'plugins/fsdp.js'));

    await expect(discover('plugins/*.js', { root, registry })).rejects.toMatchObject({
      code: 'PLUGIN_DISCOVERY_FAILED',
      path: path.join(root, 'plugins/fsdp.js'),
      root,
    });
    expect(registry.availablePlugins()).toEqual([]);
  });

  it('takes patterns relative to cwd and checks files against root', async () => {
    const registry = useTestRegistry();
    const root = tempDir();
    writeFiles(root, { 'dist/plugins/ddp.js': pluginModule('DdpStrategy', "{ alias: 'ddp' }") });

    const report = await discover('plugins/*.js', { cwd: path.join(root, 'dist'), root, registry });

    expect(report.modules.map((module) => module.module)).toEqual(['plugins/ddp.js']);
  });

  it('skips node_modules folders unless a pattern names them', async () => {
    const registry = useTestRegistry();
    const root = tempDir();
    writeFiles(root, {
      'plugins/ddp.js': pluginModule('DdpStrategy', "{ alias: 'ddp' }"),
      'plugins/node_modules/dep/index.js': pluginModule('Dep', "{ alias: 'dep' }"),
    });

    const report = await discover('plugins/**/*.js', { root, registry });

    expect(report.modules.map((module) => module.module)).toEqual(['plugins/ddp.js']);
  });

  it('credits a plugin to the module that registers it, also when another plugin module imports that one', async () => {
    const registry = useTestRegistry();
    const root = tempDir();
    writeFiles(root, {
      'plugins/all.js': `import './ddp.js';\n${pluginModule('FsdpStrategy', "{ alias: 'fsdp' }")}`,
      'plugins/ddp.js': pluginModule('DdpStrategy', "{ alias: 'ddp' }"),
    });

    const report = await discover('plugins/*.js', { root, registry });

    expect(report.modules.map((module) => [module.module, module.plugins.map((plugin) => plugin.alias)])).toEqual([
      ['plugins/all.js', ['fsdp']],
      ['plugins/ddp.js', ['ddp']],
    ]);
  });

  it('credits a module imported before with the plugins it registered then', async () => {
    const registry = useTestRegistry();
    const root = tempDir();
    writeFiles(root, { 'plugins/ddp.js': pluginModule('DdpStrategy', "{ alias: 'ddp' }") });
    await discover('plugins/*.js', { root, registry });

    // The module is not evaluated again; its registrations are found by where they were made.
    const again = await discover('plugins/*.js', { root, registry });

    expect(again.modules).toEqual([
      {
        file: path.join(root, 'plugins/ddp.js'),
        module: 'plugins/ddp.js',
        plugins: [{ alias: 'ddp', exportName: 'DdpStrategy' }],
      },
    ]);
  });

  it('warns about a module that was imported but registered nothing into the registry (issue 27)', async () => {
    const registry = useTestRegistry();
    const root = tempDir();
    writeFiles(root, {
      'plugins/ddp.js': pluginModule('DdpStrategy', "{ alias: 'ddp', kind: 'strategy' }"),
      // Registers into a registry of its own: discover's registry never sees it.
      'plugins/elsewhere.js':
        'const PluginRegistry = globalThis.plugboardTestRegistry.constructor;\n' +
        "export class Elsewhere {}\nnew PluginRegistry().register(Elsewhere, { alias: 'elsewhere' });\n",
    });

    const withRegistry = await discover('plugins/*.js', { root, registry });

    expect(withRegistry.warnings).toEqual([
      'plugins/elsewhere.js registered no plugin (does it register into another registry than the registry given ' +
        'to discover()?)',
    ]);
    expect(withRegistry.errors).toEqual([]);
  });
});
