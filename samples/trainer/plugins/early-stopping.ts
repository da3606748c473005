import { z } from 'zod';
import { RegisterPlugin } from 'plugboard';
import type { Callback, EpochContext } from './callback.js';
import { improves, monitoredMetric, type MonitoredMetric } from './monitored-metric.js';
import type { Stateful } from './stateful.js';
import { trainerRegistry } from '../registry.js';

/** Options of early_stopping. */
export const earlyStoppingOptions = z.object({
  monitor: monitoredMetric.default('val_loss'),
  /** Epochs without improvement before stopping. */
  patience: z.number().int().min(1).default(3),
  /** The least change that counts as an improvement. */
  minDelta: z.number().min(0).default(0),
});

/** Options of early_stopping, as a user writes them. */
export type EarlyStoppingOptions = z.input<typeof earlyStoppingOptions>;

/**
 * Stops training when the monitored metric has not improved for `patience` epochs (Lightning EarlyStopping).
 * Its best value and the epochs it has waited are saved in every checkpoint, so a resumed run keeps counting.
 */
@RegisterPlugin({
  alias: 'early_stopping',
  kind: 'callback',
  registry: trainerRegistry,
  schema: earlyStoppingOptions,
  optionKeys: ['monitor', 'patience', 'minDelta'],
  description: 'Stop when the monitored metric stops improving',
  recommendedWhen: 'you do not know how many epochs the model needs',
  recommend: () => 1,
})
export class EarlyStopping implements Callback, Stateful {
  readonly label: string;
  readonly stateKey: string;
  readonly stateVersion = 1;
  readonly #monitor: MonitoredMetric;
  readonly #patience: number;
  readonly #minDelta: number;
  #best: number | undefined;
  #waited = 0;

  constructor(options: EarlyStoppingOptions = {}) {
    const { monitor, patience, minDelta } = earlyStoppingOptions.parse(options);
    [this.#monitor, this.#patience, this.#minDelta] = [monitor, patience, minDelta];
    this.label = `early_stopping (${monitor}, patience ${String(patience)})`;
    this.stateKey = `early_stopping(${monitor})`;
  }

  /** Epochs since the monitored metric last improved. */
  get waited(): number {
    return this.#waited;
  }

  onEpochEnd(context: EpochContext): void {
    const value = context.metrics[this.#monitor];
    if (value === undefined) return;
    if (improves(this.#monitor, value, this.#best, this.#minDelta)) {
      [this.#best, this.#waited] = [value, 0];
      return;
    }
    this.#waited++;
    if (this.#waited >= this.#patience) {
      context.stop(
        `${this.#monitor} did not improve for ${String(this.#patience)} epochs (best ${this.#best?.toFixed(4) ?? 'none'})`,
      );
    }
  }

  stateDict(): { best: number | null; waited: number } {
    return { best: this.#best ?? null, waited: this.#waited };
  }

  loadStateDict(state: unknown, version: number): void {
    if (version !== this.stateVersion) {
      throw new Error(`early_stopping reads state version ${String(this.stateVersion)}, got ${String(version)}`);
    }
    const { best, waited } = (state ?? {}) as { best?: unknown; waited?: unknown };
    if ((best !== null && typeof best !== 'number') || typeof waited !== 'number' || !Number.isInteger(waited)) {
      throw new Error('early_stopping state needs { best: number | null, waited: integer }');
    }
    [this.#best, this.#waited] = [best ?? undefined, Math.max(0, waited)];
  }
}
