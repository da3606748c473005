import { sha256, sortedData } from './canonical-json.js';
import { choosePlugins, shownValue, type ChosenPlugin } from './chosen-plugins.js';
import { lockOptions, readOption, type PluginLockOptions } from './lock-arguments.js';
import { fingerprintFileSync } from '../discovery/fingerprint-file.js';
import { isPlainObject } from '../internal/options.js';
import type { PluginChoice } from '../selection/plugin-selection.js';
import type { PluginsOption } from '../selection/read-plugins-option.js';
import type { PluginRegistry } from '../registry/plugin-registry.js';
import { fingerprintValue } from './canonical-json.js';

/** The lock format this version of plugboard writes and reads. */
export const LOCK_VERSION = 1;

/**
 * A selection locked: which plugins it stands for, from which code, with which options. Its keys are sorted and
 * its paths relative, so `JSON.stringify(lock, null, 2)` is the same text on every machine for the same
 * selection and the same installed code.
 */
export interface PluginLock {
  /** `sha256:` and the hash of `plugins` (sorted JSON): equal hashes, equal plugins. */
  readonly hash: string;
  readonly lockVersion: typeof LOCK_VERSION;
  /** In the order `resolveAll` builds them, kind defaults included. */
  readonly plugins: readonly LockedPlugin[];
  /** The selection as given (secret option values fingerprinted), which `checkPluginLock` reads again by default. */
  readonly selection: readonly PluginChoice[];
}

/** One plugin of a lock. */
export interface LockedPlugin {
  /** The alias as registered. */
  readonly alias: string;
  /** True if it was filled in as its kind's default. */
  readonly default: boolean;
  readonly kind: string;
  /**
   * The module that registered it: relative to the package's folder for a plugin of an installed package, else
   * to the root; as the manifest names it for a manifest entry whose module was not imported; null if unknown.
   */
  readonly module: string | null;
  /** Its options, fully resolved (params, selection, schema defaults); secrets as `sha256:` fingerprints. */
  readonly options: Readonly<Record<string, unknown>>;
  /** The installed package that holds the module, or null for one of the project's. */
  readonly package: { readonly name: string; readonly version: string } | null;
  /** The SHA-256 of the module file's content, or null if it was not read. */
  readonly sha256: string | null;
}

/**
 * Locks a selection: for each plugin it stands for (as `resolveAll` would build it; nothing is built), its
 * alias, kind, package and version or module path, a fingerprint of its module file, and its fully resolved
 * options, plus one hash of the whole. Throws what `checkPluginSelection` throws for a selection that cannot run.
 *
 * @example
 * const lock = createPluginLock(readPluginsOption({ argv: process.argv.slice(2), registry }), { registry });
 * writeFileSync('plugins.lock.json', `${JSON.stringify(lock, null, 2)}\n`);
 */
export function createPluginLock(read: PluginsOption, options?: PluginLockOptions): PluginLock {
  const { registry, root } = lockOptions('createPluginLock()', options);
  return lockOf(readOption('createPluginLock()', read), registry, root);
}

/** The lock of `read`, checked already. */
export function lockOf(read: PluginsOption, registry: PluginRegistry, root: string): PluginLock {
  const chosen = choosePlugins(read, registry, root);
  const plugins = chosen.map(lockedPlugin);
  const secrets = new Map(chosen.map((plugin) => [plugin.typed, new Set(plugin.entry.secretOptions ?? [])]));
  const selection = read.choices.map((choice): PluginChoice => {
    const hidden = secrets.get(choice.alias);
    if (!hidden || hidden.size === 0 || !isPlainObject(choice.options)) return choice;
    const shown = Object.fromEntries(
      Object.entries(choice.options).map(([key, value]) => [key, hidden.has(key) ? fingerprintValue(value) : value]),
    );
    return { alias: choice.alias, options: shown };
  });
  const data = sortedData(plugins);
  return sortedData({
    hash: `sha256:${sha256(JSON.stringify(data))}`,
    lockVersion: LOCK_VERSION,
    plugins: data,
    selection,
  }) as PluginLock;
}

function lockedPlugin(plugin: ChosenPlugin): LockedPlugin {
  const { site } = plugin;
  const module = site.type === 'unknown' ? null : site.module;
  return {
    alias: plugin.entry.alias,
    default: plugin.isDefault,
    kind: plugin.entry.kind,
    module,
    options: Object.fromEntries(plugin.options.map((option) => [option.key, shownValue(option)])),
    package: site.type === 'package' ? { name: site.name, version: site.version } : null,
    sha256: plugin.file === undefined ? null : fileHash(plugin.file),
  };
}

function fileHash(file: string): string | null {
  try {
    return fingerprintFileSync(file).sha256;
  } catch {
    return null;
  }
}
