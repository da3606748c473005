import { MANIFEST_VERSION } from './plugin-manifest.js';
import { assertKind } from '../registry/alias.js';
import { escapeControls, quote, truncate } from '../internal/quote.js';
import { readRules } from '../registry/plugin-rules.js';
import { errorText } from '../internal/error-text.js';

/** The most problems a message lists; the error's `problems` keep them all. */
export const MAX_LISTED_PROBLEMS = 10;

/** The most items a manifest's list may hold: checked before iterating, since a sparse array may claim 2^32 - 1. */
const MAX_LIST_ITEMS = 1_000_000;

/** The module files a manifest may name: JavaScript or TypeScript modules, not declarations, JSON or addons. */
export const MODULE_FILE = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const DECLARATION_FILE = /\.d\.[cm]?ts$/;

/**
 * What is wrong with a parsed manifest, one line each (empty if nothing): every field is checked for its type,
 * down to each plugin, source, file and deprecation, so that a malformed manifest is refused with a
 * PluginManifestError rather than failing later with a TypeError. Every plugin's module must be a relative
 * module path that is one of the manifest's fingerprinted `files`.
 */
export function manifestProblems(value: unknown): string[] {
  try {
    return problemsOf(value);
  } catch (error) {
    // A getter or Proxy trap that throws: a problem, not an error escaping to the caller.
    return [`reading the manifest threw: ${escapeControls(truncate(errorText(error)), false)}`];
  }
}

function problemsOf(value: unknown): string[] {
  if (!isRecord(value)) return ['the file does not hold a JSON object'];
  if (value.manifestVersion !== MANIFEST_VERSION) {
    const version =
      value.manifestVersion === undefined
        ? 'missing'
        : escapeControls(truncate(JSON.stringify(value.manifestVersion)), false);
    return [`manifestVersion is ${version}, not ${String(MANIFEST_VERSION)}`];
  }
  const problems: string[] = [];
  const expect = (ok: boolean, problem: string): void => {
    if (!ok) problems.push(problem);
  };
  expect(isRecord(value.generator) && isString(value.generator.version), 'generator.version is missing');
  expect(isString(value.refresh), 'refresh is not a string');
  expect(value.packagesOf === undefined || isRelativePath(value.packagesOf), 'packagesOf is not a relative path');
  expectList(value.sources, 'sources', problems, (source) =>
    isRecord(source) &&
    isRelativePath(source.cwd) &&
    isStringList(source.patterns) &&
    (source.package === undefined || isString(source.package))
      ? undefined
      : 'is not { cwd, patterns, package? } with a relative cwd and a list of patterns',
  );
  expectRecord(value.files, 'files', problems, (name, file) =>
    isRelativePath(name) && isRecord(file) && Number.isSafeInteger(file.size) && isString(file.sha256)
      ? undefined
      : 'is not a relative path with { size, sha256 }',
  );
  expectRecord(value.kinds, 'kinds', problems, (name, kind) =>
    !isKindName(name)
      ? 'is not a kind name'
      : isRecord(kind) && typeof kind.exclusive === 'boolean'
        ? undefined
        : 'is not { exclusive: boolean }',
  );
  expectList(value.deprecations, 'deprecations', problems, (deprecation) =>
    isRecord(deprecation) &&
    isString(deprecation.alias) &&
    isString(deprecation.successor) &&
    (deprecation.message === undefined || isString(deprecation.message))
      ? undefined
      : 'is not { alias, successor, message? } of strings',
  );
  const files = isRecord(value.files) ? value.files : {};
  expectList(value.plugins, 'plugins', problems, (plugin) => pluginProblem(plugin, files));
  return problems;
}

function pluginProblem(plugin: unknown, files: Record<string, unknown>): string | undefined {
  if (!isRecord(plugin)) return 'is not an object';
  // Checked without building lists first: a manifest of a thousand plugins is checked on every command.
  const { alias, kind, module: file, className } = plugin;
  if (!isString(alias) || !isString(kind) || !isString(file) || !isString(className)) {
    const strings = ['alias', 'kind', 'module', 'className'].filter((key) => !isString(plugin[key]));
    return `lacks a string ${strings.join(', ')}`;
  }
  const { description, recommendedWhen, exportName } = plugin;
  if (!isOptionalString(description) || !isOptionalString(recommendedWhen) || !isOptionalString(exportName)) {
    const optional = ['description', 'recommendedWhen', 'exportName'].filter(
      (key) => plugin[key] !== undefined && !isString(plugin[key]),
    );
    return `has a ${optional.join(', ')} that is not a string`;
  }
  if (plugin.scope !== 'singleton' && plugin.scope !== 'transient')
    return 'has a scope other than singleton or transient';
  if (plugin.optionKeys !== undefined && !isStringList(plugin.optionKeys)) return 'has optionKeys that are not strings';
  if (plugin.allowUnknownOptions !== undefined && typeof plugin.allowUnknownOptions !== 'boolean') {
    return 'has an allowUnknownOptions that is not a boolean';
  }
  if (plugin.secretOptions !== undefined && !isStringList(plugin.secretOptions)) {
    return 'has secretOptions that are not strings';
  }
  if (typeof plugin.hasSchema !== 'boolean' || typeof plugin.hasRecommend !== 'boolean') {
    return 'lacks the booleans hasSchema and hasRecommend';
  }
  if (plugin.optionsJsonSchema !== undefined && !isManifestJsonSchema(plugin.optionsJsonSchema)) {
    return 'has an optionsJsonSchema that is not { "2020-12": {...}, "07": {...} } or { unavailable: string }';
  }
  const { requires, incompatibleWith, order, before, after } = plugin;
  if (
    requires !== undefined ||
    incompatibleWith !== undefined ||
    order !== undefined ||
    before !== undefined ||
    after !== undefined
  ) {
    // The shapes registerLazy accepts, checked by the same code.
    try {
      readRules(plugin.alias as string, { requires, incompatibleWith, order, before, after });
    } catch (error) {
      return `has rules registerLazy refuses: ${errorText(error)}`;
    }
  }
  const module = plugin.module as string;
  if (!isRelativePath(module)) return `has module ${quote(module)}, which is not a relative path`;
  if (!MODULE_FILE.test(module) || DECLARATION_FILE.test(module)) {
    return `has module ${quote(module)}, which is not a JavaScript or TypeScript module`;
  }
  if (!Object.hasOwn(files, module)) return `has module ${quote(module)}, which is not one of the manifest's files`;
  return undefined;
}

function expectList(
  value: unknown,
  name: string,
  problems: string[],
  problemOf: (item: unknown) => string | undefined,
): void {
  if (!Array.isArray(value)) {
    problems.push(`${name} is not a list`);
    return;
  }
  const length = (value as unknown[]).length;
  if (length > MAX_LIST_ITEMS) {
    problems.push(`${name} holds ${String(length)} items, more than ${String(MAX_LIST_ITEMS)}`);
    return;
  }
  for (let index = 0; index < length; index += 1) {
    const problem = problemOf((value as unknown[])[index]);
    if (problem !== undefined) problems.push(`${name}[${String(index)}] ${problem}`);
  }
}

function expectRecord(
  value: unknown,
  name: string,
  problems: string[],
  problemOf: (key: string, item: unknown) => string | undefined,
): void {
  if (!isRecord(value)) {
    problems.push(`${name} is not an object`);
    return;
  }
  for (const [key, item] of Object.entries(value)) {
    const problem = problemOf(key, item);
    if (problem !== undefined) problems.push(`${name}[${quote(key)}] ${problem}`);
  }
}

/** A non-empty `/`-separated path that is not absolute (on any platform) and holds no NUL or backslash. */
function isRelativePath(value: unknown): value is string {
  return (
    isString(value) &&
    value !== '' &&
    !value.startsWith('/') &&
    !/^[A-Za-z]:/.test(value) &&
    !value.includes('\\') &&
    !value.includes('\0')
  );
}

/** True if `loadManifest` can define the kind: checked here, so that loading never stops half-way. */
function isKindName(name: string): boolean {
  try {
    assertKind(name);
    return true;
  } catch {
    return false;
  }
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

function isOptionalString(value: unknown): boolean {
  return value === undefined || typeof value === 'string';
}

function isStringList(value: unknown): value is string[] {
  if (!Array.isArray(value) || value.length > MAX_LIST_ITEMS) return false;
  for (let index = 0; index < value.length; index += 1) if (!isString(value[index])) return false;
  return true;
}

function isManifestJsonSchema(value: unknown): boolean {
  if (!isRecord(value)) return false;
  if (Object.keys(value).join() === 'unavailable') return isString(value.unavailable);
  return Object.keys(value).sort().join() === '07,2020-12' && isRecord(value['2020-12']) && isRecord(value['07']);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
