import type { PluginRegistry } from 'plugboard';
import type { PlannedPlugin } from '../trainer/plugin-plan.js';

/**
 * The line that says in which order a run's callbacks and loggers run, when a kind has several and any of them
 * declares an order (`order`, `before`, `after` on its registration): the declared order, then the selection's.
 *
 * @example
 * callbacks run: lr_monitor (first), early_stopping, model_checkpoint (after early_stopping)
 */
export function runOrderLines(plugins: readonly PlannedPlugin[], registry: PluginRegistry): string[] {
  const lines: string[] = [];
  for (const [kind, label] of [
    ['callback', 'callbacks'],
    ['logger', 'loggers'],
  ] as const) {
    const ofKind = plugins.filter((plugin) => plugin.kind === kind);
    const declared = ofKind.map((plugin) => declaration(plugin, registry));
    if (ofKind.length < 2 || declared.every((text) => text === '')) continue;
    const names = ofKind.map((plugin, i) => `${plugin.choice?.alias ?? plugin.text}${declared[i] ?? ''}`);
    lines.push(`${label} run: ${names.join(', ')}`);
  }
  return lines;
}

function declaration(plugin: PlannedPlugin, registry: PluginRegistry): string {
  const entry = plugin.choice === undefined ? undefined : registry.find(plugin.choice.alias);
  if (!entry) return '';
  const target = (t: string | { readonly kind: string }): string => (typeof t === 'string' ? t : `every ${t.kind}`);
  const parts = [
    ...(entry.order === undefined ? [] : [entry.order]),
    ...(entry.before ?? []).map((t) => `before ${target(t)}`),
    ...(entry.after ?? []).map((t) => `after ${target(t)}`),
  ];
  return parts.length === 0 ? '' : ` (${parts.join(', ')})`;
}
