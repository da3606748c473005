import { afterEach, describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  PluginManifestError,
  PluginRegistry,
  checkPluginSelection,
  discover,
  loadManifest,
  readManifest,
  writeManifest,
} from 'plugboard';
import {
  commonJsPluginModule,
  importedModules,
  removeTempDirs,
  tempDir,
  useTestRegistry,
  writeFiles,
} from './plugin-files.js';
import { thrown } from '../support/thrown.js';

// Issue 24 (order): the manifest keeps order declarations, and a selection from it is ordered without importing.
afterEach(removeTempDirs);

const callbacks = commonJsPluginModule(
  'Callback',
  "{ alias: 'early_stopping', kind: 'callback' }",
  "{ alias: 'model_checkpoint', kind: 'callback', after: ['early_stopping'] }",
  "{ alias: 'lr_monitor', kind: 'callback', order: 'first', before: [{ kind: 'logger' }] }",
  "{ alias: 'wandb', kind: 'logger', secretOptions: ['token'] }",
);

async function written(): Promise<string> {
  const registry = useTestRegistry();
  const root = tempDir();
  writeFiles(root, { 'plugins/callbacks.cjs': callbacks });
  const report = await discover('plugins/*.cjs', { root, registry });
  const file = path.join(root, 'plugboard.manifest.json');
  await writeManifest(file, report, { registry });
  return file;
}

describe('order in the manifest', () => {
  it('writes order, before and after, and orders a selection from the manifest without importing its modules', async () => {
    const file = await written();
    const plugins = (JSON.parse(readFileSync(file, 'utf8')) as { plugins: Record<string, unknown>[] }).plugins;
    expect(plugins.map(({ alias, order, before, after }) => ({ alias, order, before, after }))).toEqual([
      { alias: 'early_stopping', order: undefined, before: undefined, after: undefined },
      { alias: 'lr_monitor', order: 'first', before: [{ kind: 'logger' }], after: undefined },
      { alias: 'model_checkpoint', order: undefined, before: undefined, after: ['early_stopping'] },
      { alias: 'wandb', order: undefined, before: undefined, after: undefined },
    ]);
    // Issue 25: the manifest keeps secretOptions, so a lock of a manifest entry fingerprints them without importing.
    expect(plugins.find((plugin) => plugin.alias === 'wandb')?.secretOptions).toEqual(['token']);

    useTestRegistry();
    const registry = new PluginRegistry();
    loadManifest(file, { registry });
    const order = checkPluginSelection('model_checkpoint, early_stopping, lr_monitor', registry);

    expect(order.map((plugin) => plugin.name)).toEqual(['lr_monitor', 'early_stopping', 'model_checkpoint']);
    expect(registry.get('lr_monitor').before).toEqual([{ kind: 'logger' }]);
    expect(registry.get('wandb').secretOptions).toEqual(['token']);
    expect(importedModules()).toEqual([]);
  });

  it('refuses a manifest whose order declarations registerLazy would refuse', async () => {
    const file = await written();
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as { plugins: Record<string, unknown>[] };
    const [first] = manifest.plugins;
    if (first) first.order = 'middle';
    writeFileSync(file, JSON.stringify(manifest));

    const error = thrown(() => readManifest(file));
    expect(error).toBeInstanceOf(PluginManifestError);
    expect(error.message).toContain(
      'plugins[0] has rules registerLazy refuses: Plugin "early_stopping": order must be "first" or "last", got "middle".',
    );
  });
});
