import type { EngineConfig, ParallelPlan } from '../engine/engine-config.js';
import type { EpochTotals, StepReport } from '../engine/epoch-totals.js';
import type { MemoryReport } from '../engine/memory-report.js';
import type { EngineData } from '../engine/rank-engine.js';
import type { TrainingState } from '../engine/training-state.js';

/** What a strategy is launched with: the engine's configuration, the data, and the state to start from. */
export interface TrainingSetup {
  readonly config: EngineConfig;
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

/** A plugin of kind 'strategy': where and how the training steps run. */
export interface Strategy {
  /** For people, such as `ddp (2 workers)`. */
  readonly label: string;
  readonly plan: ParallelPlan;
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
