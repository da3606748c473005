/**
 * The entry module of a training worker thread: it builds a RankEngine over the shared buffers from its
 * workerData and runs epochs on request. It imports no plugboard code, only the numeric engine.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { FromWorker, RankWorkerData, ToWorker } from './worker-protocol.js';
import type { Communicator } from '../engine/communicator.js';
import type { StepReport } from '../engine/epoch-totals.js';
import { RankEngine } from '../engine/rank-engine.js';
import { SharedControl } from '../engine/shared-control.js';

const port = parentPort;
if (!port) throw new Error('rank-worker must run in a worker thread.');
const { rank, config, plan, shared, data, state } = workerData as RankWorkerData;
const control = new SharedControl(shared.control, plan.worldSize);
const post = (message: FromWorker): void => {
  port.postMessage(message);
};
const comm: Communicator = {
  rank,
  worldSize: plan.worldSize,
  slots: shared.slots,
  sharedParameters: shared.parameters,
  hostGradients: shared.hostGradients,
  barrier: () => {
    control.barrier();
  },
  requestHostStep: (sequence, foundInfinite) => {
    post({ type: 'host-step', sequence, foundInfinite });
  },
  waitForHost: (sequence) => {
    control.waitForHost(sequence);
  },
};
const engine = new RankEngine(config, plan, comm, data, state);

port.on('message', (message: ToWorker) => {
  if (message.type === 'epoch') {
    const onStep =
      rank === 0
        ? (report: StepReport): void => {
            post({ type: 'step', report });
          }
        : undefined;
    post({ type: 'epoch', rank, totals: engine.runEpoch(message.epoch, onStep) });
  } else {
    post({ type: 'state', rank, state: engine.state() });
  }
});
post({ type: 'ready', rank, held: engine.heldBytes, workspace: engine.workspaceBytes });
