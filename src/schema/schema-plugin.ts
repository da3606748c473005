import type { DescribedSchema } from '../registry/json-schema-of.js';

/** What the JSON Schema needs of one plugin, from a registry or from a manifest. */
export interface SchemaPlugin {
  readonly alias: string;
  readonly kind: string;
  readonly description: string | undefined;
  readonly recommendedWhen: string | undefined;
  readonly params: unknown;
  readonly optionKeys: readonly string[] | undefined;
  /** A singleton plugin is built once per container and takes no options in a selection. */
  readonly singleton: boolean;
  /** The options schema's JSON Schema for the draft asked for; undefined when the plugin has no schema. */
  readonly schema: DescribedSchema | undefined;
}

/** Everything a `plugins` JSON Schema is made from. */
export interface SchemaSource {
  /** Sorted by alias. */
  readonly plugins: readonly SchemaPlugin[];
  readonly exclusiveKinds: ReadonlySet<string>;
  readonly deprecations: readonly { readonly alias: string; readonly successor: string; readonly message?: string }[];
}
