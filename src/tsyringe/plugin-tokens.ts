import { assertAlias, assertKind, normalizeAlias } from '../registry/alias.js';

/**
 * The tsyringe token of one plugin alias (spelling-insensitive, like every look-up):
 * `container.resolve(pluginAliasToken('deepspeed_zero_3_offload'))`.
 */
export function pluginAliasToken(alias: string): string {
  assertAlias(alias);
  return `plugboard:plugin:${normalizeAlias(alias)}`;
}

/** A look-up of the plugins of one kind: `(alias, overrides?) => instance`. */
export type PluginKindLookup = (alias: string, overrides?: Record<string, unknown>) => unknown;

/**
 * The tsyringe token of a kind, resolving to a PluginKindLookup: the tsyringe counterpart of inversify's
 * named bindings of `pluginToken(kind)`. `container.resolve<PluginKindLookup>(pluginKindToken('strategy'))('ddp')`.
 */
export function pluginKindToken(kind: string): string {
  assertKind(kind);
  return `plugboard:kind:${kind}`;
}
