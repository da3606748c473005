import type { Container } from 'inversify';
import { createPluginContainer, PluginResolver, type PluginRegistry } from 'plugboard';
import { CheckpointService } from './checkpoint-service.js';
import { FitLoop } from './fit-loop.js';
import { PluginPlan, trainerKinds, type TrainerKind } from './plugin-plan.js';
import { SELECTED } from './plugin-tokens.js';
import { Trainer } from './trainer.js';
import type { TrainerOptions } from './trainer-options.js';
import { TRAINER_OPTIONS, TRAINER_REGISTRY } from './trainer-tokens.js';
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
  /** Where the `plugins` option came from, for the plugin table (`--plugins`, `TRAINER_PLUGINS`, ...). */
  readonly pluginsSource: string;
}

/**
 * The trainer's inversify container, made with `createPluginContainer({ registry })`: every plugin is a named
 * binding; the services (Log, Clock, FileSystem, WorkerPool) and the trainer's own classes (Trainer, FitLoop,
 * CheckpointService) are bound beside them; and each kind's selected plugins are bound, once per container,
 * from the run's PluginPlan, so a strategy can `@inject` the selected precision. No class here is built by
 * hand: the container builds every one, with what it `@inject`s.
 */
export function createTrainerContainer(options: TrainerOptions = {}, services: Partial<TrainerServices> = {}): Container {
  const registry = services.registry ?? trainerRegistry;
  const container = createPluginContainer({ registry });
  container.bind(TRAINER_OPTIONS).toConstantValue(options);
  container.bind(TRAINER_REGISTRY).toConstantValue(registry);
  container.bind(LOG).toConstantValue(services.log ?? silentLog);
  container.bind(CLOCK).toConstantValue(services.clock ?? systemClock);
  container.bind(FILE_SYSTEM).toConstantValue(services.fileSystem ?? nodeFileSystem);
  container.bind(WorkerPool).toSelf().inSingletonScope();
  container.bind(PluginPlan).toConstantValue(new PluginPlan(options.plugins ?? [], registry, services.pluginsSource));
  const selected = (kind: TrainerKind) => (plan: PluginPlan, resolver: PluginResolver) => {
    const built = plan.build(kind, resolver);
    for (const instance of built) {
      if (!trainerKinds[kind].guard(instance)) throw new TypeError(`A plugin selected as ${kind} is not one.`);
    }
    return built;
  };
  const one = <T>(kind: TrainerKind) => (plan: PluginPlan, resolver: PluginResolver) => selected(kind)(plan, resolver)[0] as T;
  container.bind(SELECTED.precision).toResolvedValue(one('precision'), [PluginPlan, PluginResolver]).inSingletonScope();
  container.bind(SELECTED.strategy).toResolvedValue(one('strategy'), [PluginPlan, PluginResolver]).inSingletonScope();
  container.bind(SELECTED.checkpointIO).toResolvedValue(one('checkpoint_io'), [PluginPlan, PluginResolver]).inSingletonScope();
  container.bind(SELECTED.loggers).toResolvedValue(selected('logger') as never, [PluginPlan, PluginResolver]).inSingletonScope();
  container.bind(SELECTED.callbacks).toResolvedValue(selected('callback') as never, [PluginPlan, PluginResolver]).inSingletonScope();
  container.bind(CheckpointService).toSelf().inSingletonScope();
  container.bind(FitLoop).toSelf().inSingletonScope();
  container.bind(Trainer).toSelf().inSingletonScope();
  return container;
}

/**
 * A Trainer from a fresh container (see createTrainerContainer).
 *
 * @example
 * const trainer = createTrainer({ plugins: 'ddp, csv_logger(dir=out)', maxEpochs: 5 });
 */
export function createTrainer(options: TrainerOptions = {}, services: Partial<TrainerServices> | PluginRegistry = {}): Trainer {
  const given = isRegistry(services) ? { registry: services } : services;
  return createTrainerContainer(options, given).get(Trainer);
}

function isRegistry(value: unknown): value is PluginRegistry {
  return typeof value === 'object' && value !== null && 'availablePlugins' in value;
}

