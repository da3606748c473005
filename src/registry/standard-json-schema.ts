/**
 * The Standard JSON Schema v1 interface (https://standardschema.dev/json-schema), copied as its authors
 * recommend so that plugboard reads the JSON Schema of zod (4.2+), ArkType, valibot (through
 * `@valibot/to-json-schema`) and any other implementation without depending on one.
 */
export interface StandardJSONSchemaV1<Input = unknown, Output = Input> {
  readonly '~standard': StandardJSONSchemaV1.Props<Input, Output>;
}

// eslint-disable-next-line @typescript-eslint/no-namespace -- the shape the Standard JSON Schema spec publishes
export declare namespace StandardJSONSchemaV1 {
  /** The properties under `~standard`. */
  export interface Props<Input = unknown, Output = Input> {
    readonly version: 1;
    readonly vendor: string;
    readonly types?: Types<Input, Output> | undefined;
    /** Methods for generating the input/output JSON Schema. */
    readonly jsonSchema: Converter;
  }
  /** Writes the JSON Schema of the schema's input or output. */
  export interface Converter {
    /** The JSON Schema of the input type. May throw if conversion is not supported. */
    readonly input: (options: Options) => Record<string, unknown>;
    /** The JSON Schema of the output type. May throw if conversion is not supported. */
    readonly output: (options: Options) => Record<string, unknown>;
  }
  /** The JSON Schema version to write. */
  export type Target = 'draft-2020-12' | 'draft-07' | 'openapi-3.0' | ({} & string);
  /** What the converter is asked for. */
  export interface Options {
    /** The JSON Schema version to generate; a library throws if it does not support it. */
    readonly target: Target;
    /** Vendor-specific parameters. */
    readonly libraryOptions?: Record<string, unknown> | undefined;
  }
  /** The schema's input and output types, for inference only. */
  export interface Types<Input = unknown, Output = Input> {
    readonly input: Input;
    readonly output: Output;
  }
  /** The input type of a schema. */
  export type InferInput<Schema extends StandardJSONSchemaV1> = NonNullable<Schema['~standard']['types']>['input'];
  /** The output type of a schema. */
  export type InferOutput<Schema extends StandardJSONSchemaV1> = NonNullable<Schema['~standard']['types']>['output'];
}
