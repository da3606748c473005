import type { FromWorker, SharedBuffers } from './worker-protocol.js';
import type { ParallelPlan } from '../engine/engine-config.js';
import type { HostOptimizer } from '../engine/host-optimizer.js';
import { maxBytes, noBytes, type MemoryReport } from '../engine/memory-report.js';

/**
 * A worker group's memory report from its workers' 'ready' messages (what each holds), the host optimizer's
 * state, and the shared buffers, each once. Offloaded parameters and gradients count as host memory, not shared.
 */
export function groupMemory(
  plan: ParallelPlan,
  ready: readonly FromWorker[],
  host: HostOptimizer | undefined,
  shared: SharedBuffers,
): MemoryReport {
  let perWorker = noBytes;
  let workspace = 0;
  for (const message of ready) {
    if (message.type !== 'ready') continue;
    perWorker = maxBytes(perWorker, message.held);
    workspace = Math.max(workspace, message.workspace);
  }
  const parametersBytes = shared.parameters?.byteLength ?? 0;
  return {
    workers: plan.worldSize,
    perWorker,
    workspacePerWorker: workspace,
    host: host
      ? {
          ...host.heldBytes,
          parameters: plan.offloadParameters ? parametersBytes : 0,
          gradients: shared.hostGradients?.byteLength ?? 0,
        }
      : noBytes,
    privateSlotsPerWorker: 0,
    shared: {
      gradientSlots: shared.slots.byteLength,
      parameters: plan.offloadParameters ? 0 : parametersBytes,
      control: shared.control.byteLength,
    },
  };
}
