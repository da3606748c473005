import { join } from 'node:path';
import { inject, injectable } from 'inversify';
import { CheckpointService } from './checkpoint-service.js';
import type { EpochMetrics } from './epoch-metrics.js';
import { FitLoop } from './fit-loop.js';
import { PluginPlan } from './plugin-plan.js';
import { assertSamePlugins, reasonOf, restorePluginStates } from './resume-checks.js';
import { runLock } from './run-lock.js';
import type { FitResult } from './fit-result.js';
import { SELECTED } from './plugin-tokens.js';
import { assertRunConfig, defaultRunConfig, modelShape, runConfigDifferences, type RunConfig } from './run-config.js';
import type { PluginLabels, TrainerEvent } from './trainer-event.js';
import { TrainerInputError } from './trainer-input-error.js';
import type { TrainerOptions } from './trainer-options.js';
import { TRAINER_OPTIONS, TRAINER_REGISTRY } from './trainer-tokens.js';
import type { PluginRegistry } from 'plugboard';
import { LOG, type Log } from '../services/log.js';
import type { Checkpoint } from '../checkpoint/checkpoint.js';
import { initialTrainingState, type TrainingState } from '../engine/training-state.js';
import { MlpLayout } from '../model/mlp-layout.js';
import { mixSeed } from '../numeric/mulberry32.js';
import { initialLossScale } from '../optim/loss-scaler.js';
import type { Callback } from '../plugins/callback.js';
import type { CheckpointIO } from '../plugins/checkpoint-io.js';
import type { MetricsLogger } from '../plugins/metrics-logger.js';
import type { PrecisionPlugin } from '../plugins/precision-plugin.js';
import type { Strategy } from '../plugins/strategy.js';
import { FILE_SYSTEM, type FileSystem } from '../services/file-system.js';

/** The default number of epochs. */
export const DEFAULT_MAX_EPOCHS = 30;

/** How to fit: from a checkpoint or from scratch, and a signal that interrupts. */
export interface FitOptions {
  /** A checkpoint path, or `last`: `last.<ext>` of the checkpoint folder. */
  readonly resumeFrom?: string;
  readonly signal?: AbortSignal;
  /** More folders the caller will write into (a report), checked with the run's own before training. */
  readonly outputs?: readonly { readonly label: string; readonly directory: string }[];
}

/**
 * A Lightning-style trainer, built by the container: it is given the selected strategy (which holds the
 * selected precision), loggers and callbacks, a CheckpointService and a FitLoop, and checks its input before
 * any training starts. Make one with `createTrainer(options)`.
 *
 * @example
 * const trainer = createTrainer({ plugins: ['deepspeed_zero_3_offload', 'bf16-mixed'], maxEpochs: 10 });
 * const { history } = await trainer.fit();
 */
@injectable()
export class Trainer {
  readonly run: RunConfig;
  readonly maxEpochs: number;
  readonly #checkpoints: CheckpointService;
  readonly #loop: FitLoop;
  readonly #fs: FileSystem;
  readonly #options: TrainerOptions;
  readonly #plan: PluginPlan;
  readonly #registry: PluginRegistry;
  readonly #log: Log;

  constructor(
    @inject(SELECTED.strategy) readonly strategy: Strategy,
    @inject(SELECTED.loggers) readonly loggers: readonly MetricsLogger[],
    @inject(SELECTED.callbacks) readonly callbacks: readonly Callback[],
    @inject(CheckpointService) checkpoints: CheckpointService,
    @inject(FitLoop) loop: FitLoop,
    @inject(FILE_SYSTEM) fs: FileSystem,
    @inject(TRAINER_OPTIONS) options: TrainerOptions,
    @inject(PluginPlan) plan: PluginPlan,
    @inject(TRAINER_REGISTRY) registry: PluginRegistry,
    @inject(LOG) log: Log,
  ) {
    [this.#checkpoints, this.#loop, this.#fs, this.#options] = [checkpoints, loop, fs, options];
    [this.#plan, this.#registry, this.#log] = [plan, registry, log];
    this.maxEpochs = options.maxEpochs ?? DEFAULT_MAX_EPOCHS;
    this.run = {
      seed: options.seed ?? defaultRunConfig.seed,
      batchSize: options.batchSize ?? defaultRunConfig.batchSize,
      hidden: options.hidden ?? defaultRunConfig.hidden,
      activation: options.activation ?? defaultRunConfig.activation,
      learningRate: options.learningRate ?? defaultRunConfig.learningRate,
      data: { ...defaultRunConfig.data, ...options.data },
    };
    assertRunConfig(this.run);
    if (!Number.isInteger(this.maxEpochs) || this.maxEpochs < 0) {
      throw new RangeError(`maxEpochs must be a non-negative integer, got ${String(this.maxEpochs)}.`);
    }
  }

  /** The precision plugin the strategy computes in. */
  get precision(): PrecisionPlugin {
    return this.strategy.precision;
  }

  /** The checkpoint format. */
  get checkpointIO(): CheckpointIO {
    return this.#checkpoints.format;
  }

  /** The labels of the plugins in use. */
  get plugins(): PluginLabels {
    return {
      strategy: this.strategy.label,
      precision: this.precision.label,
      checkpointIO: this.checkpointIO.label,
      loggers: this.loggers.map((logger) => logger.label),
      callbacks: this.callbacks.map((callback) => callback.label),
    };
  }

  /**
   * Trains until `maxEpochs` epochs are complete (or a callback stops it), from scratch or from the checkpoint
   * at `resumeFrom` (written by any strategy, precision or format for the same run config). Checks first that
   * every output folder is writable, that there is an epoch left to train, and that every worker gets rows
   * of each batch: a TrainerInputError before anything starts. Worker threads are always stopped.
   */
  async fit(options: FitOptions = {}): Promise<FitResult> {
    const { signal } = options;
    // The checkpoint first: a bad one is refused before any folder is created.
    const resumeFrom = options.resumeFrom === undefined ? undefined : this.#resumePath(options.resumeFrom);
    const checkpoint = resumeFrom === undefined ? undefined : await this.#readResumed(resumeFrom);
    this.#assertWorkersFit();
    const layout = new MlpLayout(modelShape(this.run));
    const start = checkpoint ? this.#resumedState(checkpoint, layout, resumeFrom ?? '') : this.#initialState(layout);
    const lock = runLock(this.#plan, this.#registry);
    const path = resumeFrom ?? '';
    if (checkpoint?.lock !== undefined) {
      const allow = this.#options.allowPluginChanges === true;
      assertSamePlugins({ lock: checkpoint.lock, path, plan: this.#plan, registry: this.#registry, allow }, this.#log);
    }
    restorePluginStates([...this.callbacks, ...this.loggers], checkpoint, path);
    if (checkpoint && this.maxEpochs <= start.epoch) {
      throw new TrainerInputError(
        `Nothing to train: ${resumeFrom ?? ''} is at epoch ${String(start.epoch)} and the run stops at epoch ` +
          `${String(this.maxEpochs)}. Pass a number of epochs above ${String(start.epoch)} (such as --epochs ${String(start.epoch + 10)}).`,
      );
    }
    await this.#assertWritable(options.outputs ?? []);
    const output = await this.#loop.run({
      run: this.run,
      start,
      history: checkpoint?.history ?? ([] as EpochMetrics[]),
      maxEpochs: this.maxEpochs,
      parameterCount: layout.parameterCount,
      resumedFrom: resumeFrom,
      signal,
      savedBy: { strategy: this.strategy.label, precision: this.precision.label },
      lock,
      emit: (event: TrainerEvent) => this.#options.onEvent?.(event),
    });
    return { run: this.run, plugins: this.plugins, parameterCount: layout.parameterCount, ...output };
  }

  /** Reads a checkpoint in whichever registered format it is. */
  loadCheckpoint(path: string): Promise<Checkpoint> {
    return this.#checkpoints.load(path);
  }

  /** `last` is Lightning's `ckpt_path="last"`: `last.<ext>` of the checkpoint folder, in the selected format. */
  #resumePath(resumeFrom: string): string {
    if (resumeFrom !== 'last') return resumeFrom;
    const directory = this.#options.checkpointDir;
    if (directory === undefined) {
      throw new TrainerInputError(
        'Cannot resume from "last" without a checkpoint folder: pass --checkpoint-dir DIR (the folder of last.<ext>), ' +
          'or a checkpoint path. Nothing was trained.',
      );
    }
    return join(directory, `last${this.checkpointIO.extension}`);
  }

  /** Reads the checkpoint to resume; any failure (missing, a folder, damaged, not a checkpoint) is bad input. */
  async #readResumed(path: string): Promise<Checkpoint> {
    try {
      return await this.loadCheckpoint(path);
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      const reason =
        code === 'ENOENT'
          ? 'there is no such file'
          : code === 'EISDIR'
            ? 'it is a folder, not a checkpoint file'
            : reasonOf(error);
      throw new TrainerInputError(`Cannot resume from ${path}: ${reason}. Nothing was trained.`, { cause: error });
    }
  }

  async #assertWritable(extra: NonNullable<FitOptions['outputs']>): Promise<void> {
    const outputs = [
      ...extra,
      ...(this.#options.checkpointDir === undefined
        ? []
        : [{ label: 'checkpoint folder', directory: this.#options.checkpointDir }]),
      ...[...this.loggers, ...this.callbacks].flatMap((plugin) =>
        plugin.outputDirectory === undefined ? [] : [{ label: plugin.label, directory: plugin.outputDirectory }],
      ),
    ];
    for (const { label, directory } of outputs) {
      try {
        await this.#fs.assertWritable(directory);
      } catch (error) {
        const reason = reasonOf(error);
        throw new TrainerInputError(`Cannot write to ${directory} (${label}): ${reason}. Nothing was trained.`, {
          cause: error,
        });
      }
    }
  }

  #assertWorkersFit(): void {
    const workers = this.strategy.plan.worldSize;
    const rows = this.run.batchSize;
    if (workers > rows) {
      throw new TrainerInputError(
        `${this.strategy.label} splits every batch of ${String(rows)} rows across ${String(workers)} workers: ` +
          `${String(workers - rows)} would get none. Use at most ${String(rows)} workers, or a larger batch size.`,
      );
    }
  }

  #initialState(layout: MlpLayout): TrainingState {
    const parameters = layout.initialParameters(mixSeed(this.run.seed, 1), this.precision.roundMaster);
    const scaling = this.precision.lossScaling;
    return initialTrainingState(parameters, scaling ? initialLossScale(scaling) : undefined);
  }

  #resumedState(checkpoint: Checkpoint, layout: MlpLayout, path: string): TrainingState {
    const differences = runConfigDifferences(checkpoint.run, this.run);
    if (differences.length > 0) {
      throw new TrainerInputError(
        `Cannot resume from ${path}: it was written by a run with a different ${differences.join(', ')}. ` +
          'Resume with the options of that run.',
      );
    }
    if (checkpoint.state.parameters.length !== layout.parameterCount) {
      throw new TrainerInputError(
        `Cannot resume from ${path}: it holds ${String(checkpoint.state.parameters.length)} parameters, the model has ${String(layout.parameterCount)}.`,
      );
    }
    // A precision with loss scaling continues the saved scale, or starts one; one without drops it.
    const scaling = this.precision.lossScaling;
    const lossScale = scaling ? (checkpoint.state.lossScale ?? initialLossScale(scaling)) : undefined;
    return { ...checkpoint.state, lossScale };
  }
}
