import { pluginsRegistry, type KindOptions, type PluginRegistry } from 'plugboard';

/**
 * The registry the trainer's plugins come from: plugboard's default one, because that is where a third-party
 * package's `registerPlugin` calls land when `discoverPackages()` imports it. A run uses at most one
 * strategy, precision and checkpoint format (two is a PluginConflictError) and any number of loggers and
 * callbacks. (Jest gives every test file its own global, so tests do not share it.)
 */
export const trainerRegistry: PluginRegistry = pluginsRegistry;

/**
 * The kinds a trainer takes, each with its default: a selection gets the default of every kind it leaves out
 * (checkPluginSelection and resolveAll fill it in), and at most one plugin of an exclusive kind.
 */
export const trainerKindSettings = {
  strategy: { exclusive: true, default: 'single_device' },
  precision: { exclusive: true, default: '32-true' },
  checkpoint_io: { exclusive: true, default: 'binary' },
  logger: { exclusive: false, default: 'console_logger' },
  callback: { exclusive: false },
} as const satisfies Record<string, KindOptions>;

for (const [kind, settings] of Object.entries(trainerKindSettings)) trainerRegistry.defineKind(kind, settings);

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
