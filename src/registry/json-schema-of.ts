import type { StandardJSONSchemaV1 } from './standard-json-schema.js';
import type { StandardSchemaV1 } from './standard-schema.js';

/** The JSON Schema drafts plugboard writes. */
export type JsonSchemaDraft = '2020-12' | '07';

/** The JSON Schema drafts, as Standard JSON Schema names its targets. */
export const DRAFT_TARGETS = { '2020-12': 'draft-2020-12', '07': 'draft-07' } as const;

/** What a plugin's options schema says about itself as JSON Schema. */
export type DescribedSchema =
  | { readonly described: true; readonly schema: Record<string, unknown> }
  | { readonly described: false; readonly vendor: string; readonly reason: string };

/**
 * The JSON Schema of the input a Standard Schema accepts, through Standard JSON Schema
 * (`~standard.jsonSchema.input({ target })`), or why there is none: the library does not implement it, or
 * it cannot express this schema (zod throws for functions, transforms' outputs and the like).
 */
export function jsonSchemaOf(schema: StandardSchemaV1, draft: JsonSchemaDraft): DescribedSchema {
  const props = schema['~standard'] as StandardSchemaV1.Props & Partial<StandardJSONSchemaV1.Props>;
  const vendor = typeof props.vendor === 'string' ? props.vendor : 'unknown';
  const input = props.jsonSchema?.input;
  if (typeof input !== 'function') {
    return { described: false, vendor, reason: `its ${vendor} schema does not implement Standard JSON Schema` };
  }
  try {
    const described: unknown = input({ target: DRAFT_TARGETS[draft] });
    if (typeof described !== 'object' || described === null || Array.isArray(described)) {
      return { described: false, vendor, reason: `its ${vendor} schema returned no JSON Schema object` };
    }
    // A JSON copy: the library's object may be shared or hold values JSON cannot.
    return { described: true, schema: JSON.parse(JSON.stringify(described)) as Record<string, unknown> };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { described: false, vendor, reason: `its ${vendor} schema cannot be written as JSON Schema (${message})` };
  }
}
