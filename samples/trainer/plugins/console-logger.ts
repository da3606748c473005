import { RegisterPlugin } from 'plugboard';
import type { LoggedMetrics, MetricsLogger } from './metrics-logger.js';
import { trainerRegistry } from '../registry.js';
import { LOG, type Log } from '../services/log.js';

/** Prints one line per epoch to the trainer's Log: `epoch 3  train_loss 0.8123  train_acc 61.2%  ...`. */
@RegisterPlugin({
  alias: 'console_logger',
  kind: 'logger',
  registry: trainerRegistry,
  inject: [LOG],
  description: 'One line of metrics per epoch on the terminal',
  recommendedWhen: 'by default; watching a run',
  recommend: () => 1,
})
export class ConsoleLogger implements MetricsLogger {
  readonly label = 'console_logger';
  readonly #log: Log;

  constructor(log: Log) {
    this.#log = log;
  }

  logMetrics(metrics: LoggedMetrics): void {
    const cells = Object.entries(metrics).map(([key, value]) => `${key} ${formatMetric(key, value)}`);
    this.#log.info(cells.join('  '));
  }
}

/** Accuracies as percentages, counts as integers, the rest with 4 decimals (or 3 significant digits). */
export function formatMetric(key: string, value: number): string {
  if (key.endsWith('acc')) return `${(100 * value).toFixed(1)}%`;
  if (Number.isInteger(value)) return String(value);
  if (key === 'seconds') return value.toFixed(2);
  return Math.abs(value) >= 1e-3 ? value.toFixed(4) : value.toPrecision(3);
}
