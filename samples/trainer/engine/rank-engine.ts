import type { Communicator } from './communicator.js';
import { slotLength } from './communicator.js';
import type { EngineConfig, ParallelPlan } from './engine-config.js';
import type { EpochTotals, StepReport } from './epoch-totals.js';
import type { HeldBytes } from './memory-report.js';
import { holdsReplica, type RankState } from './rank-state.js';
import { shardRange, type ShardRange } from './shard-range.js';
import type { Dataset } from '../data/dataset.js';
import { epochOrder } from '../data/epoch-order.js';
import { MlpKernel } from '../model/mlp-kernel.js';
import { MlpLayout } from '../model/mlp-layout.js';
import { roundInPlace, roundingOf, type Rounding } from '../numeric/number-format.js';
import { adamUpdate } from '../optim/adam.js';
import { updateLossScale, type LossScalerState } from '../optim/loss-scaler.js';

/** The training data and the held-out data that rank 0 evaluates after every epoch. */
export interface EngineData {
  readonly train: Dataset;
  readonly validation: Dataset;
}

/**
 * One rank of data-parallel training, the same code in the main thread (single device) and in worker
 * threads. Per step it computes its part of the global batch, writes the local gradient into its shared
 * slot, and after a barrier reduces the slots in rank order, so every rank (and every stage) sees the same
 * sums. What it then keeps and updates follows the plan's ZeRO stage: stage 0 a full replica with full
 * optimizer state; stage 1 shards the optimizer state; stage 2 the reduced gradients too; stage 3 also the
 * parameters (read, all-gathered, from shared memory). With offload, the host runs the optimizer step.
 */
export class RankEngine {
  readonly #config: EngineConfig;
  readonly #plan: ParallelPlan;
  readonly #comm: Communicator;
  readonly #data: EngineData;
  readonly #kernel: MlpKernel;
  readonly #count: number;
  readonly #shard: ShardRange;
  readonly #reduceRange: ShardRange;
  readonly #masterRound: Rounding;
  readonly #parameters: Float64Array | undefined;
  readonly #gradients: Float64Array | undefined;
  readonly #firstMoment: Float64Array | undefined;
  readonly #secondMoment: Float64Array | undefined;
  readonly #validationOrder: Int32Array;
  #optimizerStep: number;
  #globalStep: number;
  #lossScale: LossScalerState | undefined;
  #hostSequence = 0;
  #parity = 0;

  constructor(config: EngineConfig, plan: ParallelPlan, comm: Communicator, data: EngineData, state: RankState) {
    this.#config = config;
    this.#plan = plan;
    this.#comm = comm;
    this.#data = data;
    const layout = new MlpLayout(config.shape);
    this.#count = layout.parameterCount;
    const capacity = Math.max(1, Math.ceil(config.batchSize / plan.worldSize));
    this.#kernel = new MlpKernel(layout, config.compute, config.master, capacity);
    this.#shard = shardRange(this.#count, plan.worldSize, comm.rank);
    const reducesAll = plan.stage <= 1 && !plan.offloadOptimizer;
    this.#reduceRange = reducesAll ? { start: 0, end: this.#count } : this.#shard;
    this.#masterRound = roundingOf(config.master);
    this.#parameters = state.parameters;
    this.#firstMoment = state.firstMoment;
    this.#secondMoment = state.secondMoment;
    this.#optimizerStep = state.optimizerStep;
    this.#globalStep = state.globalStep;
    this.#lossScale = state.lossScale;
    this.#gradients = this.#allocateGradients();
    this.#validationOrder = Int32Array.from({ length: data.validation.size }, (_, i) => i);
    if (!plan.offloadParameters && !this.#parameters) throw new Error('This rank needs its parameters.');
  }

  /** The bytes of model state this rank holds privately. */
  get heldBytes(): HeldBytes {
    return {
      parameters: this.#parameters?.byteLength ?? 0,
      gradients: this.#gradients?.byteLength ?? 0,
      optimizerState: (this.#firstMoment?.byteLength ?? 0) + (this.#secondMoment?.byteLength ?? 0),
    };
  }

  /** Bytes of scratch memory (activations, cast buffer). */
  get workspaceBytes(): number {
    return this.#kernel.workspaceBytes;
  }

  /** This rank's part of the training state (copies). */
  state(): RankState {
    return {
      parameters: this.#parameters?.slice(),
      firstMoment: this.#firstMoment?.slice(),
      secondMoment: this.#secondMoment?.slice(),
      optimizerStep: this.#optimizerStep,
      globalStep: this.#globalStep,
      lossScale: this.#lossScale,
    };
  }

  /** Trains one epoch; rank 0 reports every step to `onStep` and evaluates the validation set at the end. */
  runEpoch(epoch: number, onStep?: (report: StepReport) => void): EpochTotals {
    const steps = this.epochSteps(epoch, onStep);
    for (;;) {
      const next = steps.next();
      if (next.done === true) return next.value;
    }
  }

  /**
   * The same epoch one step at a time: it pauses after every step, so that a caller in the main thread can let
   * the event loop run (Ctrl-C, output) or stop between steps; it returns the epoch's totals.
   */
  *epochSteps(epoch: number, onStep?: (report: StepReport) => void): Generator<void, EpochTotals, void> {
    const { batchSize, seed } = this.#config;
    const train = this.#data.train;
    const order = epochOrder(train.size, seed, epoch);
    const steps = Math.ceil(train.size / batchSize);
    let lossSum = 0;
    let correct = 0;
    let skippedSteps = 0;
    let unusedParameters = 0;
    for (let step = 0; step < steps; step++) {
      const begin = step * batchSize;
      const end = Math.min(train.size, begin + batchSize);
      const lossScale = this.#lossScale?.scale ?? 1;
      const result = this.#step(order, begin, end);
      lossSum += result.lossSum;
      correct += result.correct;
      if (result.skipped) skippedSteps++;
      unusedParameters = Math.max(unusedParameters, result.unused);
      onStep?.({ epoch, step: step + 1, steps, loss: result.lossSum / (end - begin), lossScale });
      yield;
    }
    const validation =
      this.#comm.rank === 0
        ? this.#kernel.evaluate(this.#computeParameters(), this.#data.validation, this.#validationOrder)
        : { lossSum: NaN, correct: NaN };
    return {
      epoch,
      lossSum,
      correct,
      size: train.size,
      skippedSteps,
      unusedParameters,
      validation: { ...validation, size: this.#data.validation.size },
    };
  }

  #step(
    order: Int32Array,
    begin: number,
    end: number,
  ): { lossSum: number; correct: number; skipped: boolean; unused: number } {
    const { rank, worldSize, slots } = this.#comm;
    const size = end - begin;
    const lo = begin + Math.floor((size * rank) / worldSize);
    const hi = begin + Math.floor((size * (rank + 1)) / worldSize);
    const length = slotLength(this.#count);
    const mine = (this.#parity * worldSize + rank) * length;
    const local = slots.subarray(mine, mine + this.#count);
    local.fill(0);
    const scale = this.#lossScale?.scale ?? 1;
    const totals =
      hi > lo
        ? this.#kernel.accumulate(this.#computeParameters(), this.#data.train, order, lo, hi, scale / size, local)
        : { lossSum: 0, correct: 0 };
    const finite = roundInPlace(local, this.#config.compute);
    slots[mine + this.#count] = totals.lossSum;
    slots[mine + this.#count + 1] = totals.correct;
    slots[mine + this.#count + 2] = finite ? 0 : 1;
    this.#comm.barrier();

    let lossSum = 0;
    let correct = 0;
    let foundInfinite = false;
    for (let r = 0; r < worldSize; r++) {
      const tail = (this.#parity * worldSize + r) * length + this.#count;
      lossSum += slots[tail] ?? 0;
      correct += slots[tail + 1] ?? 0;
      if (slots[tail + 2] !== 0) foundInfinite = true;
    }
    const unused = this.#reduce();
    const skipped = foundInfinite && this.#config.lossScaling !== undefined;
    if (this.#plan.offloadOptimizer) this.#hostUpdate(foundInfinite);
    else if (!skipped) this.#update(scale);
    if (this.#config.lossScaling && this.#lossScale) {
      this.#lossScale = updateLossScale(this.#lossScale, this.#config.lossScaling, foundInfinite);
    }
    this.#globalStep++;
    if (worldSize > 1) this.#parity ^= 1;
    return { lossSum, correct, skipped, unused };
  }

  /** Sums the slots over ranks into this rank's gradients (or the host's); returns the count of zero gradients. */
  #reduce(): number {
    const { worldSize, slots } = this.#comm;
    const length = slotLength(this.#count);
    const base = this.#parity * worldSize * length;
    const target = this.#plan.offloadOptimizer ? this.#comm.hostGradients : this.#gradients;
    if (!target) throw new Error('No gradient buffer to reduce into.');
    const offset = target.length === this.#count ? 0 : this.#reduceRange.start;
    const round = this.#masterRound;
    let unused = 0;
    for (let i = this.#reduceRange.start; i < this.#reduceRange.end; i++) {
      let sum = 0;
      for (let r = 0; r < worldSize; r++) sum += slots[base + r * length + i] ?? 0;
      target[i - offset] = round(sum);
      if (sum === 0) unused++;
    }
    return this.#plan.findUnusedParameters ? unused : 0;
  }

  #update(scale: number): void {
    const parameters = this.#parameters;
    const gradients = this.#gradients;
    const firstMoment = this.#firstMoment;
    const secondMoment = this.#secondMoment;
    if (!parameters || !gradients || !firstMoment || !secondMoment) throw new Error('This rank cannot step.');
    const range = this.#plan.stage === 0 ? { start: 0, end: this.#count } : this.#shard;
    const local = (values: Float64Array): number => (values.length === this.#count ? range.start : 0);
    this.#optimizerStep++;
    adamUpdate(
      this.#config.optimizer,
      this.#optimizerStep,
      {
        length: range.end - range.start,
        parameters,
        parameterOffset: local(parameters),
        gradients,
        gradientOffset: local(gradients),
        firstMoment,
        secondMoment,
        momentOffset: local(firstMoment),
      },
      1 / scale,
      this.#masterRound,
    );
    const shared = this.#comm.sharedParameters;
    if (this.#plan.stage === 0 || !shared) return;
    // All-gather: publish this rank's updated shard, wait for the others, take theirs.
    const { start, end } = this.#shard;
    shared.set(holdsReplica(this.#plan) ? parameters.subarray(start, end) : parameters, start);
    this.#comm.barrier();
    if (holdsReplica(this.#plan)) parameters.set(shared);
  }

  #hostUpdate(foundInfinite: boolean): void {
    this.#comm.barrier();
    this.#hostSequence++;
    if (this.#comm.rank === 0) this.#comm.requestHostStep(this.#hostSequence, foundInfinite);
    this.#comm.waitForHost(this.#hostSequence);
    const shared = this.#comm.sharedParameters;
    const parameters = this.#parameters;
    if (!shared || !parameters) return;
    parameters.set(holdsReplica(this.#plan) ? shared : shared.subarray(this.#shard.start, this.#shard.end));
  }

  /** The full parameters to compute with: this rank's replica, or the all-gathered shared copy (stage 3). */
  #computeParameters(): Float64Array {
    const parameters = holdsReplica(this.#plan) ? this.#parameters : this.#comm.sharedParameters;
    if (!parameters) throw new Error('This rank has no parameters to compute with.');
    return parameters;
  }

  #allocateGradients(): Float64Array | undefined {
    if (this.#plan.offloadOptimizer) return undefined;
    // A single rank reduces in place: its slot is its gradient buffer.
    if (this.#plan.worldSize === 1) return this.#comm.slots.subarray(0, this.#count);
    const { start, end } = this.#reduceRange;
    return new Float64Array(end - start);
  }
}
