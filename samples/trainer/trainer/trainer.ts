import { join } from 'node:path';
import type { PluginRegistry, PluginResolver } from 'plugboard';
import { epochMetrics, type EpochMetrics } from './epoch-metrics.js';
import type { FitResult } from './fit-result.js';
import { assertRunConfig, defaultRunConfig, runConfigDifferences, type RunConfig } from './run-config.js';
import { runData } from './run-data.js';
import { selectPlugins } from './select-plugins.js';
import type { PluginLabels, TrainerEvent } from './trainer-event.js';
import type { TrainerOptions } from './trainer-options.js';
import type { Checkpoint } from '../checkpoint/checkpoint.js';
import { readCheckpoint } from '../checkpoint/read-checkpoint.js';
import type { EngineConfig } from '../engine/engine-config.js';
import { initialTrainingState, type TrainingState } from '../engine/training-state.js';
import { MlpLayout } from '../model/mlp-layout.js';
import { mixSeed } from '../numeric/mulberry32.js';
import { defaultAdamOptions } from '../optim/adam.js';
import { initialLossScale } from '../optim/loss-scaler.js';
import { isCheckpointIO, type CheckpointIO } from '../plugins/checkpoint-io.js';
import type { PrecisionPlugin } from '../plugins/precision-plugin.js';
import type { Strategy } from '../plugins/strategy.js';

/** The default number of epochs. */
export const DEFAULT_MAX_EPOCHS = 30;

/**
 * A Lightning-style trainer: it gets its strategy, precision and checkpoint format from the plugin container
 * (by alias, through PluginResolver), and fits an MLP to the spirals data set with Adam. Make one with
 * `createTrainer(options)`.
 *
 * @example
 * const trainer = createTrainer({ plugins: ['deepspeed_zero_3_offload', 'bf16-mixed'], maxEpochs: 10 });
 * const { history } = await trainer.fit();
 */
export class Trainer {
  readonly strategy: Strategy;
  readonly precision: PrecisionPlugin;
  readonly checkpointIO: CheckpointIO;
  readonly run: RunConfig;
  readonly maxEpochs: number;
  readonly #resolver: PluginResolver;
  readonly #registry: PluginRegistry;
  readonly #options: TrainerOptions;

  constructor(resolver: PluginResolver, registry: PluginRegistry, options: TrainerOptions = {}) {
    ({
      strategy: this.strategy,
      precision: this.precision,
      checkpointIO: this.checkpointIO,
    } = selectPlugins(resolver, options.plugins ?? []));
    this.#resolver = resolver;
    this.#registry = registry;
    this.#options = options;
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

  /** The labels of the plugins in use. */
  get plugins(): PluginLabels {
    return { strategy: this.strategy.label, precision: this.precision.label, checkpointIO: this.checkpointIO.label };
  }

  /**
   * Trains until `maxEpochs` epochs are complete, from scratch or from the checkpoint at `resumeFrom` (written
   * by any strategy, precision or format for the same run config). Worker threads are always stopped.
   */
  async fit(options: { resumeFrom?: string } = {}): Promise<FitResult> {
    const { resumeFrom } = options;
    const checkpoint = resumeFrom === undefined ? undefined : await this.loadCheckpoint(resumeFrom);
    const layout = new MlpLayout(this.#shape());
    const start = checkpoint ? this.#resumedState(checkpoint, layout, resumeFrom ?? '') : this.#initialState(layout);
    const history: EpochMetrics[] = [...(checkpoint?.history ?? [])];
    const session = await this.strategy.launch({ config: this.#engineConfig(), data: runData(this.run), state: start });
    const lastEpoch = Math.max(start.epoch, this.maxEpochs);
    let state = start;
    let checkpointPath: string | undefined;
    try {
      this.#emit({
        type: 'start',
        run: this.run,
        plugins: this.plugins,
        memory: session.memory,
        parameterCount: layout.parameterCount,
        firstEpoch: start.epoch + 1,
        maxEpochs: this.maxEpochs,
        resumedFrom: resumeFrom,
      });
      for (let epoch = start.epoch + 1; epoch <= lastEpoch; epoch++) {
        const began = performance.now();
        const totals = await session.runEpoch(epoch, (report) => {
          this.#emit({ type: 'step', report });
        });
        const metrics = epochMetrics(totals, (performance.now() - began) / 1000);
        history.push(metrics);
        this.#emit({ type: 'epoch', metrics });
        const directory = this.#options.checkpointDir;
        if (directory !== undefined) {
          state = await session.state(epoch);
          checkpointPath = join(directory, `last${this.checkpointIO.extension}`);
          await this.checkpointIO.save({ run: this.run, plugins: this.#savedBy(), history, state }, checkpointPath);
          this.#emit({ type: 'checkpoint', path: checkpointPath });
        }
        // Let the event loop breathe between epochs (signals, output) when training runs in this thread.
        await new Promise((resolve) => setImmediate(resolve));
      }
      if (state.epoch !== lastEpoch) state = await session.state(lastEpoch);
    } finally {
      await session.close();
    }
    return {
      run: this.run,
      plugins: this.plugins,
      parameterCount: layout.parameterCount,
      history,
      state,
      memory: session.memory,
      checkpointPath,
    };
  }

  /**
   * Reads a checkpoint in whichever registered format it is: the selected one if it recognizes the file,
   * otherwise the first checkpoint_io plugin of the registry that does.
   */
  async loadCheckpoint(path: string): Promise<Checkpoint> {
    const others = (): CheckpointIO[] =>
      this.#registry
        .list({ kind: 'checkpoint_io' })
        .map((entry) => this.#resolver.resolve(entry.alias))
        .filter(isCheckpointIO);
    const formats = this.#registry.availablePlugins({ kind: 'checkpoint_io' });
    return readCheckpoint(path, this.checkpointIO, others, formats);
  }

  #shape(): { layers: number[]; activation: RunConfig['activation'] } {
    return { layers: [2, ...this.run.hidden, this.run.data.classes], activation: this.run.activation };
  }

  #engineConfig(): EngineConfig {
    return {
      shape: this.#shape(),
      compute: this.precision.compute,
      master: this.precision.master,
      optimizer: { ...defaultAdamOptions, learningRate: this.run.learningRate },
      lossScaling: this.precision.lossScaling,
      batchSize: this.run.batchSize,
      seed: this.run.seed,
    };
  }

  #initialState(layout: MlpLayout): TrainingState {
    const parameters = layout.initialParameters(mixSeed(this.run.seed, 1), this.precision.roundMaster);
    const scaling = this.precision.lossScaling;
    return initialTrainingState(parameters, scaling ? initialLossScale(scaling) : undefined);
  }

  #resumedState(checkpoint: Checkpoint, layout: MlpLayout, path: string): TrainingState {
    const differences = runConfigDifferences(checkpoint.run, this.run);
    if (differences.length > 0) {
      throw new Error(
        `Cannot resume from ${path}: it was written by a run with a different ${differences.join(', ')}. ` +
          'Resume with the options of that run.',
      );
    }
    if (checkpoint.state.parameters.length !== layout.parameterCount) {
      throw new Error(
        `Cannot resume from ${path}: it holds ${String(checkpoint.state.parameters.length)} parameters, the model has ${String(layout.parameterCount)}.`,
      );
    }
    // A precision with loss scaling continues the saved scale, or starts one; one without drops it.
    const scaling = this.precision.lossScaling;
    const lossScale = scaling ? (checkpoint.state.lossScale ?? initialLossScale(scaling)) : undefined;
    return { ...checkpoint.state, lossScale };
  }

  #savedBy(): Checkpoint['plugins'] {
    return { strategy: this.strategy.label, precision: this.precision.label };
  }

  #emit(event: TrainerEvent): void {
    this.#options.onEvent?.(event);
  }
}
