import type { Container } from 'inversify';
import {
  createPluginContainer,
  disposePluginContainer,
  PluginResolver,
  PluginSelectionError,
  type PluginRegistry,
  type ResolutionScope,
} from 'plugboard';
import { CheckpointService } from './checkpoint-service.js';
import { FitLoop } from './fit-loop.js';
import { PluginPlan, trainerKinds, type TrainerKind } from './plugin-plan.js';
import { SELECTED } from './plugin-tokens.js';
import { Trainer } from './trainer.js';
import type { TrainerOptions } from './trainer-options.js';
import { TRAINER_OPTIONS, TRAINER_REGISTRY, TRAINER_SCOPE } from './trainer-tokens.js';
import '../plugins/index.js';
import { trainerRegistry } from '../registry.js';
import { CLOCK, systemClock, type Clock } from '../services/clock.js';
import { FILE_SYSTEM, nodeFileSystem, type FileSystem } from '../services/file-system.js';
import { LOG, silentLog, type Log } from '../services/log.js';
import { WorkerPool } from '../services/worker-pool.js';

/** The services a trainer's container provides besides plugins; tests and the CLI replace some. */
export interface TrainerServices {
  readonly registry: PluginRegistry;
  readonly log: Log;
  readonly clock: Clock;
  readonly fileSystem: FileSystem;
  /**
   * Where the `plugins` option came from, for the plugin table (`--plugins`, `TRAINER_PLUGINS`, ...): one source
   * for all, or one per item of the selection.
   */
  readonly pluginsSource: string | readonly string[];
}

/**
 * The trainer's inversify container, made with `createPluginContainer({ registry })`: every plugin is a named
 * binding; the services (Log, Clock, FileSystem, WorkerPool) and the trainer's own classes (Trainer, FitLoop,
 * CheckpointService) are bound beside them; and each kind's selected plugins are bound, once per container,
 * from the run's PluginPlan, so a strategy can `@inject` the selected precision. No class here is built by
 * hand: the container builds every one, with what it `@inject`s.
 */
export function createTrainerContainer(
  options: TrainerOptions = {},
  services: Partial<TrainerServices> = {},
): Container {
  const registry = services.registry ?? trainerRegistry;
  const container = createPluginContainer({
    registry,
    ...(options.setupTimeoutMs === undefined ? {} : { setupTimeoutMs: options.setupTimeoutMs }),
  });
  container.bind(TRAINER_OPTIONS).toConstantValue(options);
  container.bind(TRAINER_REGISTRY).toConstantValue(registry);
  container.bind(LOG).toConstantValue(services.log ?? silentLog);
  container.bind(CLOCK).toConstantValue(services.clock ?? systemClock);
  container.bind(FILE_SYSTEM).toConstantValue(services.fileSystem ?? nodeFileSystem);
  container.bind(WorkerPool).toSelf().inSingletonScope();
  container.bind(PluginPlan).toConstantValue(new PluginPlan(options.plugins ?? [], registry, services.pluginsSource));
  // The run's plugins are built through one resolution scope, which owns them: disposing it (disposeTrainer, or
  // `await using` it) ends a strategy's workers, also when fit threw or was interrupted.
  container
    .bind(TRAINER_SCOPE)
    .toResolvedValue((resolver: PluginResolver) => resolver.scope(), [PluginResolver])
    .inSingletonScope();
  // Each kind's selection, built once per container from the plan; a strategy @injects SELECTED.precision.
  const built = (kind: TrainerKind) => (plan: PluginPlan, scope: ResolutionScope) => selectedOf(kind, plan, scope);
  const first = (kind: TrainerKind) => (plan: PluginPlan, scope: ResolutionScope) => selectedOf(kind, plan, scope)[0];
  const from = [PluginPlan, TRAINER_SCOPE] as const;
  container
    .bind(SELECTED.precision)
    .toResolvedValue(first('precision') as never, [...from])
    .inSingletonScope();
  container
    .bind(SELECTED.strategy)
    .toResolvedValue(first('strategy') as never, [...from])
    .inSingletonScope();
  container
    .bind(SELECTED.checkpointIO)
    .toResolvedValue(first('checkpoint_io') as never, [...from])
    .inSingletonScope();
  container
    .bind(SELECTED.loggers)
    .toResolvedValue(built('logger') as never, [...from])
    .inSingletonScope();
  container
    .bind(SELECTED.callbacks)
    .toResolvedValue(built('callback') as never, [...from])
    .inSingletonScope();
  container.bind(CheckpointService).toSelf().inSingletonScope();
  container.bind(FitLoop).toSelf().inSingletonScope();
  container.bind(Trainer).toSelf().inSingletonScope();
  return container;
}

/**
 * Builds the run's plugins and awaits each one's asynchronous set-up (`[pluginSetup]`), in the plan's order and
 * within `setupTimeoutMs`, before the Trainer is made: a plugin that does not finish in time rejects with
 * plugboard's PluginSetupTimeoutError naming it, and what was built is disposed with the trainer. Without it, a
 * plugin with a set-up cannot be built (plugboard refuses to build one synchronously).
 */
export async function setUpTrainerPlugins(container: Container): Promise<void> {
  await container.get(PluginPlan).setUp(container.get(TRAINER_SCOPE));
}

/**
 * A Trainer from a fresh container (see createTrainerContainer).
 *
 * @example
 * const trainer = createTrainer({ plugins: 'ddp, csv_logger(dir=out)', maxEpochs: 5 });
 */
export function createTrainer(options: TrainerOptions = {}, services: Partial<TrainerServices> = {}): Trainer {
  return createTrainerContainer(options, services).get(Trainer);
}

/** The plugins of `kind` the plan selects, built through `resolver`; each must have the kind's shape. */
function selectedOf(kind: TrainerKind, plan: PluginPlan, scope: ResolutionScope): unknown[] {
  const instances = plan.build(kind, scope);
  for (const instance of instances) {
    if (!trainerKinds[kind](instance)) {
      throw new PluginSelectionError(`A plugin selected as the ${kind} is not one: it lacks the ${kind} interface.`);
    }
  }
  return instances;
}

/**
 * Tears a trainer's container down: disposes the resolution scope that owns the run's plugins (a strategy ends
 * its workers), terminates any worker still running, and disposes the container. Safe after a failed or
 * interrupted fit; the CLI calls it in a `finally`.
 */
export async function disposeTrainer(container: Container): Promise<void> {
  try {
    await container.get(TRAINER_SCOPE).dispose();
  } finally {
    await container.get(WorkerPool).terminateAll();
    await disposePluginContainer(container);
  }
}
