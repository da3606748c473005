import { afterEach, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { EDITOR_KEYWORDS } from './agreement.js';
import { PluginManifestError, pluginsJsonSchema, readManifest } from 'plugboard';
import { plugboardVersion } from '../../src/discovery/plugboard-version.js';
import { removeTempDirs, tempDir, writeFiles } from '../discovery/plugin-files.js';
import { thrown } from '../support/thrown.js';

// Issue 16: a manifest records each plugin schema's JSON Schema, so pluginsJsonSchema(manifest) imports nothing.
afterEach(removeTempDirs);

/** A plugin module that fails if it is ever imported. */
const module = "throw new Error('imported');\n";

const workers = { type: 'object', properties: { workers: { type: 'integer', minimum: 1 } }, required: ['workers'] };

/** A manifest file of one plugin, `ddp`, with `plugin` merged into its record; its path. */
function manifestFile(plugin: Record<string, unknown>): string {
  const root = tempDir();
  const manifest = {
    manifestVersion: 1,
    generator: { name: 'plugboard', version: plugboardVersion() },
    refresh: 'npx plugboard manifest',
    sources: [{ cwd: '.', patterns: ['plugins/*.js'] }],
    files: {
      'plugins/ddp.js': { size: module.length, sha256: createHash('sha256').update(module).digest('hex') },
    },
    kinds: { strategy: { exclusive: true } },
    deprecations: [],
    plugins: [
      {
        alias: 'ddp',
        kind: 'strategy',
        params: { workers: 2 },
        scope: 'transient',
        module: 'plugins/ddp.js',
        className: 'DdpStrategy',
        hasSchema: true,
        hasRecommend: false,
        ...plugin,
      },
    ],
  };
  writeFiles(root, { 'plugins/ddp.js': module, 'plugboard.manifest.json': JSON.stringify(manifest) });
  return path.join(root, 'plugboard.manifest.json');
}

describe('pluginsJsonSchema of a manifest', () => {
  it("takes each plugin's options from the JSON Schema the manifest recorded, importing nothing", () => {
    const file = manifestFile({ optionsJsonSchema: { '2020-12': workers, '07': workers } });

    const ajv = new Ajv2020({ strict: true });
    ajv.addVocabulary([...EDITOR_KEYWORDS]);
    const validate = ajv.compile(pluginsJsonSchema(readManifest(file)));

    expect(validate([{ alias: 'ddp', options: {} }])).toBe(true);
    expect(validate([{ alias: 'ddp', options: { workers: 0 } }])).toBe(false);
    expect(validate(['ddp', 'ddp'])).toBe(false);
  });

  it('leaves the options open, saying why, when the manifest lacks them or recorded that there are none', () => {
    const older = pluginsJsonSchema(readManifest(manifestFile({})));
    const none = pluginsJsonSchema(readManifest(manifestFile({ optionsJsonSchema: { unavailable: 'its x schema' } })));

    expect((older.$defs as Record<string, { description: string }>)['options.ddp']?.description).toContain(
      'Not checked here: the manifest does not hold its JSON Schema (write it again)',
    );
    expect((none.$defs as Record<string, { description: string }>)['options.ddp']?.description).toContain(
      'Not checked here: its x schema;',
    );
  });

  it('refuses a manifest whose optionsJsonSchema is malformed, with a PluginManifestError', () => {
    const error = thrown<PluginManifestError>(() =>
      readManifest(manifestFile({ optionsJsonSchema: { '2020-12': 1 } })),
    );

    expect(error).toBeInstanceOf(PluginManifestError);
    expect(error.message).toContain('has an optionsJsonSchema that is not { "2020-12": {...}, "07": {...} }');
  });
});
