import { afterAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PluginError, PluginRegistry, checkManifest, loadManifest, readManifest } from 'plugboard';
import { plugboardVersion } from '../../src/discovery/plugboard-version.js';
import { MAX_MESSAGE_LENGTH, SLOW_TEST_TIMEOUT, expectNoPollution } from './support.js';

// Issue 12: a manifest is data from anywhere. Whatever JSON any of its fields holds, reading, loading and checking
// it either works or throws a PluginError with a bounded message; a failed load registers nothing.

const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'plugboard-hostile-manifest-')));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const moduleText = 'module.exports = {};\n';
writeFileSync(path.join(dir, 'ddp.cjs'), moduleText);
const file = path.join(dir, 'plugboard.manifest.json');

function validManifest(): Record<string, unknown> {
  return {
    manifestVersion: 1,
    generator: { name: 'plugboard', version: plugboardVersion() },
    refresh: 'npx plugboard manifest',
    sources: [{ cwd: '.', patterns: ['*.cjs'] }],
    files: {
      'ddp.cjs': { size: moduleText.length, sha256: createHash('sha256').update(moduleText).digest('hex') },
    },
    kinds: { strategy: { exclusive: true } },
    deprecations: [{ alias: 'old_ddp', successor: 'ddp' }],
    plugins: [
      {
        alias: 'ddp',
        kind: 'strategy',
        scope: 'transient',
        module: 'ddp.cjs',
        className: 'DdpStrategy',
        hasSchema: false,
        hasRecommend: false,
      },
    ],
  };
}

const TOP = [
  'manifestVersion',
  'generator',
  'refresh',
  'sources',
  'files',
  'kinds',
  'deprecations',
  'plugins',
  'packagesOf',
];
const PLUGIN = ['alias', 'kind', 'description', 'recommendedWhen', 'params', 'scope', 'optionKeys', 'module'];
const PLUGIN_MORE = ['exportName', 'className', 'hasSchema', 'hasRecommend'];

/** JSON values of every type, with hostile strings and keys among them. */
const json = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(
    '',
    '..',
    '../ddp.cjs',
    '/etc/passwd',
    'ddp.json',
    '__proto__',
    'constructor',
    '\u001b[2J',
    'C:\\x.js',
  ),
  fc.dictionary(
    fc.constantFrom('__proto__', 'constructor', 'toString', 'ddp.cjs', '../x.cjs', 'a'),
    fc.jsonValue({ maxDepth: 2 }),
  ),
);

/** A change to the valid manifest: a top-level field, a plugin field, or an item of a list replaced. */
const change = fc.oneof(
  fc.record({ where: fc.constant('top' as const), key: fc.constantFrom(...TOP), value: json }),
  fc.record({ where: fc.constant('plugin' as const), key: fc.constantFrom(...PLUGIN, ...PLUGIN_MORE), value: json }),
  fc.record({
    where: fc.constantFrom('sources' as const, 'deprecations' as const, 'plugins' as const),
    key: fc.constant(''),
    value: json,
  }),
);

function apply(changes: readonly { where: string; key: string; value: unknown }[]): string {
  const manifest = validManifest();
  const plugin = (manifest.plugins as Record<string, unknown>[])[0] ?? {};
  for (const { where, key, value } of changes) {
    if (where === 'top') manifest[key] = value;
    else if (where === 'plugin') plugin[key] = value;
    else manifest[where] = [value];
  }
  // fast-check's dictionaries hold "__proto__" as an own key, so the file has it, as a hostile file would.
  return JSON.stringify(manifest);
}

async function outcome(run: () => unknown): Promise<'ok' | PluginError> {
  try {
    await run();
    return 'ok';
  } catch (error) {
    if (!PluginError.is(error)) throw error; // fails the property, showing the error
    return error;
  }
}

describe('issue 12: hostile manifests', () => {
  it(
    'read, load and check with a result or a PluginError, registering nothing when loading fails',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(change, { minLength: 1, maxLength: 3 }), async (changes) => {
          writeFileSync(file, apply(changes));
          const registry = new PluginRegistry();

          const results = [
            await outcome(() => readManifest(file)),
            await outcome(() => loadManifest(file, { registry })),
            await outcome(() => checkManifest(file)),
          ];

          for (const result of results) {
            if (result !== 'ok') expect(result.message.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
          }
          if (results[1] !== 'ok') expect(registry.list()).toEqual([]);
          expectNoPollution();
        }),
        { numRuns: 300 },
      );
    },
    SLOW_TEST_TIMEOUT,
  );
});
