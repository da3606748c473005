import { afterEach, describe, expect, it } from '@jest/globals';
import path from 'node:path';
import {
  PluginError,
  checkManifest,
  createManifest,
  discover,
  discoverPackages,
  loadManifest,
  readManifest,
  writeManifest,
} from 'plugboard';
import { removeTempDirs, tempDir, useTestRegistry } from './plugin-files.js';

// Issue 12: a bad argument to a discovery or manifest function is a typed error, never a TypeError or a hang.
afterEach(removeTempDirs);

/** A value whose every property read throws, as a hostile options object. */
const throwingGetters = new Proxy(
  {},
  {
    get: () => {
      throw new Error('trap');
    },
    has: () => {
      throw new Error('trap');
    },
  },
);
const sparse: unknown[] = [];
sparse.length = 2 ** 32 - 1;

/** The code and message of the PluginError `run` throws or rejects with; fails the test for anything else. */
async function codeOf(run: () => unknown): Promise<string> {
  try {
    await run();
  } catch (error) {
    if (PluginError.is(error)) return `${error.code}: ${error.message}`;
    throw new Error(`expected a PluginError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected an error');
}

const cases: [string, () => unknown, RegExp][] = [
  [
    'discover([42])',
    () => discover([42] as unknown as string[]),
    /^PLUGIN_DISCOVERY_FAILED: discover(Packages)?\(.*(patterns|options) must be /,
  ],
  [
    'discover(42)',
    () => discover(42 as unknown as string),
    /^PLUGIN_DISCOVERY_FAILED: discover(Packages)?\(.*(patterns|options) must be /,
  ],
  ['discover([])', () => discover([]), /^PLUGIN_DISCOVERY_FAILED: discover(Packages)?\(.*(patterns|options) must be /],
  [
    "discover([''])",
    () => discover(['']),
    /^PLUGIN_DISCOVERY_FAILED: discover(Packages)?\(.*(patterns|options) must be /,
  ],
  [
    'discover([null])',
    () => discover([null] as unknown as string[]),
    /^PLUGIN_DISCOVERY_FAILED: discover(Packages)?\(.*(patterns|options) must be /,
  ],
  [
    'discover(a sparse array of 2^32 - 1)',
    () => discover(sparse as string[]),
    /^PLUGIN_DISCOVERY_FAILED: discover(Packages)?\(.*(patterns|options) must be /,
  ],
  [
    "discover('*.js', null)",
    () => discover('*.js', null as unknown as object),
    /^PLUGIN_DISCOVERY_FAILED: discover(Packages)?\(.*(patterns|options) must be /,
  ],
  [
    "discover('*.js', { registry: {} })",
    () => discover('*.js', { registry: {} as never }),
    /^PLUGIN_DISCOVERY_FAILED: discover(Packages)?\(.*(patterns|options) must be /,
  ],
  [
    "discover('*.js', { cwd: 5 })",
    () => discover('*.js', { cwd: 5 as unknown as string }),
    /^PLUGIN_DISCOVERY_FAILED: discover(Packages)?\(.*(patterns|options) must be /,
  ],
  [
    "discover('*.js', { root: '' })",
    () => discover('*.js', { root: '' }),
    /^PLUGIN_DISCOVERY_FAILED: discover(Packages)?\(.*(patterns|options) must be /,
  ],
  [
    "discover('*.js', throwing getters)",
    () => discover('*.js', throwingGetters),
    /^PLUGIN_DISCOVERY_FAILED: discover(Packages)?\(.*(patterns|options) must be /,
  ],
  [
    'discoverPackages(null)',
    () => discoverPackages(null as unknown as object),
    /^PLUGIN_DISCOVERY_FAILED: discover(Packages)?\(.*(patterns|options) must be /,
  ],
  [
    "discoverPackages('.')",
    () => discoverPackages('.' as unknown as object),
    /^PLUGIN_DISCOVERY_FAILED: discover(Packages)?\(.*(patterns|options) must be /,
  ],
  [
    'discoverPackages({ cwd: [] })',
    () => discoverPackages({ cwd: [] as unknown as string }),
    /^PLUGIN_DISCOVERY_FAILED: discover(Packages)?\(.*(patterns|options) must be /,
  ],
  [
    'discoverPackages(throwing getters)',
    () => discoverPackages(throwingGetters),
    /^PLUGIN_DISCOVERY_FAILED: discover(Packages)?\(.*(patterns|options) must be /,
  ],
  [
    'writeManifest(5, report)',
    () => writeManifest(5 as unknown as string, emptyReport()),
    /^PLUGIN_INVALID_MANIFEST: (\w+\(.*(reports|options) must be|A plugin manifest is named by a file path)/,
  ],
  [
    "writeManifest('', report)",
    () => writeManifest('', emptyReport()),
    /^PLUGIN_INVALID_MANIFEST: (\w+\(.*(reports|options) must be|A plugin manifest is named by a file path)/,
  ],
  [
    'writeManifest(file, null)',
    () => writeManifest(manifestFile(), null as never),
    /^PLUGIN_INVALID_MANIFEST: (\w+\(.*(reports|options) must be|A plugin manifest is named by a file path)/,
  ],
  [
    'writeManifest(file, [{}])',
    () => writeManifest(manifestFile(), [{}] as never),
    /^PLUGIN_INVALID_MANIFEST: (\w+\(.*(reports|options) must be|A plugin manifest is named by a file path)/,
  ],
  [
    'writeManifest(file, a report with a bad module)',
    () => writeManifest(manifestFile(), { sources: [], errors: [], modules: [5] } as never),
    /^PLUGIN_INVALID_MANIFEST: (\w+\(.*(reports|options) must be|A plugin manifest is named by a file path)/,
  ],
  [
    'writeManifest(file, report, { refresh: 5 })',
    () => writeManifest(manifestFile(), emptyReport(), { refresh: 5 as unknown as string }),
    /^PLUGIN_INVALID_MANIFEST: (\w+\(.*(reports|options) must be|A plugin manifest is named by a file path)/,
  ],
  [
    'createManifest(file, report, { registry: null })',
    () => createManifest(manifestFile(), emptyReport(), { registry: null as never }),
    /^PLUGIN_INVALID_MANIFEST: (\w+\(.*(reports|options) must be|A plugin manifest is named by a file path)/,
  ],
  [
    'loadManifest(5)',
    () => loadManifest(5 as unknown as string),
    /^PLUGIN_INVALID_MANIFEST: (\w+\(.*(reports|options) must be|A plugin manifest is named by a file path)/,
  ],
  [
    'loadManifest(undefined)',
    () => loadManifest(undefined as unknown as string),
    /^PLUGIN_INVALID_MANIFEST: (\w+\(.*(reports|options) must be|A plugin manifest is named by a file path)/,
  ],
  [
    'loadManifest(file, { root: 5 })',
    () => loadManifest(manifestFile(), { root: 5 as never }),
    /^PLUGIN_INVALID_MANIFEST: (\w+\(.*(reports|options) must be|A plugin manifest is named by a file path)/,
  ],
  [
    'loadManifest(file, { registry: {} })',
    () => loadManifest(manifestFile(), { registry: {} as never }),
    /^PLUGIN_INVALID_MANIFEST: (\w+\(.*(reports|options) must be|A plugin manifest is named by a file path)/,
  ],
  [
    'loadManifest(file, throwing getters)',
    () => loadManifest(manifestFile(), throwingGetters),
    /^PLUGIN_INVALID_MANIFEST: (\w+\(.*(reports|options) must be|A plugin manifest is named by a file path)/,
  ],
  [
    'readManifest(null)',
    () => readManifest(null as unknown as string),
    /^PLUGIN_INVALID_MANIFEST: (\w+\(.*(reports|options) must be|A plugin manifest is named by a file path)/,
  ],
  [
    "readManifest('a\\0b')",
    () => readManifest('a\0b'),
    /^PLUGIN_INVALID_MANIFEST: (\w+\(.*(reports|options) must be|A plugin manifest is named by a file path)/,
  ],
  [
    'checkManifest(null)',
    () => checkManifest(null as unknown as string),
    /^PLUGIN_INVALID_MANIFEST: (\w+\(.*(reports|options) must be|A plugin manifest is named by a file path)/,
  ],
  [
    'checkManifest(file, 5)',
    () => checkManifest(manifestFile(), 5 as never),
    /^PLUGIN_INVALID_MANIFEST: (\w+\(.*(reports|options) must be|A plugin manifest is named by a file path)/,
  ],
  [
    'checkManifest(file, { root: {} })',
    () => checkManifest(manifestFile(), { root: {} as never }),
    /^PLUGIN_INVALID_MANIFEST: (\w+\(.*(reports|options) must be|A plugin manifest is named by a file path)/,
  ],
];

function emptyReport(): { sources: never[]; modules: never[]; errors: never[] } {
  return { sources: [], modules: [], errors: [] };
}

function manifestFile(): string {
  return path.join(tempDir(), 'plugboard.manifest.json');
}

describe('issue 12: arguments of discover, discoverPackages and the manifest functions', () => {
  it.each(cases)('%s throws a typed error', async (_, run, code) => {
    useTestRegistry();

    await expect(codeOf(run)).resolves.toMatch(code);
  });

  it('says what it expected', async () => {
    await expect(discover([42] as unknown as string[])).rejects.toThrow(
      "discover(patterns, options): patterns must be a glob string or a list of 1 to 1000 non-empty glob strings (such as 'dist/plugins/*.js'), got number. Nothing was imported.",
    );
    await expect(discover('*.js', { registry: {} as never })).rejects.toThrow(
      'discover(patterns, options): options must be { cwd?: folder, root?: folder, registry?: registry }; registry is not a registry. Nothing was done.',
    );
  });
});
