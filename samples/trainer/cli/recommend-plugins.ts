import { formatPluginSelection, type PluginRegistry } from 'plugboard';
import { bytes } from './format.js';
import type { TrainerEnv } from '../services/recommendation-env.js';
import { trainerKindSettings } from '../registry.js';
import { trainerKinds, type TrainerKind } from '../trainer/plugin-plan.js';

/**
 * `--recommend`: per kind, the plugin the registry recommends for `env` (this machine and the model size) with
 * the reason its registration gives, or the kind's default when none is recommended; then the selection to use.
 */
export function recommendPlugins(registry: PluginRegistry, env: TrainerEnv, model: string): string[] {
  const lines = [
    `for this machine (${String(env.cores)} cores, ${bytes(env.freeMemoryBytes)} free of ${bytes(env.totalMemoryBytes)}) ` +
      `and ${model} (${env.parameters.toLocaleString('en-US')} parameters, model states ${bytes(env.modelStateBytes)} per replica):`,
  ];
  const chosen: string[] = [];
  const kinds = Object.keys(trainerKinds) as TrainerKind[];
  const width = Math.max(...kinds.map((kind) => kind.length));
  for (const kind of kinds) {
    const [best] = registry.recommend({ ...env }, { kind });
    const fallback = (trainerKindSettings[kind] as { default?: string }).default;
    const alias = best?.alias ?? fallback;
    if (alias === undefined) continue;
    const reason = best
      ? `recommended when ${best.reason}`
      : 'the default (no plugin of this kind claims this machine)';
    lines.push(`  ${kind.padEnd(width)}  ${alias.padEnd(24)}  ${reason}`);
    chosen.push(alias);
  }
  lines.push(`run with: --plugins "${formatPluginSelection(chosen.map((alias) => ({ alias })))}"`);
  return lines;
}
