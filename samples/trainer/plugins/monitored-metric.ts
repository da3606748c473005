import { z } from 'zod';

/** The metrics a callback can monitor. */
export const monitoredMetric = z.enum(['val_loss', 'val_acc', 'train_loss', 'train_acc']);

/** A monitored metric's name. */
export type MonitoredMetric = z.infer<typeof monitoredMetric>;

/** True if `value` improves on `best` for `metric` by more than `minDelta`: accuracies go up, losses down. */
export function improves(metric: MonitoredMetric, value: number, best: number | undefined, minDelta = 0): boolean {
  if (best === undefined) return true;
  return metric.endsWith('acc') ? value > best + minDelta : value < best - minDelta;
}
