import type { PlannedPlugin } from '../trainer/plugin-plan.js';

/**
 * The first lines of a run: each plugin by the alias the user types, its kind, and where it came from, then
 * how to change or list them.
 *
 * @example
 * plugins (alias, kind, from):
 *   ddp(workers=2)   strategy       --plugins
 *   32-true          precision      default
 */
export function pluginTable(plugins: readonly PlannedPlugin[]): string[] {
  const aliasWidth = Math.max(...plugins.map((plugin) => plugin.text.length), 5);
  const kindWidth = Math.max(...plugins.map((plugin) => plugin.kind.length), 4);
  return [
    'plugins (alias, kind, from):',
    ...plugins.map(
      (plugin) => `  ${plugin.text.padEnd(aliasWidth)}  ${plugin.kind.padEnd(kindWidth)}  ${plugin.source}`,
    ),
    'change them with --plugins "...", TRAINER_PLUGINS or --config FILE; list them with --list-plugins; advice with --recommend',
  ];
}
