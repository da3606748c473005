import { afterAll, describe, expect, it } from '@jest/globals';
import { cpSync } from 'node:fs';
import path from 'node:path';
import {
  PluginCreationError,
  PluginManifestError,
  PluginResolver,
  createPluginContainer,
  discover,
  loadManifest,
  writeManifest,
} from 'plugboard';
import { thrown } from '../support/thrown.js';
import { pluginModule, removeTempDirs, tempDir, useTestRegistry, writeFiles } from './plugin-files.js';

// Issue 13: a manifest entry's module is loaded with require() on first resolve, and jest's module system on
// Node 20 cannot require() an ES module. The error says what to do; doing it (importing first) works.
afterAll(removeTempDirs);

/** jest supports require() of an ES module from Node 24.9 on. */
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
const requireOfEsmFails = major < 24 || (major === 24 && minor < 9);

/** A manifest of one ES-module plugin, in a folder whose modules were never imported. */
async function manifestOfEsmPlugin(): Promise<string> {
  const root = tempDir();
  writeFiles(root, {
    'plugins/ddp.js': pluginModule('DdpStrategy', "{ alias: 'ddp', kind: 'strategy', params: { workers: 2 } }"),
  });
  const registry = useTestRegistry();
  const report = await discover('plugins/*.js', { root, registry });
  await writeManifest(path.join(root, 'plugboard.manifest.json'), report, { registry });
  const copy = tempDir();
  cpSync(root, copy, { recursive: true });
  return copy;
}

describe(`${loadManifest.name} under jest (issue 13)`, () => {
  (requireOfEsmFails ? it : it.skip)(
    'explains, pointing at the docs, when jest cannot require() an ES plugin module',
    async () => {
      const copy = await manifestOfEsmPlugin();
      const registry = useTestRegistry();
      loadManifest(path.join(copy, 'plugboard.manifest.json'), { registry });
      const resolver = createPluginContainer({ registry }).get(PluginResolver);

      const error = thrown(() => resolver.resolve('ddp'));

      expect(error).toBeInstanceOf(PluginCreationError);
      expect(error.cause).toBeInstanceOf(PluginManifestError);
      expect(error.message).toBe(
        'Could not create plugin "ddp" -> plugins/ddp.js. Cause: Plugin module "plugins/ddp.js" is an ES module, ' +
          "which require() cannot load here (jest's module system on Node before 24.9 cannot). Import it before " +
          `the first resolve, in a beforeAll: \`await discover(["plugins/ddp.js"], { cwd: "${copy}", registry })\`, ` +
          'with the registry given to loadManifest (docs/testing.md, "Manifests under jest").',
      );
    },
  );

  it('resolves once the plugin modules were imported first with the call the error gives (issue 27)', async () => {
    const copy = await manifestOfEsmPlugin();
    const registry = useTestRegistry();
    loadManifest(path.join(copy, 'plugboard.manifest.json'), { registry });
    await discover(['plugins/ddp.js'], { cwd: copy, registry });

    const ddp = createPluginContainer({ registry }).get(PluginResolver).resolve('ddp', { workers: 4 });

    expect(ddp).toMatchObject({ options: { workers: 4 } });
    expect((ddp as object).constructor.name).toBe('DdpStrategy');
  });
});
