import { pluginsRegistry, type KindOptions, type PluginHost, type PluginRegistry } from 'plugboard';

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

/**
 * The trainer as a plugin host: a plugin package declares the trainer versions it supports with a
 * `peerDependencies` range on `plugboard-trainer`, and the trainer's discovery skips (and reports) a package whose
 * range excludes this version. Its plugins register into `pluginsRegistry`, which has no host of its own, so the
 * host is given to `discoverPackages({ host })`.
 */
export const trainerHost: PluginHost = { name: 'plugboard-trainer', version: '1.0.0' };
