import type { PrecisionPlugin } from './precision-plugin.js';
import type { ModelConfig, ParallelPlan } from '../engine/engine-config.js';
import type { EpochTotals, StepReport } from '../engine/epoch-totals.js';
import type { MemoryReport } from '../engine/memory-report.js';
import type { EngineData } from '../engine/rank-engine.js';
import type { TrainingState } from '../engine/training-state.js';

/**
 * What a strategy is launched with: the model, optimizer and batching, the data, and the state to start
 * from. The numeric formats come from the strategy's own (injected) precision plugin.
 */
export interface TrainingSetup {
  readonly config: ModelConfig;
  readonly data: EngineData;
  readonly state: TrainingState;
}

/** A launched strategy: it runs epochs until closed. Always `close()` it (it may own worker threads). */
export interface StrategySession {
  readonly memory: MemoryReport;
  runEpoch(epoch: number, onStep?: (report: StepReport) => void): Promise<EpochTotals>;
  /** The whole training state after `epoch` epochs, gathered from wherever it is sharded. */
  state(epoch: number): Promise<TrainingState>;
  close(): Promise<void>;
}

/** A plugin of kind 'strategy': where and how the training steps run, in the precision it was given. */
export interface Strategy {
  /** For people, such as `ddp (2 workers)`. */
  readonly label: string;
  readonly plan: ParallelPlan;
  readonly precision: PrecisionPlugin;
  launch(setup: TrainingSetup): Promise<StrategySession>;
}

/** True if `value` has a strategy's shape (a plugin instance passed in a selection may be any object). */
export function isStrategy(value: unknown): value is Strategy {
  return (
    typeof value === 'object' &&
    value !== null &&
    'launch' in value &&
    typeof value.launch === 'function' &&
    'plan' in value &&
    'label' in value
  );
}
