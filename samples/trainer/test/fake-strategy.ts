import { singleRankPlan, type ParallelPlan } from '../engine/engine-config.js';
import { noBytes, noSharedBytes } from '../engine/memory-report.js';
import type { TrainingState } from '../engine/training-state.js';
import type { PrecisionPlugin } from '../plugins/precision-plugin.js';
import type { Strategy, StrategySession, TrainingSetup } from '../plugins/strategy.js';

/**
 * A strategy for tests of the trainer's services: no engine, no workers. Every epoch reports a loss that
 * falls by `step` from `first`; the state passes through unchanged (with the epoch counted).
 */
export class FakeStrategy implements Strategy {
  readonly label = 'fake';
  readonly plan: ParallelPlan = singleRankPlan;
  readonly launches: TrainingSetup[] = [];
  closed = 0;

  constructor(
    readonly precision: PrecisionPlugin,
    readonly losses: readonly number[] = [0.9, 0.8, 0.7, 0.75, 0.76, 0.77, 0.78, 0.79],
  ) {}

  launch(setup: TrainingSetup): Promise<StrategySession> {
    this.launches.push(setup);
    const loss = (epoch: number): number => this.losses[(epoch - 1) % this.losses.length] ?? 1;
    return Promise.resolve({
      memory: {
        workers: 1,
        perWorker: noBytes,
        workspacePerWorker: 0,
        privateSlotsPerWorker: 0,
        host: noBytes,
        shared: noSharedBytes,
      },
      runEpoch: (epoch) =>
        Promise.resolve({
          epoch,
          lossSum: loss(epoch) * 10,
          correct: 5,
          size: 10,
          skippedSteps: 0,
          unusedParameters: 0,
          validation: { lossSum: loss(epoch) * 10, correct: 5, size: 10 },
        }),
      state: (epoch): Promise<TrainingState> => Promise.resolve({ ...setup.state, epoch }),
      close: () => {
        this.closed++;
        return Promise.resolve();
      },
    });
  }
}
