import type { DescribedSchema } from '../registry/json-schema-of.js';
import type { PluginIncompatibility, PluginRequirement } from '../registry/plugin-rules.js';

/** What the JSON Schema needs of one plugin, from a registry or from a manifest. */
export interface SchemaPlugin {
  readonly alias: string;
  readonly kind: string;
  readonly description: string | undefined;
  readonly recommendedWhen: string | undefined;
  readonly params: unknown;
  readonly optionKeys: readonly string[] | undefined;
  /** The only option keys a selection may give (others are refused); undefined when any key is taken. */
  readonly knownKeys: readonly string[] | undefined;
  /** A singleton plugin is built once per container and takes no options in a selection. */
  readonly singleton: boolean;
  /** The options schema's JSON Schema for the draft asked for; undefined when the plugin has no schema. */
  readonly schema: DescribedSchema | undefined;
  /** What it needs of the rest of a selection (`requires`). */
  readonly requires: PluginRequirement | undefined;
  /** What it cannot run with (`incompatibleWith`). */
  readonly incompatibleWith: readonly PluginIncompatibility[] | undefined;
}

/** Everything a `plugins` JSON Schema is made from. */
export interface SchemaSource {
  /** Sorted by alias. */
  readonly plugins: readonly SchemaPlugin[];
  readonly exclusiveKinds: ReadonlySet<string>;
  /** Each kind's default alias (`defineKind(kind, { default })`), filled in when a selection has none of the kind. */
  readonly kindDefaults: ReadonlyMap<string, string>;
  /** The kinds a selection must have a plugin of (`defineKind(kind, { required: true })`). */
  readonly requiredKinds: ReadonlySet<string>;
  readonly deprecations: readonly { readonly alias: string; readonly successor: string; readonly message?: string }[];
}
