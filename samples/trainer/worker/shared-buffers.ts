import type { SharedBuffers } from './worker-protocol.js';
import { slotLength } from '../engine/communicator.js';
import type { ParallelPlan } from '../engine/engine-config.js';
import { SharedControl } from '../engine/shared-control.js';

/**
 * The SharedArrayBuffers of a worker group for `count` parameters: the control cells, double-buffered gradient
 * slots (by step parity, so a rank may start the next step while others still reduce this one), the
 * all-gathered parameters (ZeRO stages 1-3, offload), and the host's gradient buffer (offload).
 */
export function allocateSharedBuffers(plan: ParallelPlan, count: number): SharedBuffers {
  const sharesParameters = plan.stage > 0 || plan.offloadOptimizer;
  return {
    control: SharedControl.allocate(),
    slots: sharedFloats(2 * plan.worldSize * slotLength(count)),
    parameters: sharesParameters ? sharedFloats(count) : undefined,
    hostGradients: plan.offloadOptimizer ? sharedFloats(count) : undefined,
  };
}

function sharedFloats(length: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(length * Float64Array.BYTES_PER_ELEMENT));
}
