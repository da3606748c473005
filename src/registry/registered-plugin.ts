import type { PluginClass, PluginEntry, PluginScope, RecommendationEnv } from './plugin-entry.js';
import type { StandardSchemaV1 } from './standard-schema.js';
import type { OptionRules } from './validate-options.js';
import type { CallSite } from '../internal/call-site.js';
import { optionsEqual } from '../internal/options.js';

/** The registry's own record of one registration. */
export class RegisteredPlugin implements PluginEntry, OptionRules {
  /** The identity of this registration in a container: the class is bound under it when inversify builds it. */
  readonly serviceId: symbol;

  constructor(
    readonly key: string,
    readonly alias: string,
    readonly kind: string,
    readonly target: PluginClass,
    readonly description: string | undefined,
    readonly recommendedWhen: string | undefined,
    readonly params: unknown,
    readonly scope: PluginScope,
    readonly callSite: CallSite,
    readonly schema: StandardSchemaV1 | undefined,
    readonly optionKeys: readonly string[] | undefined,
    readonly recommend: ((env: RecommendationEnv) => boolean | number) | undefined,
  ) {
    this.serviceId = Symbol(`plugboard:${alias}`);
  }

  get source(): string | undefined {
    return this.callSite.toString();
  }

  /** `ClassName (file:line)`, for messages. */
  describe(): string {
    const name = this.target.name || '(anonymous class)';
    const source = this.source;
    return source === undefined ? name : `${name} (${source})`;
  }

  /**
   * The same registration made again: the same class (or a re-evaluated copy of it from the same
   * place, as after a jest module reset) with the same alias, kind, texts and options.
   */
  isEquivalent(other: RegisteredPlugin): boolean {
    const sameClass =
      this.target === other.target ||
      (this.target.name === other.target.name && this.source !== undefined && this.source === other.source);
    return (
      sameClass &&
      this.alias === other.alias &&
      this.kind === other.kind &&
      this.scope === other.scope &&
      this.description === other.description &&
      this.recommendedWhen === other.recommendedWhen &&
      optionsEqual(this.params, other.params)
    );
  }
}
