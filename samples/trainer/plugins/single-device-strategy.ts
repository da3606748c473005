import { RegisterPlugin } from 'plugboard';
import type { PrecisionPlugin } from './precision-plugin.js';
import type { Strategy, StrategySession, TrainingSetup } from './strategy.js';
import { localCommunicator, slotLength } from '../engine/communicator.js';
import { singleRankPlan, type ParallelPlan } from '../engine/engine-config.js';
import { noBytes, noSharedBytes, type MemoryReport } from '../engine/memory-report.js';
import { RankEngine } from '../engine/rank-engine.js';
import { assembleState, rankStateOf } from '../engine/rank-state.js';
import { trainerRegistry } from '../registry.js';
import { PARALLEL_THRESHOLD, recommendationEnv } from '../services/recommendation-env.js';
import { SELECTED } from '../trainer/plugin-tokens.js';

/** How long single_device computes before it lets the event loop run. */
const YIELD_MS = 50;

/**
 * Trains in the main thread: one rank, no workers, nothing shared. The default strategy. It takes no options,
 * only the selected precision plugin, which the container injects.
 */
@RegisterPlugin({
  alias: 'single_device',
  kind: 'strategy',
  registry: trainerRegistry,
  inject: [SELECTED.precision],
  description: 'Train in the main thread on one device',
  recommendedWhen: 'the model is small or you are debugging',
  recommend: (env) => (recommendationEnv(env).parameters < PARALLEL_THRESHOLD ? 2 : 0),
})
export class SingleDeviceStrategy implements Strategy {
  readonly label = 'single_device';
  readonly plan: ParallelPlan = singleRankPlan;

  constructor(readonly precision: PrecisionPlugin) {}

  launch(setup: TrainingSetup): Promise<StrategySession> {
    const { data, state } = setup;
    const config = { ...setup.config, ...this.precision.formats };
    const comm = localCommunicator(state.parameters.length);
    const engine = new RankEngine(config, this.plan, comm, data, rankStateOf(state, this.plan, 0));
    const memory: MemoryReport = {
      workers: 1,
      perWorker: engine.heldBytes,
      workspacePerWorker: engine.workspaceBytes,
      privateSlotsPerWorker: slotLength(state.parameters.length) * Float64Array.BYTES_PER_ELEMENT,
      host: noBytes,
      shared: noSharedBytes,
    };
    let closed = false;
    return Promise.resolve({
      memory,
      runEpoch: async (epoch, onStep) => {
        // Computing in the main thread: let the event loop run every YIELD_MS, so that Ctrl-C and output get
        // through during a long epoch, and stop at the next step once the session is closed.
        const steps = engine.epochSteps(epoch, onStep);
        let since = performance.now();
        for (;;) {
          const next = steps.next();
          if (next.done === true) return next.value;
          if (performance.now() - since < YIELD_MS) continue;
          await new Promise((resolve) => setImmediate(resolve));
          if (closed) throw new Error(`single_device stopped during epoch ${String(epoch)}: the session was closed.`);
          since = performance.now();
        }
      },
      state: (epoch) => Promise.resolve(assembleState([engine.state()], this.plan, epoch, undefined, undefined)),
      close: () => {
        closed = true;
        return Promise.resolve();
      },
    });
  }
}
