import path from 'node:path';
import { readOptions } from './discovery-arguments.js';
import type { ManifestPlugin, PluginManifest } from './plugin-manifest.js';
import { PluginManifestError } from './plugin-manifest-error.js';
import { manifestPath, readManifest } from './read-manifest.js';
import { resolvePath } from './posix-paths.js';
import { isInside, realPathsUnder, realPathUnder } from './real-path-inside.js';
import type { LazyRegistration, PluginHandle } from '../registry/plugin-entry.js';
import type { PluginRegistry } from '../registry/plugin-registry.js';
import { pluginsRegistry } from '../registry/plugins-registry.js';
import { createRequire, fs } from '../internal/builtins.js';
import { errorText } from '../internal/error-text.js';
import { messageOf, quote } from '../internal/quote.js';

/** Where `loadManifest` registers the manifest's plugins, and where their modules may be. */
export interface LoadManifestOptions {
  /** The registry the plugin modules register into when they are loaded. Default `pluginsRegistry`. */
  registry?: PluginRegistry;
  /**
   * The folder every plugin module must be inside, after resolving symlinks. Default: the manifest's folder.
   * Pass a parent folder when the manifest lies beside the plugin files' folder (`build/` and `dist/`).
   */
  root?: string;
}

/** A manifest registered in a registry. Dispose it to remove its entries again. */
export interface LoadedManifest extends Disposable {
  /** The manifest file (absolute). */
  readonly file: string;
  readonly manifest: PluginManifest;
  /** One handle per plugin, in the manifest's order. */
  readonly handles: readonly PluginHandle[];
  /**
   * The plugins that have a `recommend()` predicate. A manifest cannot hold a function, so `registry.recommend()`
   * leaves them out until their module is loaded; the `plugboard recommend` command names them.
   */
  readonly predicates: readonly string[];
  /** Removes the manifest's entries and deprecations, as `[Symbol.dispose]()` does. */
  dispose(): void;
}

/**
 * Registers every plugin of a manifest written by `writeManifest` (`plugboard manifest`) without importing a
 * plugin module: listing, describing and recommending use what the manifest says; the first resolve of one of a
 * module's aliases imports that module synchronously (Node's `require()` of an ES module: the module must not use
 * top-level await), and its decorators register the real class in the entry's place. Under jest on Node 20 that
 * `require()` cannot load an ES module: import the plugin modules first (`await discover([...])`), as
 * docs/testing.md explains; the error says so.
 *
 * Synchronous, so it can run while a program starts. Throws PluginManifestError, registering nothing, if the file
 * is not a manifest (see `readManifest`: a module must be a relative path to a JavaScript or TypeScript module
 * among its fingerprinted files) or a module lies outside `root` (a `../` or a symlink that leads out of it); and
 * the registry's error (changing nothing) if an alias is taken. A module is checked again just before it is
 * imported. It does not check that the manifest is fresh: `checkManifest` (`plugboard manifest --check`) does.
 *
 * @example
 * loadManifest(new URL('../plugboard.manifest.json', import.meta.url).pathname);
 * pluginsRegistry.availablePlugins({ withDescriptions: true }); // imports no plugin module
 */
export function loadManifest(file: string, options: LoadManifestOptions = {}): LoadedManifest {
  const where = manifestPath(file);
  const { registry = pluginsRegistry, root: given } = readOptions<LoadManifestOptions>(
    'loadManifest(file, options)',
    options,
    { registry: 'registry', root: 'folder' },
    (message) => new PluginManifestError(message, where),
  );
  const dir = realDir(path.dirname(where));
  const root = given === undefined ? dir : realDir(given);
  return registerManifest(where, readManifest(where), { registry, dir, root });
}

/** Where `registerManifest` registers, and the real paths it checks modules against. */
export interface RegisterManifestOptions {
  readonly registry: PluginRegistry;
  /** The real path of the manifest's folder. */
  readonly dir: string;
  /** The real path of the folder its modules must be inside. */
  readonly root: string;
  /** The real path of a file inside `root`, else undefined (`realPathsUnder`; the command shares one with the check). */
  readonly realPath?: (file: string) => string | undefined;
}

/** `loadManifest` of a manifest read already (the command reads it once for loading and checking). */
export function registerManifest(
  where: string,
  manifest: PluginManifest,
  { registry, dir, root, realPath = realPathsUnder(root) }: RegisterManifestOptions,
): LoadedManifest {
  // Every module is checked before anything is registered, and again just before it is imported.
  for (const plugin of manifest.plugins) moduleInside(where, dir, root, plugin.module, realPath);
  const handles: PluginHandle[] = [];
  const deprecations: Disposable[] = [];
  const dispose = (): void => {
    for (const deprecation of deprecations.splice(0).reverse()) deprecation[Symbol.dispose]();
    for (const handle of handles.splice(0).reverse()) handle.dispose();
  };
  try {
    for (const plugin of manifest.plugins) {
      handles.push(registry.registerLazy(lazyRegistration(plugin, where, dir, root)));
    }
    for (const { alias, successor, message } of manifest.deprecations) {
      deprecations.push(registry.deprecate(alias, successor, message === undefined ? {} : { message }));
    }
    // Last, as it cannot be undone: readManifest checked every kind name, so this cannot fail half-way.
    for (const [kind, kindOptions] of Object.entries(manifest.kinds)) registry.defineKind(kind, kindOptions);
  } catch (error) {
    dispose();
    throw error;
  }
  const loaded = [...handles];
  return {
    file: where,
    manifest,
    handles: loaded,
    predicates: manifest.plugins.filter((plugin) => plugin.hasRecommend).map((plugin) => plugin.alias),
    dispose,
    [Symbol.dispose]: dispose,
  };
}

/** What `registerLazy` gets for a manifest's plugin; its options are set one by one (spreads cost at start-up). */
function lazyRegistration(plugin: ManifestPlugin, where: string, dir: string, root: string): LazyRegistration {
  const registration: LazyRegistration = {
    alias: plugin.alias,
    kind: plugin.kind,
    scope: plugin.scope,
    module: plugin.module,
    exportName: plugin.exportName ?? plugin.className,
    load: () => {
      importSync(moduleInside(where, dir, root, plugin.module), plugin.module, root, dir);
    },
  };
  if (plugin.description !== undefined) registration.description = plugin.description;
  if (plugin.recommendedWhen !== undefined) registration.recommendedWhen = plugin.recommendedWhen;
  if (plugin.params !== undefined) registration.params = plugin.params;
  if (plugin.optionKeys !== undefined) registration.optionKeys = plugin.optionKeys;
  if (plugin.allowUnknownOptions === true) registration.allowUnknownOptions = true;
  if (plugin.secretOptions !== undefined) registration.secretOptions = plugin.secretOptions;
  if (plugin.requires !== undefined) registration.requires = plugin.requires;
  if (plugin.incompatibleWith !== undefined) registration.incompatibleWith = plugin.incompatibleWith;
  if (plugin.order !== undefined) registration.order = plugin.order;
  if (plugin.before !== undefined) registration.before = plugin.before;
  if (plugin.after !== undefined) registration.after = plugin.after;
  return registration;
}

/** Made at the first module a manifest entry loads (node:module is not loaded at import). */
let requireModule: NodeJS.Require | undefined;

function importSync(file: string, module: string, root: string, dir: string): void {
  try {
    (requireModule ??= createRequire(import.meta.url))(file);
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (code === 'ERR_REQUIRE_ESM') {
      // jest (before Node 24.9) runs require() in its own module system, which cannot load an ES module; the
      // message gives the exact call that imports the module first, with import(), which jest supports.
      const where = root === dir ? `cwd: ${quote(dir)}` : `cwd: ${quote(dir)}, root: ${quote(root)}`;
      throw new PluginManifestError(
        `Plugin module ${quote(module)} is an ES module, which require() cannot load here (jest's module system ` +
          'on Node before 24.9 cannot). Import it before the first resolve, in a beforeAll: ' +
          `\`await discover([${quote(module)}], { ${where}, registry })\`, with the registry given to ` +
          'loadManifest (docs/testing.md, "Manifests under jest").',
        module,
        [],
        { cause: error },
      );
    }
    const asyncModule = code === 'ERR_REQUIRE_ASYNC_MODULE';
    throw new PluginManifestError(
      asyncModule
        ? `Plugin module ${quote(module)} uses top-level await, so it cannot be imported when one of its plugins is ` +
            'first resolved. Remove the top-level await, or import the module at start-up with discover() instead.'
        : `Cannot import plugin module ${quote(module)}: ${importFailure(error, code, file, root)}`,
      module,
      [],
      { cause: error },
    );
  }
}

/**
 * Why a module failed to import, in one bounded line. Node's message names install paths (plugboard's own among
 * them: "imported from .../plugboard/dist/...") and the "Require stack", and repeats the module path in full:
 * they stay on the cause only. A module file that is not there says so and how to fix it.
 */
function importFailure(error: unknown, code: unknown, file: string, root: string): string {
  if ((code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND') && !fs.existsSync(file)) {
    return 'the file is not there. Restore it, or write the manifest again ("npx plugboard manifest").';
  }
  const text = errorText(error, [root]);
  const line = text.split('\n', 1)[0] ?? '';
  // What Node adds after the name of a module it cannot find: the importing file, which is plugboard's.
  const short = line.replace(/ (?:imported )?from '?[^']*'?$/, '');
  return messageOf(short);
}

/**
 * The absolute path of a manifest's plugin module, if it lies inside `root` (as written, and after resolving
 * symlinks when the file exists); else a PluginManifestError. `readManifest` already refused absolute paths and
 * files that are not modules.
 */
function moduleInside(
  where: string,
  dir: string,
  root: string,
  module: string,
  realPath = (file: string) => realPathUnder(file, root),
): string {
  const file = resolvePath(dir, module);
  // A missing file is checked as written (its import fails later, with its own message); `root` is a real path.
  if (isInside(root, file)) {
    const real = realPath(file);
    if (real !== undefined || !fs.existsSync(file)) return real ?? file;
  }
  throw new PluginManifestError(
    `Plugin module ${quote(module)} in ${quote(where)} lies outside the folder plugin modules may be loaded from ` +
      `(${quote(root)}); nothing was registered. Write the manifest again, or pass { root } that contains the module.`,
    where,
    [`plugin module ${quote(module)} is outside ${quote(root)}`],
  );
}

/** The folder's real path (exported for `loadCheckedManifest`) (module paths in a manifest are relative to it), or the folder as given. */
export function realDir(dir: string): string {
  try {
    return fs.realpathSync(dir);
  } catch {
    return dir;
  }
}
