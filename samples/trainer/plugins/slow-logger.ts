import { z } from 'zod';
import { pluginSetup, RegisterPlugin } from 'plugboard';
import type { LoggedMetrics, MetricsLogger } from './metrics-logger.js';
import { trainerRegistry } from '../registry.js';

/** Options of slow_logger. */
export const slowLoggerOptions = z.object({
  /** How long its set-up takes, in milliseconds. */
  setupMs: z.int().min(0).max(600_000).default(1500),
});

/** Options of slow_logger, as a user writes them. */
export type SlowLoggerOptions = z.input<typeof slowLoggerOptions>;

/**
 * A logger whose asynchronous set-up (`[pluginSetup]`) takes `setupMs`, as one that connects to a tracking
 * server would; it keeps the metrics it is given in memory. It is there to show `--setup-timeout`: the trainer
 * sets every plugin up before training, and one that does not finish in time is named in the error.
 */
@RegisterPlugin({
  alias: 'slow_logger',
  kind: 'logger',
  registry: trainerRegistry,
  schema: slowLoggerOptions,
  optionKeys: ['setupMs'],
  description: 'A logger whose set-up takes setupMs (default 1500 ms), to show --setup-timeout',
  recommendedWhen: 'trying --setup-timeout',
})
export class SlowLogger implements MetricsLogger {
  readonly label: string;
  readonly logged: LoggedMetrics[] = [];
  readonly #setupMs: number;
  #ready = false;

  constructor(options: SlowLoggerOptions = {}) {
    this.#setupMs = slowLoggerOptions.parse(options).setupMs;
    this.label = `slow_logger (set-up ${String(this.#setupMs)} ms)`;
  }

  async [pluginSetup](): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, this.#setupMs));
    this.#ready = true;
  }

  logMetrics(metrics: LoggedMetrics): void {
    if (!this.#ready) throw new Error('slow_logger was used before its set-up finished.');
    this.logged.push(metrics);
  }
}
