import type { LazySource } from './lazy-target.js';
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
