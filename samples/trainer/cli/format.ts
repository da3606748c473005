import type { HeldBytes } from '../engine/memory-report.js';

/** `0.1234` as `12.3%`. */
export function percent(ratio: number): string {
  return `${(100 * ratio).toFixed(1)}%`;
}

/** A byte count for people: `512 B`, `9.8 KiB`, `1.2 MiB`, `21.0 GiB`. */
export function bytes(count: number): string {
  if (count < 1024) return `${String(count)} B`;
  if (count < 1024 * 1024) return `${(count / 1024).toFixed(1)} KiB`;
  if (count < 1024 ** 3) return `${(count / 1024 / 1024).toFixed(1)} MiB`;
  return `${(count / 1024 ** 3).toFixed(1)} GiB`;
}

/** `parameters 9.8 KiB, gradients 9.8 KiB, optimizer state 19.5 KiB`. */
export function heldBytes(held: HeldBytes): string {
  return `parameters ${bytes(held.parameters)}, gradients ${bytes(held.gradients)}, optimizer state ${bytes(held.optimizerState)}`;
}
