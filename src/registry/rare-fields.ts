import type { LazySource, LazyTarget } from './lazy-target.js';
import type { InjectedDependency } from './plugin-dependency.js';
import type { PluginClass, RecommendationEnv } from './plugin-entry.js';
import type { PluginRules } from './plugin-rules.js';
import type { StandardSchemaV1 } from './standard-schema.js';

/**
 * What few registrations have (a schema, option keys, a recommend predicate, rules, a manifest source) and
 * what is made for some only (an identity in a container, the frozen params): kept apart, so that the record
 * of a plain registration stays small (10,000 generated variants are 10,000 records).
 */
export interface Rare {
  readonly schema: StandardSchemaV1 | undefined;
  readonly optionKeys: readonly string[] | undefined;
  readonly allowUnknownOptions: boolean;
  readonly recommend: ((env: RecommendationEnv) => boolean | number) | undefined;
  readonly rules: PluginRules | undefined;
  readonly inject: readonly InjectedDependency[] | undefined;
  readonly secretOptions?: readonly string[] | undefined;
  /** The keys the registration's own params gave, when a schema added defaults to them. */
  readonly givenKeys?: readonly string[] | undefined;
  readonly lazy: LazySource | undefined;
  readonly setupTimeoutMs: number | undefined;
  readonly load: (() => PluginClass) | undefined;
  serviceId?: symbol;
  injection?: Map<string, boolean>;
  frozen?: unknown;
}

/** A `Rare` with nothing given, for a record that needs one of the fields made on demand. */
export function noRare(): Rare {
  return {
    schema: undefined,
    optionKeys: undefined,
    allowUnknownOptions: false,
    recommend: undefined,
    rules: undefined,
    inject: undefined,
    lazy: undefined,
    setupTimeoutMs: undefined,
    load: undefined,
  };
}

/**
 * The `Rare` of a registration that gives any of these (or is a manifest entry, `lazy`). Only such a
 * registration makes one: the record of a plain registration holds none.
 */
export function rareFields(
  schema: StandardSchemaV1 | undefined,
  optionKeys: readonly string[] | undefined,
  recommend: ((env: RecommendationEnv) => boolean | number) | undefined,
  rules: PluginRules | undefined,
  inject: readonly InjectedDependency[] | undefined,
  lazy: LazyTarget | undefined,
  setupTimeoutMs: number | undefined,
  more: Partial<Pick<Rare, 'secretOptions' | 'givenKeys' | 'allowUnknownOptions'>> | undefined,
): Rare {
  const { secretOptions, givenKeys, allowUnknownOptions = false } = more ?? {};
  return {
    schema,
    optionKeys,
    allowUnknownOptions,
    recommend,
    rules,
    inject,
    secretOptions,
    givenKeys,
    lazy: lazy?.source,
    setupTimeoutMs,
    load: lazy?.load,
  };
}
