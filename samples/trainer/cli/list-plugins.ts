import type { PluginRegistry } from 'plugboard';
import { trainerKindSettings } from '../registry.js';
import { trainerKinds, type TrainerKind } from '../trainer/plugin-plan.js';

/**
 * `--list-plugins`: the registry's plugins grouped by kind, each kind with whether a run takes one or several
 * and its default, each plugin with its description, when to use it, and the package it came from when a
 * package added it (`origins`: alias to package name).
 */
export function listPlugins(registry: PluginRegistry, origins: ReadonlyMap<string, string> = new Map()): string[] {
  const lines: string[] = [];
  for (const kind of Object.keys(trainerKinds) as TrainerKind[]) {
    const spec: { exclusive: boolean; default?: string } = trainerKindSettings[kind];
    const entries = registry.list({ kind });
    const defaults = spec.default === undefined ? 'default none' : `default ${spec.default}`;
    lines.push(`${kind} (${spec.exclusive ? 'one per run' : 'any number'}; ${defaults}):`);
    const width = Math.max(...entries.map((entry) => entry.alias.length));
    for (const entry of entries) {
      const origin = origins.get(entry.alias);
      lines.push(
        `  ${entry.alias.padEnd(width)}  ${entry.description ?? ''}${origin ? ` [from ${origin}]` : ''}`,
        ...(entry.recommendedWhen ? [`  ${' '.repeat(width)}  recommended when: ${entry.recommendedWhen}`] : []),
      );
    }
    lines.push('');
  }
  const deprecated = registry.deprecations().map((d) => `${d.alias} -> ${d.successor}`);
  if (deprecated.length > 0)
    lines.push(`deprecated spellings (still accepted, with a warning): ${deprecated.join(', ')}`);
  return lines;
}
