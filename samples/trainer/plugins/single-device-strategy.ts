import { RegisterPlugin } from 'plugboard';
import type { Strategy, StrategySession, TrainingSetup } from './strategy.js';
import { localCommunicator } from '../engine/communicator.js';
import { singleRankPlan, type ParallelPlan } from '../engine/engine-config.js';
import type { MemoryReport } from '../engine/memory-report.js';
import { noBytes } from '../engine/memory-report.js';
import { RankEngine } from '../engine/rank-engine.js';
import { assembleState, rankStateOf } from '../engine/rank-state.js';
import { trainerRegistry } from '../registry.js';

/** Trains in the main thread: one rank, no workers, nothing shared. The default strategy. */
@RegisterPlugin({
  alias: 'single_device',
  kind: 'strategy',
  registry: trainerRegistry,
  description: 'Train in the main thread on one device',
  recommendedWhen: 'the model is small or you are debugging',
})
export class SingleDeviceStrategy implements Strategy {
  readonly label = 'single_device';
  readonly plan: ParallelPlan = singleRankPlan;

  launch(setup: TrainingSetup): Promise<StrategySession> {
    const { config, data, state } = setup;
    const comm = localCommunicator(state.parameters.length);
    const engine = new RankEngine(config, this.plan, comm, data, rankStateOf(state, this.plan, 0));
    const memory: MemoryReport = {
      workers: 1,
      perWorker: engine.heldBytes,
      workspacePerWorker: engine.workspaceBytes,
      host: noBytes,
      shared: 0,
    };
    return Promise.resolve({
      memory,
      runEpoch: (epoch, onStep) => Promise.resolve(engine.runEpoch(epoch, onStep)),
      state: (epoch) => Promise.resolve(assembleState([engine.state()], this.plan, epoch, undefined, undefined)),
      close: () => Promise.resolve(),
    });
  }
}
