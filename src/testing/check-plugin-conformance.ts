import type { Container } from 'inversify';
import { buildWithoutSetup } from './build-without-setup.js';
import { conformanceInputs } from './conformance-inputs.js';
import { checkPluginRules } from './check-plugin-rules.js';
import type { ConformanceCheck, ConformanceFailure, ConformanceReport } from './conformance-report.js';
import { createPluginContainer } from '../container/create-plugin-container.js';
import { disposePluginContainer } from '../container/dispose-plugin-container.js';
import { PluginResolver } from '../container/plugin-resolver.js';
import { PluginError } from '../errors/plugin-error.js';
import { PluginRegistrationError } from '../errors/plugin-registration-error.js';
import { messageOf, quote } from '../internal/quote.js';
import { describeValue } from '../registry/alias.js';
import type { PluginEntry } from '../registry/plugin-entry.js';
import type { PluginRegistry } from '../registry/plugin-registry.js';
import { declaresSetup } from '../registry/plugin-setup.js';
import { registryArgument } from '../registry/registry-argument.js';
import { suggestAliases } from '../registry/suggest.js';

/** Which plugins `checkPluginConformance` checks, and how. */
export interface ConformanceOptions {
  /** The aliases to check. Default: every plugin of the registry. */
  aliases?: readonly string[];
  /**
   * Makes the inversify container plugins are built in: one with plugboard's bindings of the registry
   * (`createPluginContainer`, `createTestContainer(...).container`, or an app's own) and the services the
   * plugins inject. Called once per plugin. Default `createPluginContainer({ registry })`.
   */
  container?: () => Container;
  /**
   * How long one step (building, set-up, one disposal) may take, in milliseconds: above 0 and at most
   * 2147483647. Default 5000.
   */
  timeoutMs?: number;
}

const OPTION_KEYS = ['aliases', 'container', 'timeoutMs'];
const DEFAULT_TIMEOUT_MS = 5_000;

/**
 * Checks that plugins keep the host's contract, for plugin authors' tests: each constructs (and sets up) with
 * its variant's params; options its JSON Schema accepts construct, and near misses (an unknown key one edit
 * away, a value of the wrong type) are refused by validation, not by the constructor; disposal works twice and
 * without set-up; set-up then dispose finishes in time; `requires` and `incompatibleWith` name aliases and
 * kinds that exist, and never the same one. Plugin failures are reported, never thrown; every step is bounded
 * by `timeoutMs`. Throws only for wrong arguments (UnknownPluginError for an alias not registered).
 *
 * @example
 * const report = await checkPluginConformance(registry, { aliases: ['tpu'] });
 * expect(report.failures).toEqual([]);
 */
export async function checkPluginConformance(
  registry: PluginRegistry,
  options: ConformanceOptions = {},
): Promise<ConformanceReport> {
  registryArgument(registry, 'checkPluginConformance(registry, options)');
  const given = readConformanceOptions(registry, options);
  const entries = (given.aliases ?? registry.list().map((entry) => entry.alias)).map((alias) => registry.get(alias));
  const failures: ConformanceFailure[] = [];
  for (const entry of entries) {
    failures.push(...checkPluginRules(registry, entry));
    await checkPlugin(registry, entry, given, failures);
  }
  return { ok: failures.length === 0, failures };
}

interface Given {
  readonly aliases: readonly string[] | undefined;
  readonly container: () => Container;
  readonly timeoutMs: number;
}

async function checkPlugin(
  registry: PluginRegistry,
  entry: PluginEntry,
  given: Given,
  failures: ConformanceFailure[],
): Promise<void> {
  const { alias } = entry;
  const fail = (check: ConformanceCheck, message: string, input?: unknown): void => {
    failures.push(input === undefined ? { check, alias, message } : { check, alias, input, message });
  };
  const step = <T>(run: () => T | PromiseLike<T>): Promise<Outcome<T>> => bounded(run, given.timeoutMs);
  const made = await step(() => given.container());
  if (!made.ok) {
    fail('construct', `making the container failed: ${made.message}`);
    return;
  }
  const container = made.value;
  // The factory is the caller's code, not the plugin's: what it returns wrong is the caller's to fix.
  if (!hasPluginBindings(container)) {
    throw new PluginRegistrationError(
      `checkPluginConformance(registry, options): container() must return an inversify container with plugboard's ` +
        `bindings loaded in it (not only in a parent), such as createPluginContainer({ registry }) or createTestContainer({ registry }).container, ` +
        `got ${describeValue(container)}.`,
    );
  }
  let singleton: { readonly instance: unknown } | undefined;
  try {
    const resolver = container.get(PluginResolver);
    const built = await step(() => resolver.resolveAsync(alias));
    if (!built.ok) fail('construct', built.message, entry.params);
    else if (entry.scope === 'singleton') singleton = { instance: built.value };
    else {
      const first = await step(() => disposeInstance(built.value));
      if (!first.ok) fail('setup-dispose', `disposing it after set-up failed: ${first.message}`);
      const second = await step(() => disposeInstance(built.value));
      if (first.ok && !second.ok) fail('dispose', `disposing it a second time failed: ${second.message}`);
    }
    if (built.ok && declaresSetup(entry.target)) {
      await checkDisposalWithoutSetup(container, registry, alias, step, fail);
    }
    if (built.ok && !singleton) await checkSchema(entry, resolver, step, fail);
  } catch (error) {
    fail('construct', `checking it failed: ${messageOf(error)}`);
  } finally {
    const closed = await step(() => disposePluginContainer(container));
    if (!closed.ok) fail('setup-dispose', `disposing its container failed: ${closed.message}`);
    if (closed.ok && singleton) {
      const again = await step(() => disposeInstance(singleton?.instance));
      if (!again.ok) fail('dispose', `disposing it again after its container did failed: ${again.message}`);
    }
  }
}

/**
 * True for an inversify container in which plugboard's bindings are loaded: not through a parent, since the
 * check disposes the container it is given (disposePluginContainer).
 */
function hasPluginBindings(value: unknown): value is Container {
  try {
    const candidate = value as Partial<Container> | null | undefined;
    return typeof candidate?.isCurrentBound === 'function' && candidate.isCurrentBound(PluginResolver);
  } catch {
    return false;
  }
}

async function checkDisposalWithoutSetup(
  container: Container,
  registry: PluginRegistry,
  alias: string,
  step: <T>(run: () => T | PromiseLike<T>) => Promise<Outcome<T>>,
  fail: (check: ConformanceCheck, message: string) => void,
): Promise<void> {
  const bare = await step(() => buildWithoutSetup(container, registry, alias));
  if (!bare.ok) {
    fail('dispose', `building it without set-up failed: ${bare.message}`);
    return;
  }
  const first = await step(() => disposeInstance(bare.value));
  if (!first.ok) fail('dispose', `disposing it before set-up failed: ${first.message}`);
  const second = await step(() => disposeInstance(bare.value));
  if (first.ok && !second.ok) fail('dispose', `disposing it a second time before set-up failed: ${second.message}`);
}

async function checkSchema(
  entry: PluginEntry,
  resolver: PluginResolver,
  step: <T>(run: () => T | PromiseLike<T>) => Promise<Outcome<T>>,
  fail: (check: ConformanceCheck, message: string, input?: unknown) => void,
): Promise<void> {
  const inputs = conformanceInputs(entry);
  for (const input of inputs.valid) {
    const built = await step(() => resolver.resolveAsync(entry.alias, input));
    if (built.ok) {
      await step(() => disposeInstance(built.value));
    } else if (built.code !== 'PLUGIN_INVALID_OPTIONS') {
      // Validation may be stricter than the JSON Schema (rules across fields); the constructor may not.
      fail('schema', `options its schema accepts were refused by the constructor: ${built.message}`, input);
    }
  }
  for (const { input, what } of inputs.nearMiss) {
    const built = await step(() => resolver.resolveAsync(entry.alias, input));
    if (built.ok) {
      await step(() => disposeInstance(built.value));
      fail('schema', `options with ${what} were accepted; validation must refuse them`, input);
    } else if (built.code !== 'PLUGIN_INVALID_OPTIONS') {
      fail(
        'schema',
        `options with ${what} were refused by the constructor, not by validation: ${built.message}`,
        input,
      );
    }
  }
}

/** Disposes `instance` as a container would: `[Symbol.asyncDispose]`, else `[Symbol.dispose]`, if it has one. */
async function disposeInstance(instance: unknown): Promise<void> {
  if ((typeof instance !== 'object' && typeof instance !== 'function') || instance === null) return;
  const target = instance as Partial<AsyncDisposable & Disposable>;
  const asyncDispose = target[Symbol.asyncDispose];
  if (typeof asyncDispose === 'function') {
    await asyncDispose.call(instance);
    return;
  }
  const dispose = target[Symbol.dispose];
  if (typeof dispose === 'function') dispose.call(instance);
}

type Outcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly message: string; readonly code: string | undefined };

/**
 * Runs `run` (plugin code) and waits for it at most `ms`: its value, or why it failed or did not finish. The
 * timer is cleared; a late rejection is absorbed.
 */
async function bounded<T>(run: () => T | PromiseLike<T>, ms: number): Promise<Outcome<T>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const work = Promise.resolve().then(run);
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => {
      resolve('late');
    }, ms);
  });
  try {
    const value = await Promise.race([work.then((result) => ({ result })), late]);
    if (value === 'late') {
      work.catch(() => undefined);
      return { ok: false, message: `it did not finish within ${String(ms)} ms`, code: undefined };
    }
    return { ok: true, value: value.result };
  } catch (error) {
    return { ok: false, message: textOf(error), code: codeOf(error) };
  } finally {
    clearTimeout(timer);
  }
}

/** What `error` says: a plugboard error's whole message (bounded already), else its first line. */
function textOf(error: unknown): string {
  try {
    if (PluginError.is(error)) return error.message;
  } catch {
    // A Proxy that throws: the safe first line below.
  }
  return messageOf(error);
}

function codeOf(error: unknown): string | undefined {
  try {
    return PluginError.is(error) ? error.code : undefined;
  } catch {
    return undefined;
  }
}

function readConformanceOptions(registry: PluginRegistry, options: unknown): Given {
  const refuse = (why: string): PluginRegistrationError =>
    new PluginRegistrationError(`checkPluginConformance(registry, options): ${why}.`);
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw refuse(`options must be an object such as { aliases: ['ddp'] }, got ${describeValue(options)}`);
  }
  let record: Record<string, unknown>;
  try {
    record = { ...options };
  } catch (error) {
    throw refuse(`reading the options threw: ${messageOf(error)}`);
  }
  for (const key of Object.keys(record)) {
    if (OPTION_KEYS.includes(key)) continue;
    const hint = suggestAliases(key, OPTION_KEYS);
    throw refuse(
      `unknown option ${quote(key)}.${hint.length > 0 ? ` Did you mean ${quote(hint[0])}?` : ''} ` +
        `Known options: ${OPTION_KEYS.join(', ')}`,
    );
  }
  const { aliases, container, timeoutMs } = record;
  if (aliases !== undefined && !isAliasList(aliases)) {
    throw refuse(`aliases must be an array of aliases, got ${describeValue(aliases)}`);
  }
  if (container !== undefined && typeof container !== 'function') {
    throw refuse(
      `container must be a function that makes a container, such as () => createPluginContainer({ registry }), ` +
        `got ${describeValue(container)}`,
    );
  }
  if (timeoutMs !== undefined && !(typeof timeoutMs === 'number' && timeoutMs > 0 && timeoutMs <= 2 ** 31 - 1)) {
    throw refuse(
      `timeoutMs must be a number of milliseconds above 0 and at most 2147483647 (what setTimeout takes), got ${describeValue(timeoutMs)}`,
    );
  }
  return {
    aliases: aliases === undefined ? undefined : [...(aliases as string[])],
    container: (container as (() => Container) | undefined) ?? (() => createPluginContainer({ registry })),
    timeoutMs: timeoutMs ?? DEFAULT_TIMEOUT_MS,
  };
}

/** An array of strings, bounded first: `every` visits each index of a sparse array of length 2 ** 32 - 1. */
function isAliasList(value: unknown): value is readonly string[] {
  return Array.isArray(value) && value.length <= 100_000 && value.every((alias) => typeof alias === 'string');
}
