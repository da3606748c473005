/**
 * The alias-to-type map, empty until you declare it. Merge your aliases into it once, and
 * `resolver.resolve('ddp')` has the plugin's type instead of `unknown`:
 *
 * @example
 * declare module 'plugboard' {
 *   interface PluginTypes { ddp: DdpStrategy; deepspeed_zero_3_offload: DeepSpeedStrategy }
 * }
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface PluginTypes {}

/** The type of the plugin under `TAlias`: from PluginTypes when declared there, else `unknown`. */
export type PluginInstance<TAlias extends string> = TAlias extends keyof PluginTypes ? PluginTypes[TAlias] : unknown;
