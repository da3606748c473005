/** One plugin in a selection with options that override its variant's params. */
export interface PluginChoice<TOptions = Record<string, unknown>> {
  alias: string;
  options?: TOptions;
}

/** One item of a `plugins` option: an alias, `{ alias, options }`, or a ready instance. */
export type PluginSelectionItem = string | PluginChoice | object;

/** A trainer's `plugins` option: one item or an array of them. */
export type PluginSelection = PluginSelectionItem | readonly PluginSelectionItem[];
