import type { ParallelPlan } from './engine-config.js';
import { shardRange } from './shard-range.js';
import type { OptimizerState, TrainingState } from './training-state.js';
import type { LossScalerState } from '../optim/loss-scaler.js';

/**
 * The part of the training state one rank holds: a full replica or a shard of the parameters and of Adam's
 * moments (or none, when they are offloaded to the host), plus the counters every rank keeps.
 */
export interface RankState {
  readonly parameters: Float64Array | undefined;
  readonly firstMoment: Float64Array | undefined;
  readonly secondMoment: Float64Array | undefined;
  readonly optimizerStep: number;
  readonly globalStep: number;
  readonly lossScale: LossScalerState | undefined;
}

/** True if a rank of `plan` keeps its own copy of all parameters (stages 0-2). */
export function holdsReplica(plan: ParallelPlan): boolean {
  return plan.stage < 3;
}

/** Copies out of `state` the part rank `rank` of `plan` holds. */
export function rankStateOf(state: TrainingState, plan: ParallelPlan, rank: number): RankState {
  const { start, end } = shardRange(state.parameters.length, plan.worldSize, rank);
  const part = (values: Float64Array, full: boolean): Float64Array =>
    full ? values.slice() : values.slice(start, end);
  const { firstMoment, secondMoment } = state.optimizer;
  const moments = plan.offloadOptimizer ? undefined : plan.stage === 0;
  return {
    parameters: plan.offloadParameters ? undefined : part(state.parameters, holdsReplica(plan)),
    firstMoment: moments === undefined ? undefined : part(firstMoment, moments),
    secondMoment: moments === undefined ? undefined : part(secondMoment, moments),
    optimizerStep: state.optimizer.step,
    globalStep: state.globalStep,
    lossScale: state.lossScale,
  };
}

/**
 * The whole training state from the ranks' parts (in rank order), the host's optimizer state (offload) and the
 * shared parameters (offloaded parameters): the inverse of `rankStateOf`.
 */
export function assembleState(
  parts: readonly RankState[],
  plan: ParallelPlan,
  epoch: number,
  host: OptimizerState | undefined,
  sharedParameters: Float64Array | undefined,
): TrainingState {
  const first = parts[0];
  if (!first || parts.length !== plan.worldSize) throw new Error('Every rank must report its state.');
  const join = (pick: (part: RankState) => Float64Array | undefined, replica: boolean): Float64Array => {
    const pieces = replica ? [pick(first)] : parts.map(pick);
    const joined = new Float64Array(pieces.reduce((sum, piece) => sum + (piece?.length ?? 0), 0));
    let offset = 0;
    for (const piece of pieces) {
      if (!piece) throw new Error('A rank is missing a part of the training state.');
      joined.set(piece, offset);
      offset += piece.length;
    }
    return joined;
  };
  const parameters =
    plan.offloadParameters && sharedParameters
      ? sharedParameters.slice()
      : join((part) => part.parameters, holdsReplica(plan));
  const optimizer: OptimizerState = host ?? {
    step: first.optimizerStep,
    firstMoment: join((part) => part.firstMoment, plan.stage === 0),
    secondMoment: join((part) => part.secondMoment, plan.stage === 0),
  };
  return { epoch, globalStep: first.globalStep, parameters, optimizer, lossScale: first.lossScale };
}
