import { withOverrideScope } from '../container/plugin-overrides.js';
import { runThen } from '../internal/run-then.js';
import { withFlowAliases } from '../registry/flow-aliases.js';
import { functionArgument } from '../registry/arguments.js';
import { overrideEntries } from './override-entries.js';
import { pluginsRegistry } from '../registry/plugins-registry.js';
import { overridePlugin, type OverrideTarget } from './override-plugin.js';
import type { PluginReplacement } from './plugin-replacement.js';
import type { PluginAlias, PluginInstance } from '../registry/plugin-types.js';

/** Replacements by alias (checked against PluginTypes when it is declared). */
export type PluginOverrides = Readonly<Partial<{ [TAlias in PluginAlias]: PluginReplacement<PluginInstance<TAlias>> }>>;

/**
 * Runs `fn` (sync or async) with the plugins under the given aliases replaced, then restores them, also
 * when `fn` throws. The overrides are seen only by `fn`'s own async flow: two tests or requests running
 * at the same time each see their own, also aliases an `allowNew` override adds inside `fn`. Nested calls unwind in order. Without a target, the overrides
 * apply to the default registry (`pluginsRegistry`) and so to every container built on it.
 *
 * @example
 * await withPluginOverrides({ ddp: new FakeStrategy() }, async () => { await trainer.fit(); });
 * withPluginOverrides(container, { ddp: FakeStrategy }, () => trainer.fit());
 */
export function withPluginOverrides<T>(overrides: PluginOverrides, fn: () => T): T;
export function withPluginOverrides<T>(target: OverrideTarget, overrides: PluginOverrides, fn: () => T): T;
export function withPluginOverrides<T>(
  ...args: [PluginOverrides, () => T] | [OverrideTarget, PluginOverrides, () => T]
): T {
  const [target, overrides, fn] = args.length === 2 ? [pluginsRegistry, ...args] : args;
  functionArgument(fn, 'withPluginOverrides()', 'the block');
  const entries = overrideEntries(overrides, 'withPluginOverrides()');
  return withFlowAliases(() =>
    withOverrideScope(() => {
      const handles: Disposable[] = [];
      const restore = (): void => {
        for (const handle of handles.reverse()) handle[Symbol.dispose]();
      };
      try {
        for (const [alias, replacement] of entries) {
          handles.push(overridePlugin(target, alias, replacement as PluginReplacement));
        }
      } catch (error) {
        restore();
        throw error;
      }
      return runThen(fn, restore);
    }),
  );
}
