import { afterEach, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { PluginError, PluginManifestError, createManifest, pluginsJsonSchema, readManifest } from 'plugboard';
import type { PluginManifest } from 'plugboard';
import { schemaCommand } from '../../src/cli/schema-command.js';
import { plugboardVersion } from '../../src/discovery/plugboard-version.js';
import { removeTempDirs, tempDir, writeFiles } from '../discovery/plugin-files.js';
import { thrown } from '../support/thrown.js';

// Review of issues 12 and 16: pluginsJsonSchema, manifestProblems, readReports and `plugboard schema --manifest`
// return or throw a PluginError with a code, never a TypeError or a hang.
afterEach(removeTempDirs);

const module = 'export {};\n';
const fingerprint = { size: module.length, sha256: createHash('sha256').update(module).digest('hex') };

/** A valid manifest object of one plugin, `ddp`, with `plugin` merged into its record and `top` into the manifest. */
function manifest(plugin: Record<string, unknown> = {}, top: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    manifestVersion: 1,
    generator: { name: 'plugboard', version: plugboardVersion() },
    refresh: 'npx plugboard manifest',
    sources: [{ cwd: '.', patterns: ['plugins/*.js'] }],
    files: { 'plugins/ddp.js': fingerprint },
    kinds: { strategy: { exclusive: true } },
    deprecations: [],
    plugins: [
      {
        alias: 'ddp',
        kind: 'strategy',
        params: {},
        scope: 'transient',
        module: 'plugins/ddp.js',
        className: 'DdpStrategy',
        hasSchema: false,
        hasRecommend: false,
        ...plugin,
      },
    ],
    ...top,
  };
}

const throwingProxy = (target: object): object =>
  new Proxy(target, {
    get: () => {
      throw new Error('trap');
    },
    has: () => {
      throw new Error('trap');
    },
    ownKeys: () => {
      throw new Error('trap');
    },
    getPrototypeOf: () => {
      throw new Error('trap');
    },
  });

/** The error `fn` throws, checked to be a PluginError with a code. */
function pluginError(fn: () => unknown): PluginError {
  const error = thrown<PluginError>(fn);
  expect(error).toBeInstanceOf(PluginError);
  expect(error.code).toMatch(/^PLUGIN_/);
  return error;
}

describe('review of issue 12/16: pluginsJsonSchema of a malformed manifest object', () => {
  const throwingGetter = manifest();
  Object.defineProperty(throwingGetter, 'plugins', {
    get: () => {
      throw new Error('getter');
    },
  });
  const cases: [string, unknown][] = [
    ['plugins: [null]', manifest({}, { plugins: [null] })],
    ['kinds: { a: null }', manifest({}, { kinds: { a: null } })],
    ['a plugin { alias: 5 }', manifest({ alias: 5 })],
    ['optionsJsonSchema: 5', manifest({ optionsJsonSchema: 5 })],
    ['a throwing getter', throwingGetter],
    ['a Proxy whose traps throw', throwingProxy(manifest())],
    ['plugins: new Array(2 ** 32 - 1)', manifest({}, { plugins: new Array(2 ** 32 - 1) })],
  ];

  it.each(cases)('%s: a PluginManifestError as readManifest throws', (_, value) => {
    const error = pluginError(() => pluginsJsonSchema(value as PluginManifest));

    expect(error).toBeInstanceOf(PluginManifestError);
    expect(error.message).toContain('is not a plugboard manifest this version reads');
  });

  it('still takes a well-formed manifest object', () => {
    expect(pluginsJsonSchema(manifest() as unknown as PluginManifest).title).toBe('plugins selection');
  });
});

describe('review of issue 12/16: pluginsJsonSchema options', () => {
  const cases: [string, unknown][] = [
    ['{ kind: 5 }', { kind: 5 }],
    ['{ kind: [5] }', { kind: [5] }],
    ['{ draft: 7 }', { draft: 7 }],
    ['{ config: "yes" }', { config: 'yes' }],
    ['{ configKey: 5 }', { configKey: 5 }],
    ['a Proxy whose traps throw', throwingProxy({})],
    ['{ kind: new Array(2 ** 32 - 1) }', { kind: new Array(2 ** 32 - 1) }],
  ];

  it.each(cases)('%s: a PluginSelectionError', (_, options) => {
    const error = pluginError(() => pluginsJsonSchema(manifest() as unknown as PluginManifest, options as never));

    expect(error.code).toBe('PLUGIN_INVALID_SELECTION');
    expect(error.message).toContain('pluginsJsonSchema(source, options): options must be');
  });

  it('still takes a kind, a list of kinds and a config key', () => {
    const source = manifest() as unknown as PluginManifest;

    expect(pluginsJsonSchema(source, { kind: 'strategy' }).title).toBe('plugins selection');
    expect(pluginsJsonSchema(source, { kind: ['strategy'], config: true, configKey: 'p' }).properties).toHaveProperty(
      'p',
    );
  });
});

describe('review of issue 12/16: requires and incompatibleWith in a manifest', () => {
  const cases: [string, Record<string, unknown>][] = [
    ['requires: { k: 5 }', { requires: { k: 5 } }],
    ['requires: 5', { requires: 5 }],
    ['requires: [5]', { requires: [5] }],
    ['incompatibleWith: { k: 5 }', { incompatibleWith: { k: 5 } }],
    ['incompatibleWith: [5]', { incompatibleWith: [5] }],
  ];

  it.each(cases)('%s: refused by readManifest and pluginsJsonSchema', (_, rules) => {
    const root = tempDir();
    writeFiles(root, {
      'plugins/ddp.js': module,
      'plugboard.manifest.json': JSON.stringify(manifest(rules)),
    });

    const read = pluginError(() => readManifest(path.join(root, 'plugboard.manifest.json')));
    const schema = pluginError(() => pluginsJsonSchema(manifest(rules) as unknown as PluginManifest));

    expect(read).toBeInstanceOf(PluginManifestError);
    expect(read.message).toContain('plugins[0] has rules registerLazy refuses');
    expect(schema).toBeInstanceOf(PluginManifestError);
  });

  it('still takes the rules registerLazy accepts', () => {
    const rules = { requires: { strategy: ['ddp'] }, incompatibleWith: ['ddp', { kind: 'strategy' }] };

    expect(() => pluginsJsonSchema(manifest(rules) as unknown as PluginManifest)).not.toThrow();
  });
});

describe('review of issue 12/16: createManifest reports', () => {
  const file = (): string => path.join(tempDir(), 'plugboard.manifest.json');
  const cases: [string, unknown][] = [
    ['modules: new Array(2 ** 32 - 1)', { sources: [], errors: [], modules: new Array(2 ** 32 - 1) }],
    ['a Proxy report', throwingProxy({ sources: [], errors: [], modules: [] })],
    [
      'a report whose modules getter throws',
      Object.defineProperty({ sources: [], errors: [] }, 'modules', {
        get: () => {
          throw new Error('getter');
        },
      }),
    ],
    ['a list of 2 ** 32 - 1 reports', new Array(2 ** 32 - 1)],
  ];

  it.each(cases)('%s: a PluginManifestError', async (_, report) => {
    const error = await createManifest(file(), report as never).then(
      () => undefined,
      (caught: unknown) => caught,
    );

    expect(error).toBeInstanceOf(PluginManifestError);
    expect((error as PluginError).message).toContain('reports must be what discover()');
  });
});

describe('review of issue 12/16: plugboard schema --manifest checks the manifest against --root', () => {
  it('takes a manifest in build/ whose modules lie in dist/, as list and doctor do', async () => {
    const root = tempDir();
    const inBuild = {
      ...manifest({ module: '../dist/ddp.js' }),
      sources: [{ cwd: '../dist', patterns: ['*.js'] }],
      files: { '../dist/ddp.js': fingerprint },
    };
    writeFiles(root, { 'dist/ddp.js': module, 'build/plugboard.manifest.json': JSON.stringify(inBuild) });
    const out: string[] = [];
    const err: string[] = [];
    let code = 0;
    const io = {
      stdout: { write: (text: string) => out.push(text) > 0, isTTY: false },
      stderr: { write: (text: string) => err.push(text) > 0, isTTY: false },
      cwd: root,
      env: {},
    };
    const command = schemaCommand({ io: io, exit: (exit) => (code = exit) });

    await command.parseAsync(['--manifest', 'build/plugboard.manifest.json', '--no-packages'], { from: 'user' });

    expect(err.join('')).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(out.join('')) as unknown).toHaveProperty('title', 'plugins selection');
  });
});
