import { mixSeed, mulberry32 } from '../numeric/mulberry32.js';

/**
 * The order in which epoch `epoch` visits `size` samples: a Fisher-Yates shuffle seeded by `(seed, epoch)` only,
 * so every worker computes the same order and a resumed run continues exactly where it stopped.
 */
export function epochOrder(size: number, seed: number, epoch: number): Int32Array {
  const order = new Int32Array(size);
  for (let i = 0; i < size; i++) order[i] = i;
  const random = mulberry32(mixSeed(seed, epoch));
  for (let i = size - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const swap = order[i] ?? 0;
    order[i] = order[j] ?? 0;
    order[j] = swap;
  }
  return order;
}
