import { unknownKeysProblem } from '../registry/arguments.js';
import type { PluginRegistry } from '../registry/plugin-registry.js';
import { internals } from '../registry/registry-internals.js';
import { quote } from '../internal/quote.js';

/** What an option of a discovery or manifest function must be. */
type OptionType = 'folder' | 'registry' | 'string' | 'boolean' | 'strings' | 'object';

const MAX_PATTERNS = 1_000;
const MAX_PATTERN_LENGTH = 1_000;
const MAX_REPORT_ITEMS = 1_000_000;

/**
 * The options of `call` as a plain object holding only the `allowed` keys (any other key is refused with a
 * did-you-mean), each checked for its type (a folder is a non-empty path, a registry a PluginRegistry); `fail` builds the typed error thrown for anything else,
 * including an options object whose getters or Proxy traps throw. Nothing is read from it twice.
 */
export function readOptions<T extends object>(
  call: string,
  options: T | undefined,
  allowed: Readonly<Record<string, OptionType>>,
  fail: (message: string) => Error,
): T {
  const value: unknown = options;
  if (value === undefined) return {} as T;
  const shape = Object.entries(allowed)
    .map(([key, type]) => `${key}?: ${type}`)
    .join(', ');
  const refuse = (why: string): Error => fail(`${call}: options must be { ${shape} }; ${why}. Nothing was done.`);
  if (typeof value !== 'object' || value === null || isArray(value)) {
    throw refuse(`got ${value === null ? 'null' : isArray(value) ? 'an array' : typeof value}`);
  }
  const read: Record<string, unknown> = {};
  for (const [key, type] of Object.entries(allowed)) {
    let item: unknown;
    try {
      item = (value as Record<string, unknown>)[key];
    } catch {
      throw refuse(`reading ${key} threw`);
    }
    if (item === undefined) continue;
    if (type === 'strings') {
      // A string or a list of strings, copied: the length is checked before anything is read.
      const list = stringList(item);
      if (list === undefined) throw refuse(`${key} is not a string or a list of strings`);
      read[key] = list;
      continue;
    }
    if (!hasType(item, type)) throw refuse(`${key} is not a ${type}`);
    read[key] = item;
  }
  let unknown: string | undefined;
  try {
    unknown = unknownKeysProblem(value, Object.keys(allowed));
  } catch {
    throw refuse('reading its keys threw');
  }
  if (unknown !== undefined) throw fail(`${call}: ${unknown} Nothing was done.`);
  return read as T;
}

/** `patterns` as a list of non-empty glob strings; `fail` builds the typed error for anything else. */
export function readPatterns(call: string, patterns: unknown, fail: (message: string) => Error): string[] {
  const refuse = (got: string): Error =>
    fail(
      `${call}: patterns must be a glob string or a list of 1 to ${String(MAX_PATTERNS)} non-empty glob strings ` +
        `(such as 'dist/plugins/*.js'), got ${got}. Nothing was imported.`,
    );
  if (typeof patterns === 'string') patterns = [patterns];
  if (!Array.isArray(patterns)) throw refuse(patterns === null ? 'null' : typeof patterns);
  // The length is checked before anything is copied: a sparse array may claim 2^32 - 1 items.
  const length = (patterns as unknown[]).length;
  if (length === 0 || length > MAX_PATTERNS) throw refuse(`${String(length)} patterns`);
  const list: unknown[] = [];
  for (let index = 0; index < length; index += 1) {
    let pattern: unknown;
    try {
      pattern = (patterns as unknown[])[index];
    } catch {
      throw refuse(`a list whose item ${String(index)} cannot be read`);
    }
    if (typeof pattern !== 'string' || pattern === '' || pattern.length > MAX_PATTERN_LENGTH) {
      throw refuse(typeof pattern === 'string' ? quote(pattern) : pattern === null ? 'null' : typeof pattern);
    }
    list.push(pattern);
  }
  return list as string[];
}

/** `value` as a string or a copied list of at most MAX_PATTERNS strings; undefined for anything else. */
function stringList(value: unknown): string | string[] | undefined {
  if (typeof value === 'string') return value;
  try {
    if (!Array.isArray(value)) return undefined;
    const length = (value as unknown[]).length;
    if (length > MAX_PATTERNS) return undefined;
    const list: string[] = [];
    for (let index = 0; index < length; index += 1) {
      const item: unknown = (value as unknown[])[index];
      if (typeof item !== 'string') return undefined;
      list.push(item);
    }
    return list;
  } catch {
    return undefined;
  }
}

function hasType(value: unknown, type: OptionType): boolean {
  if (type === 'registry') return isRegistry(value);
  if (type === 'boolean') return typeof value === 'boolean';
  if (type === 'object') return typeof value === 'object' && value !== null;
  return typeof value === 'string' && (type === 'string' || (value !== '' && !value.includes('\0')));
}

/** A PluginRegistry: one that plugboard's internal interface knows. */
function isRegistry(value: unknown): value is PluginRegistry {
  try {
    internals(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * `reports` (one DiscoveryReport or a list) checked for the shape `discover` and `discoverPackages` return, as a
 * list; `fail` builds the typed error for anything else.
 */
export function readReports<T>(call: string, reports: T | readonly T[], fail: (message: string) => Error): T[] {
  const refuse = (): Error =>
    fail(
      `${call}: reports must be what discover() or discoverPackages() returned (or a list of these). Nothing was written.`,
    );
  let list: unknown[];
  try {
    list = Array.isArray(reports) ? boundedCopy(reports, MAX_PATTERNS) : [reports];
    const ok = list.every(
      (report) =>
        isObject(report) &&
        isList(report.sources) &&
        isList(report.errors) &&
        Array.isArray(report.modules) &&
        boundedCopy(report.modules).every(
          (module) =>
            isObject(module) &&
            typeof module.file === 'string' &&
            typeof module.module === 'string' &&
            Array.isArray(module.plugins) &&
            boundedCopy(module.plugins).every((plugin) => isObject(plugin) && typeof plugin.alias === 'string'),
        ),
    );
    if (!ok) throw refuse();
  } catch {
    // A list too long, or a getter or Proxy trap that throws: the same typed error.
    throw refuse();
  }
  return list as T[];
}

/**
 * The items of `list`, its length checked before anything is read (a sparse array may claim 2^32 - 1 items);
 * throws if it holds more than `max`.
 */
function boundedCopy(list: readonly unknown[], max = MAX_REPORT_ITEMS): unknown[] {
  const length = list.length;
  if (length > max) throw new RangeError(`more than ${String(max)} items`);
  const copy: unknown[] = [];
  for (let index = 0; index < length; index += 1) copy.push(list[index]);
  return copy;
}

/** An array of at most MAX_REPORT_ITEMS items. */
function isList(value: unknown): boolean {
  return Array.isArray(value) && (value as unknown[]).length <= MAX_REPORT_ITEMS;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** `Array.isArray`, false for a revoked Proxy (for which it throws): reading such options fails with our message. */
function isArray(value: unknown): boolean {
  try {
    return Array.isArray(value);
  } catch {
    return false;
  }
}
