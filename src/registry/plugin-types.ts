/**
 * The alias-to-class map, empty until you declare it. Declare it once (declaration merging) and
 * `resolver.resolve('ddp')` has the type `DdpStrategy`, its overrides are checked against the
 * constructor's options, and a mistyped alias is a compile error that lists the valid ones.
 * Without it, every alias is accepted and resolves to `unknown`.
 *
 * @example
 * declare module 'plugboard' {
 *   interface PluginTypes {
 *     ddp: typeof DdpStrategy;
 *     deepspeed_zero_3_offload: typeof DeepSpeedStrategy;
 *   }
 * }
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface PluginTypes {}

type Newable = abstract new (...args: never[]) => unknown;
type KnownAlias = Extract<keyof PluginTypes, string>;
type Typed = [KnownAlias] extends [never] ? false : true;
type ClassOf<TAlias> = TAlias extends KnownAlias
  ? PluginTypes[TAlias] extends Newable
    ? PluginTypes[TAlias]
    : never
  : never;

/** The aliases a program may name: those declared in PluginTypes, or any string when none are. */
export type PluginAlias = Typed extends true ? KnownAlias : string;

/**
 * What `resolve` accepts for `TAlias`: a declared alias, or a wide `string` (a value read at run time).
 * A literal that is not declared becomes the union of declared aliases, so the compiler lists them.
 */
export type CheckedAlias<TAlias extends string> = string extends TAlias
  ? TAlias
  : Typed extends true
    ? TAlias extends KnownAlias
      ? TAlias
      : // eslint-disable-next-line @typescript-eslint/no-redundant-type-constituents -- never only until PluginTypes is declared
        keyof PluginTypes & string
    : TAlias;

/** The instance type of the plugin under `TAlias`: from PluginTypes when declared there, else `unknown`. */
export type PluginInstance<TAlias extends string> = TAlias extends KnownAlias ? InstanceType<ClassOf<TAlias>> : unknown;

/** The overrides `TAlias` takes: part of its constructor's options when declared in PluginTypes. */
export type PluginOptionsOverride<TAlias extends string> = TAlias extends KnownAlias
  ? // eslint-disable-next-line @typescript-eslint/no-generated-empty-object-type -- {} only until PluginTypes is declared
    Partial<NonNullable<ConstructorParameters<ClassOf<TAlias>>[0]>>
  : Record<string, unknown>;
