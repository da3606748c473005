import { sortedData } from './canonical-json.js';
import { LOCK_VERSION, lockOf, type LockedPlugin, type PluginLock } from './create-plugin-lock.js';
import { lockOptions, readOption, type PluginLockOptions } from './lock-arguments.js';
import { PluginLockError } from '../errors/plugin-lock-error.js';
import { isPlainObject } from '../internal/options.js';
import { messageOf, quote, safeText } from '../internal/quote.js';
import type { PluginChoice } from '../selection/plugin-selection.js';
import type { PluginsOption } from '../selection/read-plugins-option.js';

/** One way the current selection and code differ from a lock. */
export interface PluginLockDifference {
  /**
   * `'added'` / `'removed'`: a plugin only the current selection / only the lock has; `'replaced'`: a kind's
   * plugin is another one; `'option'`: an option's value; `'package'`: a package's version (or name);
   * `'module'`: the module's path or content; `'order'`: the same plugins in another order.
   */
  readonly type: 'added' | 'removed' | 'replaced' | 'option' | 'package' | 'module' | 'order';
  /** The plugin (its alias as registered); for `'replaced'` the new one; undefined for `'order'`. */
  readonly alias: string | undefined;
  /** The option's key, for `'option'`. */
  readonly key: string | undefined;
  /** What the lock has (undefined for an option the lock lacks). */
  readonly from: unknown;
  /** What there is now (undefined for an option that is gone). */
  readonly to: unknown;
  /** The difference in one line, for people. */
  readonly message: string;
}

/** What `checkPluginLock` found. */
export interface PluginLockCheck {
  /** True if nothing differs: the same plugins, code and options (secrets are not compared against the lock's own selection). */
  readonly identical: boolean;
  readonly differences: readonly PluginLockDifference[];
  /** The lock of the current selection and code. */
  readonly current: PluginLock;
}

/** `checkPluginLock`'s options: where to look, and the selection to compare (default: the one the lock holds). */
export interface CheckPluginLockOptions extends PluginLockOptions {
  /** The selection to check, as `readPluginsOption` returns it. Default: the selection the lock was made from. */
  selection?: PluginsOption;
}

/**
 * Checks a lock (as `createPluginLock` made it, or parsed from its JSON) against the current registry and a
 * selection, and returns every difference as data. Without `selection`, the lock's own selection is read
 * again: then a variant's params, a module's content or a package's version are what can drift (secret
 * options are not compared, since the lock holds only their fingerprints). Throws PluginLockError for
 * something that is not a lock, and what `checkPluginSelection` throws for a selection that cannot run.
 *
 * @example
 * const { identical, differences } = checkPluginLock(JSON.parse(text), { selection: read, registry });
 * if (!identical) for (const difference of differences) console.error(difference.message);
 */
export function checkPluginLock(lock: unknown, options?: CheckPluginLockOptions): PluginLockCheck {
  const { registry, root, selection } = lockOptions('checkPluginLock()', options, ['selection']);
  const locked = readLock(lock);
  const given = selection !== undefined;
  const read = given
    ? readOption('checkPluginLock()', selection)
    : { choices: locked.selection.map((choice) => ({ ...choice })), source: 'the lock' };
  const current = lockOf(read, registry, root);
  if (current.hash === locked.hash) return { identical: true, differences: [], current };
  const secrets = given ? new Set<string>() : secretKeys(registry, current);
  const differences = compare(locked.plugins, current.plugins, secrets);
  return { identical: differences.length === 0, differences, current };
}

/** `alias\0key` of each secret option of the current plugins. */
function secretKeys(
  registry: { get(alias: string): { secretOptions: readonly string[] | undefined } },
  lock: PluginLock,
): Set<string> {
  const keys = new Set<string>();
  for (const plugin of lock.plugins) {
    for (const key of registry.get(plugin.alias).secretOptions ?? []) keys.add(`${plugin.alias}\0${key}`);
  }
  return keys;
}

function compare(
  before: readonly LockedPlugin[],
  after: readonly LockedPlugin[],
  secrets: ReadonlySet<string>,
): PluginLockDifference[] {
  const then = new Map(before.map((plugin) => [plugin.alias, plugin]));
  const now = new Map(after.map((plugin) => [plugin.alias, plugin]));
  const removed = before.filter((plugin) => !now.has(plugin.alias));
  const added = after.filter((plugin) => !then.has(plugin.alias));
  const differences: PluginLockDifference[] = [];
  for (const old of removed) {
    const index = added.findIndex((plugin) => plugin.kind === old.kind);
    const replacement = index === -1 ? undefined : added.splice(index, 1)[0];
    differences.push(
      replacement
        ? difference(
            'replaced',
            replacement.alias,
            undefined,
            old.alias,
            replacement.alias,
            `${old.kind}: ${quote(old.alias)} replaced by ${quote(replacement.alias)}`,
          )
        : difference(
            'removed',
            old.alias,
            undefined,
            old.alias,
            undefined,
            `plugin ${quote(old.alias)} (${old.kind}) removed`,
          ),
    );
  }
  for (const plugin of added) {
    differences.push(
      difference(
        'added',
        plugin.alias,
        undefined,
        undefined,
        plugin.alias,
        `plugin ${quote(plugin.alias)} (${plugin.kind}) added`,
      ),
    );
  }
  for (const plugin of after) {
    const old = then.get(plugin.alias);
    if (old) differences.push(...changes(old, plugin, secrets));
  }
  const common = (list: readonly LockedPlugin[], other: ReadonlyMap<string, LockedPlugin>): string[] =>
    list.filter((plugin) => other.has(plugin.alias)).map((plugin) => plugin.alias);
  const [wasOrder, isOrder] = [common(before, now), common(after, then)];
  if (wasOrder.join('\0') !== isOrder.join('\0')) {
    differences.push(
      difference(
        'order',
        undefined,
        undefined,
        wasOrder,
        isOrder,
        `order changed: ${wasOrder.join(', ')} -> ${isOrder.join(', ')}`,
      ),
    );
  }
  return differences;
}

function changes(old: LockedPlugin, now: LockedPlugin, secrets: ReadonlySet<string>): PluginLockDifference[] {
  const found: PluginLockDifference[] = [];
  const name = quote(now.alias);
  const oldPackage = old.package === null ? null : `${old.package.name}@${old.package.version}`;
  const newPackage = now.package === null ? null : `${now.package.name}@${now.package.version}`;
  if (oldPackage !== newPackage) {
    found.push(
      difference(
        'package',
        now.alias,
        undefined,
        oldPackage,
        newPackage,
        `${name} package ${oldPackage ?? '(none)'} -> ${newPackage ?? '(none)'}`,
      ),
    );
  }
  if (old.module !== now.module || old.sha256 !== now.sha256) {
    const what =
      old.module === now.module
        ? `module ${now.module ?? '(unknown)'} changed`
        : `module ${old.module ?? '(unknown)'} -> ${now.module ?? '(unknown)'}`;
    found.push(
      difference(
        'module',
        now.alias,
        undefined,
        { module: old.module, sha256: old.sha256 },
        { module: now.module, sha256: now.sha256 },
        `${name} ${what} (sha256 ${short(old.sha256)} -> ${short(now.sha256)})`,
      ),
    );
  }
  const keys = [...new Set([...Object.keys(old.options), ...Object.keys(now.options)])].sort();
  for (const key of keys) {
    if (secrets.has(`${now.alias}\0${key}`)) continue;
    const [from, to] = [option(old.options, key), option(now.options, key)];
    if (JSON.stringify(sortedData(from)) === JSON.stringify(sortedData(to))) continue;
    found.push(
      difference(
        'option',
        now.alias,
        key,
        from,
        to,
        `${name} option ${safeText(key, { oneLine: true })}: ${shown(from)} -> ${shown(to)}`,
      ),
    );
  }
  return found;
}

function option(options: Readonly<Record<string, unknown>>, key: string): unknown {
  return Object.hasOwn(options, key) ? options[key] : undefined;
}

function difference(
  type: PluginLockDifference['type'],
  alias: string | undefined,
  key: string | undefined,
  from: unknown,
  to: unknown,
  message: string,
): PluginLockDifference {
  return { type, alias, key, from, to, message };
}

function short(hash: string | null): string {
  return hash === null ? '(unknown)' : `${hash.slice(0, 12)}…`;
}

function shown(value: unknown): string {
  return value === undefined ? '(not set)' : safeText(JSON.stringify(sortedData(value)), { oneLine: true, max: 80 });
}

/** `value` checked as a lock this version reads; throws PluginLockError saying what is wrong. */
function readLock(value: unknown): PluginLock {
  if (typeof value === 'string' || value instanceof Uint8Array) {
    // The file's text (or bytes) instead of the parsed lock: writing it again would not help, parsing it does.
    throw new PluginLockError(
      `checkPluginLock() takes the lock as an object, got ${typeof value === 'string' ? 'a string' : 'bytes'}: ` +
        "parse the file first, JSON.parse(readFileSync('plugins.lock.json', 'utf8')).",
    );
  }
  let problem: string | undefined;
  try {
    problem = lockProblem(value);
  } catch (error) {
    problem = `reading it threw: ${messageOf(error)}`;
  }
  if (problem !== undefined) {
    throw new PluginLockError(
      `Not a plugin lock this version of plugboard reads (lockVersion ${String(LOCK_VERSION)}): ${problem}. ` +
        'Write it again with "plugboard lock --selection ... --out FILE" or createPluginLock().',
    );
  }
  return value as PluginLock;
}

function lockProblem(value: unknown): string | undefined {
  if (!isPlainObject(value)) return 'it is not a JSON object';
  if (value.lockVersion !== LOCK_VERSION)
    return value.lockVersion === undefined
      ? 'it has no lockVersion'
      : `its lockVersion is ${safeText(value.lockVersion, { oneLine: true })}`;
  if (typeof value.hash !== 'string') return 'it has no hash';
  if (!Array.isArray(value.plugins)) return 'its plugins are not a list';
  const bad = (value.plugins as unknown[]).findIndex((plugin) => !isLockedPlugin(plugin));
  if (bad !== -1) return `plugins[${String(bad)}] is not { alias, kind, default, module, package, sha256, options }`;
  if (!Array.isArray(value.selection) || !(value.selection as unknown[]).every(isChoice)) {
    return 'its selection is not a list of { alias, options? }';
  }
  return undefined;
}

function isLockedPlugin(value: unknown): value is LockedPlugin {
  if (!isPlainObject(value)) return false;
  const { alias, kind, module, sha256: hash, options, package: pkg } = value;
  return (
    typeof alias === 'string' &&
    typeof kind === 'string' &&
    typeof value.default === 'boolean' &&
    (module === null || typeof module === 'string') &&
    (hash === null || typeof hash === 'string') &&
    isPlainObject(options) &&
    (pkg === null || (isPlainObject(pkg) && typeof pkg.name === 'string' && typeof pkg.version === 'string'))
  );
}

function isChoice(value: unknown): value is PluginChoice {
  return (
    isPlainObject(value) &&
    typeof value.alias === 'string' &&
    Object.keys(value).every((key) => key === 'alias' || key === 'options')
  );
}
