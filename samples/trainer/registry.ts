import { pluginsRegistry, type PluginRegistry } from 'plugboard';

/**
 * The registry the trainer's plugins come from: plugboard's default one, because that is where a third-party
 * package's `registerPlugin` calls land when `discoverPackages()` imports it. A run uses at most one
 * strategy, precision and checkpoint format (two is a PluginConflictError) and any number of loggers and
 * callbacks. (Jest gives every test file its own global, so tests do not share it.)
 */
export const trainerRegistry: PluginRegistry = pluginsRegistry;

for (const kind of ['strategy', 'precision', 'checkpoint_io']) trainerRegistry.defineKind(kind, { exclusive: true });
for (const kind of ['logger', 'callback']) trainerRegistry.defineKind(kind, { exclusive: false });

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
