import { afterEach, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  PluginError,
  PluginResolver,
  checkManifest,
  createPluginContainer,
  loadManifest,
  readManifest,
  type PluginRegistry,
} from 'plugboard';
import { plugboardVersion } from '../../src/discovery/plugboard-version.js';
import { internals } from '../../src/registry/registry-internals.js';
import { commonJsPluginModule, removeTempDirs, tempDir, useTestRegistry, writeFiles } from './plugin-files.js';
import { thrown } from '../support/thrown.js';

// Issue 12: a manifest is data from anywhere. Reading it is bounded, every field is checked, and the modules it
// names are only imported from inside the folder it may load from.
afterEach(removeTempDirs);

const ddp = commonJsPluginModule('DdpStrategy', "{ alias: 'ddp', kind: 'strategy' }");

function fingerprint(text: string): { size: number; sha256: string } {
  return { size: Buffer.byteLength(text), sha256: createHash('sha256').update(text).digest('hex') };
}

/** A valid manifest of one plugin in `plugins/ddp.cjs`, with `change` applied on top. */
function manifestJson(change: Record<string, unknown> = {}, plugin: Record<string, unknown> = {}): string {
  return JSON.stringify({
    manifestVersion: 1,
    generator: { name: 'plugboard', version: plugboardVersion() },
    refresh: 'npx plugboard manifest',
    sources: [{ cwd: '.', patterns: ['plugins/*.cjs'] }],
    files: { 'plugins/ddp.cjs': fingerprint(ddp) },
    kinds: {},
    deprecations: [],
    plugins: [
      {
        alias: 'ddp',
        kind: 'strategy',
        scope: 'transient',
        module: 'plugins/ddp.cjs',
        exportName: 'DdpStrategy',
        className: 'DdpStrategy',
        hasSchema: false,
        hasRecommend: false,
        ...plugin,
      },
    ],
    ...change,
  });
}

/** A project folder with `plugins/ddp.cjs` and the manifest given (as text), and its path. */
function project(manifest: string, files: Record<string, string> = {}): { root: string; file: string } {
  const root = tempDir();
  writeFiles(root, { 'plugins/ddp.cjs': ddp, 'plugboard.manifest.json': manifest, ...files });
  return { root, file: path.join(root, 'plugboard.manifest.json') };
}

/** The error `run` throws (or rejects with); fails the test if it is not a PluginError. */
async function pluginErrorOf(run: () => unknown): Promise<PluginError> {
  let error: unknown;
  try {
    await run();
  } catch (caught) {
    error = caught;
  }
  if (!PluginError.is(error)) throw new Error(`expected a PluginError, got ${String(error)}`);
  return error;
}

/** Every way a manifest is read: readManifest, loadManifest (registering nothing) and checkManifest. */
async function everyReaderRefuses(file: string, registry: PluginRegistry, message: string | RegExp): Promise<void> {
  for (const read of [
    () => readManifest(file),
    () => loadManifest(file, { registry }),
    () => checkManifest(file),
  ] as const) {
    const error = await pluginErrorOf(read);
    expect(error.code).toBe('PLUGIN_INVALID_MANIFEST');
    expect(error.message).toMatch(message);
  }
  expect(registry.list()).toEqual([]);
}

describe('issue 12: plugin modules named by a manifest', () => {
  it('refuses an absolute module path, even one listed among the files', async () => {
    const outside = tempDir();
    writeFiles(outside, { 'evil.cjs': ddp });
    const evil = path.join(outside, 'evil.cjs');
    const { file } = project(manifestJson({ files: { [evil]: fingerprint(ddp) } }, { module: evil }));

    await everyReaderRefuses(file, useTestRegistry(), /which is not a relative path/);
  });

  it('refuses a module that is not one of the fingerprinted files, also for checkManifest', async () => {
    const { file } = project(manifestJson({}, { module: 'plugins/other.cjs' }), { 'plugins/other.cjs': ddp });

    await everyReaderRefuses(
      file,
      useTestRegistry(),
      /has module "plugins\/other.cjs", which is not one of the manifest's files/,
    );
  });

  it.each(['plugins/data.json', 'plugins/addon.node', 'plugins/types.d.ts', 'plugins/ddp'])(
    'refuses %s, which is not a JavaScript or TypeScript module',
    async (module) => {
      const { file } = project(manifestJson({ files: { [module]: fingerprint('{}') } }, { module }));

      await everyReaderRefuses(file, useTestRegistry(), /which is not a JavaScript or TypeScript module/);
    },
  );

  it('refuses a ../ module outside the manifest folder, registering nothing, unless a root contains it', () => {
    const parent = tempDir();
    const dir = path.join(parent, 'build');
    mkdirSync(dir);
    writeFiles(parent, { 'dist/ddp.cjs': ddp });
    const file = path.join(dir, 'plugboard.manifest.json');
    writeFileSync(
      file,
      manifestJson({ files: { '../dist/ddp.cjs': fingerprint(ddp) } }, { module: '../dist/ddp.cjs' }),
    );
    const registry = useTestRegistry();

    const error = thrown(() => loadManifest(file, { registry }));

    expect(error).toMatchObject({ code: 'PLUGIN_INVALID_MANIFEST' });
    expect(error.message).toContain('Plugin module "../dist/ddp.cjs" in');
    expect(error.message).toContain('lies outside the folder plugin modules may be loaded from');
    expect(registry.list()).toEqual([]);
    const loaded = loadManifest(file, { registry, root: parent });
    expect(createPluginContainer({ registry }).get(PluginResolver).resolve('ddp')).toBeDefined();
    loaded.dispose();
  });

  it('refuses a module reached through a symlink that leads out of the folder', () => {
    const outside = tempDir();
    writeFiles(outside, { 'evil.cjs': ddp });
    const { file, root } = project(
      manifestJson({ files: { 'plugins/link.cjs': fingerprint(ddp) } }, { module: 'plugins/link.cjs' }),
    );
    symlinkSync(path.join(outside, 'evil.cjs'), path.join(root, 'plugins/link.cjs'));
    const registry = useTestRegistry();

    expect(() => loadManifest(file, { registry })).toThrow(/Plugin module "plugins\/link.cjs" in .* lies outside/);
    expect(registry.list()).toEqual([]);
  });

  // Issue 17: real paths are looked up folder by folder (one lstat per file), so a symlinked folder is followed too.
  it('refuses a module in a folder that is a symlink leading out of the folder, and follows one that stays inside', () => {
    const outside = tempDir();
    writeFiles(outside, { 'evil.cjs': ddp });
    const { file, root } = project(
      manifestJson({ files: { 'linked/evil.cjs': fingerprint(ddp) } }, { module: 'linked/evil.cjs' }),
    );
    symlinkSync(outside, path.join(root, 'linked'));
    const { file: inside, root: insideRoot } = project(
      manifestJson({ files: { 'linked/ddp.cjs': fingerprint(ddp) } }, { module: 'linked/ddp.cjs' }),
    );
    symlinkSync(path.join(insideRoot, 'plugins'), path.join(insideRoot, 'linked'));
    const registry = useTestRegistry();

    expect(() => loadManifest(file, { registry })).toThrow(/Plugin module "linked\/evil.cjs" in .* lies outside/);
    expect(registry.list()).toEqual([]);
    const loaded = loadManifest(inside, { registry });
    expect(createPluginContainer({ registry }).get(PluginResolver).resolve('ddp')).toBeDefined();
    loaded.dispose();
  });

  it('checks the module again when it is imported: a symlink swapped in after loading is refused', () => {
    const outside = tempDir();
    writeFiles(outside, {
      'evil.cjs': commonJsPluginModule('Evil', "{ alias: 'ddp', kind: 'strategy', override: true }"),
    });
    const { file, root } = project(
      manifestJson({ files: { 'plugins/late.cjs': fingerprint(ddp) } }, { module: 'plugins/late.cjs' }),
    );
    const registry = useTestRegistry();
    loadManifest(file, { registry }); // plugins/late.cjs does not exist yet
    symlinkSync(path.join(outside, 'evil.cjs'), path.join(root, 'plugins/late.cjs'));

    const error = thrown(() => createPluginContainer({ registry }).get(PluginResolver).resolve('ddp'));

    expect(error).toMatchObject({ code: 'PLUGIN_CREATION_FAILED', cause: { code: 'PLUGIN_INVALID_MANIFEST' } });
  });

  it('does not show the install path when a module fails to import (Node\'s "Require stack": plugboard.e2e)', () => {
    const broken = "require('./missing-helper.cjs');\n";
    const { file, root } = project(
      manifestJson({ files: { 'plugins/broken.cjs': fingerprint(broken) } }, { module: 'plugins/broken.cjs' }),
      { 'plugins/broken.cjs': broken },
    );
    const registry = useTestRegistry();
    loadManifest(file, { registry });

    const error = thrown(() => createPluginContainer({ registry }).get(PluginResolver).resolve('ddp'));

    expect(error.message).toContain('Cannot import plugin module "plugins/broken.cjs": Cannot find module');
    expect(error).toMatchObject({ cause: { code: 'PLUGIN_INVALID_MANIFEST', cause: expect.any(Object) as unknown } });
    expect(error.message).not.toContain('Require stack');
    expect(error.message).not.toContain(root);
  });
});

describe('issue 12: load errors in look-up messages', () => {
  it('show the first line of the error, capped, without the "Require stack"', () => {
    const registry = useTestRegistry();
    const error = new Error(
      `Cannot find module './helper.cjs' ${'x'.repeat(200)}\nRequire stack:\n- /home/me/app/plugins/x.cjs`,
    );
    internals(registry).recordLoadError('plugins/x.cjs', error);

    const message = thrown(() => registry.get('ddp')).message;

    expect(message).toContain("  plugins/x.cjs: Cannot find module './helper.cjs' xxx");
    expect(message).not.toContain('Require stack');
    expect(message).not.toContain('/home/me');
    expect(message.length).toBeLessThan(300);
    expect(registry.loadErrors()).toEqual([{ module: 'plugins/x.cjs', error }]);
  });
});

describe('issue 12: reading a manifest', () => {
  it('refuses a device such as /dev/zero without reading it', async () => {
    const error = await pluginErrorOf(() => readManifest('/dev/zero'));

    expect(error.message).toBe(
      'The plugin manifest "/dev/zero" is not a regular file (a folder, device or pipe); it was not read.',
    );
    await expect(checkManifest('/dev/zero')).rejects.toMatchObject({ code: 'PLUGIN_INVALID_MANIFEST' });
  });

  it('refuses a folder', () => {
    expect(() => readManifest(tempDir())).toThrow('is not a regular file');
  });

  it('refuses a file larger than 16 MiB without reading it', () => {
    const { file } = project('');
    truncateSync(file, 16 * 1024 * 1024 + 1); // sparse: nothing is written

    expect(() => readManifest(file)).toThrow(/is larger than 16 MiB; it was not read/);
  });

  it('does not echo the content of a file that is not JSON', () => {
    const { file } = project('{ "token": "SECRET-42", \u001b]0;pwned\u0007 }');

    const error = thrown(() => readManifest(file));

    expect(error).toMatchObject({ code: 'PLUGIN_INVALID_MANIFEST' });
    expect(error.message).toMatch(/is not valid JSON/);
    expect(error.message).not.toContain('SECRET');
    expect(error.message).not.toContain('pwned');
  });

  const malformed: [string, Record<string, unknown>, Record<string, unknown>][] = [
    ['kinds of a wrong type', { kinds: 5 }, {}],
    ['a kind that is not { exclusive }', { kinds: { strategy: 5 } }, {}],
    ['a kind with a string exclusive', { kinds: { strategy: { exclusive: 'yes' } } }, {}],
    ['deprecations of a wrong type', { deprecations: {} }, {}],
    ['a deprecation that is not an object', { deprecations: [null] }, {}],
    ['a deprecation without strings', { deprecations: [{ alias: 5, successor: 'ddp' }] }, {}],
    [
      'a deprecation message that is not a string',
      { deprecations: [{ alias: 'a', successor: 'ddp', message: 5 }] },
      {},
    ],
    ['sources of a wrong type', { sources: 'plugins' }, {}],
    ['a source that is null', { sources: [null] }, {}],
    ['a source without patterns', { sources: [{ cwd: '.' }] }, {}],
    ['a source whose patterns are not strings', { sources: [{ cwd: '.', patterns: [5] }] }, {}],
    ['a source with an absolute cwd', { sources: [{ cwd: '/etc', patterns: ['*'] }] }, {}],
    ['files of a wrong type', { files: [] }, {}],
    ['a file without a fingerprint', { files: { 'plugins/ddp.cjs': 5 } }, {}],
    ['a file with a string size', { files: { 'plugins/ddp.cjs': { size: '1', sha256: 'x' } } }, {}],
    ['packagesOf of a wrong type', { packagesOf: 5 }, {}],
    ['an absolute packagesOf', { packagesOf: '/' }, {}],
    ['plugins of a wrong type', { plugins: { ddp: {} } }, {}],
    ['a plugin that is a number', { plugins: [5] }, {}],
    ['a plugin without a module', {}, { module: undefined }],
    ['a plugin with a numeric description', {}, { description: 5 }],
    ['a plugin with an unknown scope', {}, { scope: 'forever' }],
    ['a plugin with optionKeys that are not strings', {}, { optionKeys: [1] }],
    ['a plugin without hasSchema', {}, { hasSchema: undefined }],
    ['a generator that is null', { generator: null }, {}],
  ];

  it.each(malformed)('refuses %s with a PluginManifestError, never a TypeError', async (_, change, plugin) => {
    const { file } = project(manifestJson(change, plugin));

    await everyReaderRefuses(file, useTestRegistry(), /is not a plugboard manifest this version reads/);
  });

  it('lists at most 10 problems and keeps all of them on the error', () => {
    const plugins = Array.from({ length: 25 }, () => 5);
    const { file } = project(manifestJson({ plugins }));

    const error = thrown(() => readManifest(file));

    expect(error.message).toContain('  and 15 more');
    expect(error.message.split('\n').filter((line) => line.startsWith('  plugins['))).toHaveLength(10);
    expect(error).toMatchObject({ problems: expect.arrayContaining(['plugins[24] is not an object']) as unknown });
  });
});

describe('issue 12: checkManifest stays inside its root', () => {
  it.each([
    ['a source folder', { sources: [{ cwd: '..', patterns: ['**/*.cjs'] }] }, /names a source folder "\.\." outside/],
    ['a pattern', { sources: [{ cwd: '.', patterns: ['../**/*.cjs'] }] }, /names a pattern folder .* outside/],
    ['an absolute pattern', { sources: [{ cwd: '.', patterns: ['/etc/*'] }] }, /names a pattern folder .* outside/],
    ['packagesOf', { packagesOf: '../..' }, /names packagesOf folder .* outside/],
  ])('refuses %s outside the manifest folder, globbing nothing', async (_, change, message) => {
    const { file } = project(manifestJson(change));

    const error = await pluginErrorOf(() => checkManifest(file));

    expect(error.code).toBe('PLUGIN_INVALID_MANIFEST');
    expect(error.message).toMatch(message);
  });

  it('does not hash a file that a symlink inside the folder leads out to: it counts as removed', async () => {
    const outside = tempDir();
    writeFiles(outside, { 'secret.cjs': ddp });
    const { file, root } = project(
      manifestJson({ files: { 'plugins/ddp.cjs': fingerprint(ddp), 'plugins/link.cjs': fingerprint(ddp) } }),
    );
    symlinkSync(path.join(outside, 'secret.cjs'), path.join(root, 'plugins/link.cjs'));

    const check = await checkManifest(file);

    expect(check).toMatchObject({ fresh: false, removed: ['plugins/link.cjs'], changed: [] });
  });

  it('does not hash files in a folder that a symlink inside the folder leads out to: they count as removed', async () => {
    const outside = tempDir();
    writeFiles(outside, { 'secret.cjs': ddp });
    const { file, root } = project(
      manifestJson({
        sources: [{ cwd: '.', patterns: ['plugins/*.cjs', 'linked/*.cjs'] }],
        files: { 'plugins/ddp.cjs': fingerprint(ddp), 'linked/secret.cjs': fingerprint(ddp) },
      }),
    );
    symlinkSync(outside, path.join(root, 'linked'));

    const check = await checkManifest(file);

    expect(check).toMatchObject({ fresh: false, removed: ['linked/secret.cjs'], changed: [], added: [] });
  });

  it("escapes control characters of the manifest's refresh command in its message", async () => {
    const { file: stale } = project(manifestJson({ refresh: 'npx plugboard manifest\u001b]0;pwned\u0007' }, {}), {
      'plugins/ddp.cjs': `${ddp}// edited\n`,
    });

    const check = await checkManifest(stale);

    expect(check.message).toBe(
      '"plugboard.manifest.json" is stale (changed: plugins/ddp.cjs). Run "npx plugboard manifest\\u001b]0;pwned\\u0007" to refresh it.',
    );
    expect(check.refresh).toBe('npx plugboard manifest\u001b]0;pwned\u0007');
  });

  it('accepts a source outside the manifest folder inside a root the caller passes', async () => {
    const parent = tempDir();
    writeFiles(parent, { 'plugins/ddp.cjs': ddp });
    mkdirSync(path.join(parent, 'build'));
    const file = path.join(parent, 'build/plugboard.manifest.json');
    writeFileSync(
      file,
      manifestJson(
        { sources: [{ cwd: '..', patterns: ['plugins/*.cjs'] }], files: { '../plugins/ddp.cjs': fingerprint(ddp) } },
        { module: '../plugins/ddp.cjs' },
      ),
    );

    await expect(checkManifest(file, { root: parent })).resolves.toMatchObject({ fresh: true });
  });
});

describe('issue 22: a manifest entry whose module is missing', () => {
  it('names at most 80 characters of the module, and neither the "Require stack" nor a path into plugboard', () => {
    const module = `plugins/${'m'.repeat(300)}.cjs`;
    const { file } = project(manifestJson({ files: { [module]: fingerprint(ddp) } }, { module }), {});
    const registry = useTestRegistry();
    loadManifest(file, { registry });

    const error = thrown<PluginError>(() => createPluginContainer({ registry }).get(PluginResolver).resolve('ddp'));

    expect(error.cause).toMatchObject({
      code: 'PLUGIN_INVALID_MANIFEST',
      message:
        `Cannot import plugin module "plugins/${'m'.repeat(72)}…": the file is not there. ` +
        'Restore it, or write the manifest again ("npx plugboard manifest").',
    });
    expect(error.message).not.toMatch(/m{81}/);
    expect(error.message).not.toContain('Require stack');
    expect(error.message).not.toContain('load-manifest');
    expect(error.message).not.toContain(path.resolve('src'));
  });

  it('shows a missing import of the module without the importing file', () => {
    const broken = `require('./${'h'.repeat(300)}.cjs');\n`;
    const { file } = project(
      manifestJson({ files: { 'plugins/broken.cjs': fingerprint(broken) } }, { module: 'plugins/broken.cjs' }),
      { 'plugins/broken.cjs': broken },
    );
    const registry = useTestRegistry();
    loadManifest(file, { registry });

    const error = thrown<PluginError>(() => createPluginContainer({ registry }).get(PluginResolver).resolve('ddp'));

    expect((error.cause as Error).message).toMatch(
      /^Cannot import plugin module "plugins\/broken\.cjs": Cannot find module '\.\/h+…$/,
    );
    expect(error.message).not.toContain('Require stack');
    expect(error.message.length).toBeLessThan(600);
  });
});
