import type { KnownOptionKeys } from './known-option-keys.js';
import { suggestAliases } from './suggest.js';
import type { StandardSchemaV1 } from './standard-schema.js';
import { InvalidPluginOptionsError, type PluginOptionsIssue } from '../errors/invalid-plugin-options-error.js';
import { copyOptions, isPlainObject } from '../internal/options.js';
import { list, messageOf, quoteList } from '../internal/quote.js';

/** What a registration says about the options its plugin takes. */
export interface OptionRules {
  readonly schema: StandardSchemaV1 | undefined;
}

/**
 * Checks `options` against the known keys and the schema, reporting every problem with its path.
 * Returns the schema's output (with its defaults and transforms, checked like any options), or the options.
 */
export function validateOptions(alias: string, options: unknown, rules: OptionRules, known: KnownOptionKeys): unknown {
  const issues = known.others === 'refused' ? unknownKeyIssues(options, known, undefined) : [];
  if (!rules.schema) {
    if (issues.length > 0) throw new InvalidPluginOptionsError(alias, issues);
    return options;
  }
  const result = runSchema(rules.schema, options ?? {});
  if ('promise' in result) throw asyncSchemaError(alias, issues, result.promise);
  issues.push(...result.issues);
  if (!result.failed && known.others === 'schema') issues.push(...unknownKeyIssues(options, known, result.value));
  if (issues.length > 0 || result.failed) throw new InvalidPluginOptionsError(alias, issues);
  // The output is the schema's (a transform may have parsed user text): checked like options before use.
  const output = copyOptions(result.value);
  if (output.issues.length > 0) {
    throw new InvalidPluginOptionsError(
      alias,
      output.issues.map((issue) => ({ ...issue, message: `in the schema's output: ${issue.message}` })),
    );
  }
  return output.copy;
}

/** Throws InvalidPluginOptionsError if `options` hold a top-level key that `known` refuses (schema aside). */
export function assertKnownOptionKeys(alias: string, options: unknown, known: KnownOptionKeys): void {
  if (known.others !== 'refused' || !isPlainObject(options)) return;
  for (const key in options) {
    if (Object.hasOwn(options, key) && !known.has(key)) {
      throw new InvalidPluginOptionsError(alias, unknownKeyIssues(options, known, undefined));
    }
  }
}

/**
 * An issue per top-level key of `options` that is not known: not declared, and (when `output` is given, the
 * schema's output for a schema that cannot list its keys) not kept by the schema either.
 */
function unknownKeyIssues(options: unknown, known: KnownOptionKeys, output: unknown): PluginOptionsIssue[] {
  if (!isPlainObject(options)) return [];
  if (output !== undefined && !isPlainObject(output)) return []; // a transform made something else: not judged
  const kept = output === undefined ? [] : Object.keys(output);
  const issues: PluginOptionsIssue[] = [];
  let candidates: string[] | undefined;
  for (const key of Object.keys(options)) {
    if (known.has(key) || kept.includes(key)) continue;
    candidates ??= [...new Set([...known.keys, ...kept])];
    const close = suggestAliases(key, candidates);
    const hint = close.length > 0 ? ` Did you mean ${quoteList(close, 'or')}?` : '';
    const dropped = output === undefined ? '' : ' (the schema drops it)';
    issues.push({
      path: [key],
      message:
        candidates.length === 0
          ? `unknown option: the plugin declares no options (a registration declares them with params, optionKeys ` +
            `or a schema, or takes any key with allowUnknownOptions: true).`
          : `unknown option${dropped}.${hint} Known options: ${list(candidates)}.`,
    });
  }
  return issues;
}

/** What a schema said, read defensively: a schema is third-party code and may throw or return anything. */
function runSchema(
  schema: StandardSchemaV1,
  value: unknown,
): { value: unknown; issues: PluginOptionsIssue[]; failed: boolean } | { promise: PromiseLike<unknown> } {
  let result: unknown;
  try {
    result = schema['~standard'].validate(value);
  } catch (error) {
    return schemaFailure(`the schema threw: ${messageOf(error)}`);
  }
  if (isThenable(result)) return { promise: result };
  if (typeof result !== 'object' || result === null) {
    return schemaFailure('the schema returned no result (a Standard Schema returns { value } or { issues })');
  }
  try {
    const { issues, value: output } = result as { issues?: unknown; value?: unknown };
    if (issues === undefined) return { value: output, issues: [], failed: false };
    return { value: undefined, issues: readIssues(issues), failed: true };
  } catch (error) {
    return schemaFailure(`reading the schema's result threw: ${messageOf(error)}`);
  }
}

function schemaFailure(message: string): { value: undefined; issues: PluginOptionsIssue[]; failed: true } {
  return { value: undefined, issues: [{ path: [], message }], failed: true };
}

/** A schema's issues as plugboard keeps them; anything malformed becomes one issue that says so. */
function readIssues(raw: unknown): PluginOptionsIssue[] {
  if (!Array.isArray(raw)) return [{ path: [], message: 'the schema returned malformed issues' }];
  const issues: PluginOptionsIssue[] = [];
  for (const issue of raw as unknown[]) {
    const { message, path } = (typeof issue === 'object' && issue !== null ? issue : {}) as {
      message?: unknown;
      path?: unknown;
    };
    issues.push({
      path: Array.isArray(path) ? (path as unknown[]).map(pathKey) : [],
      message: typeof message === 'string' ? message : 'the schema reported an issue without a message',
    });
  }
  if (issues.length === 0) issues.push({ path: [], message: 'the schema failed without saying why' });
  return issues;
}

function pathKey(segment: unknown): PropertyKey {
  const key: unknown = typeof segment === 'object' && segment !== null ? (segment as { key?: unknown }).key : segment;
  return typeof key === 'string' || typeof key === 'number' || typeof key === 'symbol' ? key : messageOf(key);
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  try {
    return (
      (typeof value === 'object' || typeof value === 'function') &&
      value !== null &&
      typeof (value as { then?: unknown }).then === 'function'
    );
  } catch {
    return false;
  }
}

/**
 * An asynchronous schema cannot be awaited by a synchronous resolve. The promise is handled here (it never
 * becomes an unhandled rejection) and the error is thrown now; its `issues` gain the schema's own issues
 * when the promise settles with them, for a caller that awaits before reading them.
 */
function asyncSchemaError(
  alias: string,
  found: readonly PluginOptionsIssue[],
  promise: PromiseLike<unknown>,
): InvalidPluginOptionsError {
  const issues: PluginOptionsIssue[] = [
    ...found,
    {
      path: [],
      message:
        'the schema validates asynchronously; plugboard builds plugins synchronously (the schema returned a ' +
        'Promise, as async refinements and transforms do): use a synchronous schema',
    },
  ];
  const error = new InvalidPluginOptionsError(alias, issues);
  const keep = (settled: unknown): void => {
    try {
      const reported = (settled as { issues?: unknown } | null)?.issues;
      if (reported !== undefined) issues.push(...readIssues(reported));
    } catch {
      // A hostile result: the issue above already says what matters.
    }
  };
  Promise.resolve(promise).then(keep, (reason: unknown) => {
    issues.push({ path: [], message: `the asynchronous schema rejected: ${messageOf(reason)}` });
  });
  return error;
}
