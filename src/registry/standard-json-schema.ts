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
  export interface Props<Input = unknown, Output = Input> {
    readonly version: 1;
    readonly vendor: string;
    readonly types?: Types<Input, Output> | undefined;
    /** Methods for generating the input/output JSON Schema. */
    readonly jsonSchema: Converter;
  }
  export interface Converter {
    /** The JSON Schema of the input type. May throw if conversion is not supported. */
    readonly input: (options: Options) => Record<string, unknown>;
    /** The JSON Schema of the output type. May throw if conversion is not supported. */
    readonly output: (options: Options) => Record<string, unknown>;
  }
  export type Target = 'draft-2020-12' | 'draft-07' | 'openapi-3.0' | ({} & string);
  export interface Options {
    /** The JSON Schema version to generate; a library throws if it does not support it. */
    readonly target: Target;
    /** Vendor-specific parameters. */
    readonly libraryOptions?: Record<string, unknown> | undefined;
  }
  export interface Types<Input = unknown, Output = Input> {
    readonly input: Input;
    readonly output: Output;
  }
  export type InferInput<Schema extends StandardJSONSchemaV1> = NonNullable<Schema['~standard']['types']>['input'];
  export type InferOutput<Schema extends StandardJSONSchemaV1> = NonNullable<Schema['~standard']['types']>['output'];
}
