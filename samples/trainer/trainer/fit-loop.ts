import { inject, injectable } from 'inversify';
import type { PluginLock } from 'plugboard';
import { CheckpointService } from './checkpoint-service.js';
import { epochMetrics, type EpochMetrics } from './epoch-metrics.js';
import { SELECTED } from './plugin-tokens.js';
import { modelShape, type RunConfig } from './run-config.js';
import { runData } from './run-data.js';
import type { TrainerEvent } from './trainer-event.js';
import type { TrainerOptions } from './trainer-options.js';
import { TRAINER_OPTIONS } from './trainer-tokens.js';
import type { Checkpoint } from '../checkpoint/checkpoint.js';
import type { ModelConfig } from '../engine/engine-config.js';
import type { MemoryReport } from '../engine/memory-report.js';
import type { TrainingState } from '../engine/training-state.js';
import { defaultAdamOptions } from '../optim/adam.js';
import type { Callback, EpochContext } from '../plugins/callback.js';
import type { LoggedMetrics, MetricsLogger } from '../plugins/metrics-logger.js';
import { isStateful } from '../plugins/stateful.js';
import type { Strategy } from '../plugins/strategy.js';
import { CLOCK, type Clock } from '../services/clock.js';

/** Where a fit starts and what it is told. */
export interface FitInput {
  readonly run: RunConfig;
  readonly start: TrainingState;
  readonly history: readonly EpochMetrics[];
  readonly maxEpochs: number;
  readonly parameterCount: number;
  readonly resumedFrom: string | undefined;
  /** Aborting it ends the run after the current step's exchange (workers are terminated). */
  readonly signal: AbortSignal | undefined;
  /** Labels of the plugins, for events and checkpoints. */
  readonly savedBy: Checkpoint['plugins'];
  /** The run's plugin lock, stored in every checkpoint (none for a selection of plugin instances). */
  readonly lock: PluginLock | undefined;
  readonly emit: (event: TrainerEvent) => void;
}

/** What a fit produced. */
export interface FitOutput {
  readonly history: EpochMetrics[];
  readonly state: TrainingState;
  readonly memory: MemoryReport;
  readonly checkpointPath: string | undefined;
  /** Why a callback ended training early, if one did. */
  readonly stoppedBecause: string | undefined;
}

/**
 * The epoch loop: launches the selected strategy, runs epochs, hands each epoch's metrics to the callbacks and
 * then to every logger, saves `last.<ext>` when a checkpoint folder is set, and always closes the strategy's
 * session, also when an epoch, a callback or a logger throws, or the signal aborts.
 */
@injectable()
export class FitLoop {
  readonly #strategy: Strategy;
  readonly #loggers: readonly MetricsLogger[];
  readonly #callbacks: readonly Callback[];
  readonly #checkpoints: CheckpointService;
  readonly #clock: Clock;
  readonly #options: TrainerOptions;

  constructor(
    @inject(SELECTED.strategy) strategy: Strategy,
    @inject(SELECTED.loggers) loggers: readonly MetricsLogger[],
    @inject(SELECTED.callbacks) callbacks: readonly Callback[],
    @inject(CheckpointService) checkpoints: CheckpointService,
    @inject(CLOCK) clock: Clock,
    @inject(TRAINER_OPTIONS) options: TrainerOptions,
  ) {
    [this.#strategy, this.#loggers, this.#callbacks] = [strategy, loggers, callbacks];
    [this.#checkpoints, this.#clock, this.#options] = [checkpoints, clock, options];
  }

  /**
   * Runs the fit; when it fails or is interrupted, every callback's `onException` sees the error first (one
   * that throws there does not hide it), then it is rethrown.
   */
  async run(input: FitInput): Promise<FitOutput> {
    try {
      return await this.#fit(input);
    } catch (error) {
      for (const callback of this.#callbacks) {
        try {
          await callback.onException?.(error);
        } catch {
          // The fit's own error is the one to report; a callback failing while it is handled must not replace it.
        }
      }
      throw error;
    }
  }

  /** The state of every stateful callback and logger, by its key, for a checkpoint. */
  pluginStates(): Checkpoint['pluginStates'] {
    const states = [...this.#callbacks, ...this.#loggers]
      .flatMap((plugin: unknown) => (isStateful(plugin) ? [plugin] : []))
      .map((plugin) => [plugin.stateKey, { version: plugin.stateVersion, state: plugin.stateDict() }] as const);
    return Object.fromEntries(states);
  }

  async #fit(input: FitInput): Promise<FitOutput> {
    const { run, start, signal } = input;
    signal?.throwIfAborted();
    const session = await this.#strategy.launch({ config: engineConfig(run), data: runData(run), state: start });
    const onAbort = (): void => void session.close();
    signal?.addEventListener('abort', onAbort, { once: true });
    const history = [...input.history];
    let [state, checkpointPath, stoppedBecause] = [
      start,
      undefined as string | undefined,
      undefined as string | undefined,
    ];
    let globalStep = start.globalStep;
    try {
      input.emit({
        type: 'start',
        run,
        plugins: {
          strategy: this.#strategy.label,
          precision: this.#strategy.precision.label,
          checkpointIO: this.#checkpoints.format.label,
        },
        memory: session.memory,
        parameterCount: input.parameterCount,
        firstEpoch: start.epoch + 1,
        maxEpochs: input.maxEpochs,
        resumedFrom: input.resumedFrom,
      });
      for (const logger of this.#loggers) await logger.onFitStart?.();
      const fitStart = { firstEpoch: start.epoch + 1, maxEpochs: input.maxEpochs, resumedFrom: input.resumedFrom };
      for (const callback of this.#callbacks) await callback.onFitStart?.(fitStart);
      for (let epoch = start.epoch + 1; epoch <= input.maxEpochs && stoppedBecause === undefined; epoch++) {
        const began = this.#clock.now();
        const totals = await session.runEpoch(epoch, (report) => {
          globalStep++;
          input.emit({ type: 'step', report });
          for (const callback of this.#callbacks) callback.onTrainBatchEnd?.(report);
        });
        signal?.throwIfAborted();
        const metrics = epochMetrics(totals, (this.#clock.now() - began) / 1000);
        history.push(metrics);
        input.emit({ type: 'epoch', metrics });
        let gathered: Promise<TrainingState> | undefined;
        const current = (): Promise<TrainingState> => (gathered ??= session.state(epoch));
        const checkpoint = async (): Promise<Checkpoint> => ({
          run,
          plugins: input.savedBy,
          history: [...history],
          state: await current(),
          pluginStates: this.pluginStates(),
          lock: input.lock,
        });
        const logged: Record<string, number> = { ...this.#logged(metrics) };
        const context: EpochContext = {
          epoch,
          globalStep,
          metrics: logged,
          learningRate: run.learningRate,
          log: (values) => Object.assign(logged, values),
          stop: (reason) => (stoppedBecause ??= reason),
          checkpoint,
        };
        for (const callback of this.#callbacks) await callback.onValidationEnd?.(context);
        for (const callback of this.#callbacks) await callback.onEpochEnd?.(context);
        for (const logger of this.#loggers) await logger.logMetrics(logged);
        const directory = this.#options.checkpointDir;
        if (directory !== undefined) {
          checkpointPath = await this.#checkpoints.save(directory, 'last', await checkpoint());
          input.emit({ type: 'checkpoint', path: checkpointPath });
        }
        if (gathered) state = await gathered;
        // Let the event loop breathe between epochs (signals, output) when training runs in this thread.
        await new Promise((resolve) => setImmediate(resolve));
        signal?.throwIfAborted();
      }
      const last = history.at(-1)?.epoch ?? start.epoch;
      if (state.epoch !== last) state = await session.state(last);
      for (const callback of this.#callbacks) await callback.onFitEnd?.({ lastEpoch: last, stoppedBecause });
    } finally {
      signal?.removeEventListener('abort', onAbort);
      await session.close();
    }
    return { history, state, memory: session.memory, checkpointPath, stoppedBecause };
  }

  #logged(metrics: EpochMetrics): LoggedMetrics {
    const extras: Record<string, number> = {};
    if (this.#strategy.precision.lossScaling) extras.skipped_steps = metrics.skippedSteps;
    if (this.#strategy.plan.findUnusedParameters) extras.unused_parameters = metrics.unusedParameters;
    return {
      epoch: metrics.epoch,
      train_loss: metrics.trainLoss,
      train_acc: metrics.trainAccuracy,
      val_loss: metrics.validationLoss,
      val_acc: metrics.validationAccuracy,
      ...extras,
      seconds: Number(metrics.seconds.toFixed(3)),
    };
  }
}

function engineConfig(run: RunConfig): ModelConfig {
  return {
    shape: modelShape(run),
    optimizer: { ...defaultAdamOptions, learningRate: run.learningRate },
    batchSize: run.batchSize,
    seed: run.seed,
  };
}
