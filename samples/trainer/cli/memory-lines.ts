import { bytes, heldBytes } from './format.js';
import { reachPerWorker, runTotal, totalBytes, type MemoryReport } from '../engine/memory-report.js';

/**
 * The memory a run holds, every buffer counted: what each worker holds privately (model states, workspace,
 * private gradient slots), the shared buffers every worker maps (all ranks' gradient slots, the all-gathered
 * parameters), the host's (offload), what one worker reaches, and the run's total.
 */
export function memoryLines(memory: MemoryReport): string[] {
  const workers = memory.workers === 1 ? 'the one worker' : `each of ${String(memory.workers)} workers`;
  const slots = memory.privateSlotsPerWorker > 0 ? `, gradient slot ${bytes(memory.privateSlotsPerWorker)}` : '';
  const lines = [
    `memory: ${workers} holds ${heldBytes(memory.perWorker)}, workspace ${bytes(memory.workspacePerWorker)}${slots}`,
  ];
  const { shared } = memory;
  if (shared.gradientSlots + shared.parameters > 0) {
    lines.push(
      `        shared by the workers: gradient slots ${bytes(shared.gradientSlots)} (2 per rank)` +
        (shared.parameters > 0 ? `, all-gathered parameters ${bytes(shared.parameters)}` : ''),
    );
  }
  if (totalBytes(memory.host) > 0) lines.push(`        host (main thread): ${heldBytes(memory.host)}`);
  lines.push(
    `        one worker holds or maps ${bytes(reachPerWorker(memory))}; the run holds ${bytes(runTotal(memory))} in all`,
  );
  return lines;
}
