import { PluginRegistry } from 'plugboard';

/**
 * The trainer's own plugin registry: its strategies, precisions and checkpoint formats register here rather
 * than in the global `pluginsRegistry`, so the sample (and its tests) stay isolated from other plugins.
 * A run uses one plugin of each of these kinds, so selecting two of one kind is a PluginConflictError.
 */
export const trainerRegistry = new PluginRegistry();

for (const kind of ['strategy', 'precision', 'checkpoint_io']) trainerRegistry.defineKind(kind, { exclusive: true });

/** PyTorch Lightning's spellings keep working, with a warning that names ours (Lightning removed its own without one). */
const lightningSpellings: readonly (readonly [string, string])[] = [
  ['deepspeed_stage_1', 'deepspeed_zero_1'],
  ['deepspeed_stage_2', 'deepspeed_zero_2'],
  ['deepspeed_stage_3', 'deepspeed_zero_3'],
  ['deepspeed_stage_3_offload', 'deepspeed_zero_3_offload'],
  ['ddp_spawn', 'ddp'],
];
for (const [old, successor] of lightningSpellings) {
  trainerRegistry.deprecate(old, successor, { message: 'Lightning spelling, kept for compatibility.' });
}
