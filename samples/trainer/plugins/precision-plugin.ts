import { z } from 'zod';
import { RegisterPlugin } from 'plugboard';
import type { EngineConfig, NumericField } from '../engine/engine-config.js';
import { roundingOf, type NumberFormat, type Rounding } from '../numeric/number-format.js';
import { defaultLossScalerOptions, type LossScalerOptions } from '../optim/loss-scaler.js';
import { trainerRegistry } from '../registry.js';

const format = z.enum(['float64', 'float32', 'float16', 'bfloat16']) satisfies z.ZodType<NumberFormat>;

/** Options of a precision plugin, checked by plugboard when registered and when overridden. */
export const precisionOptions = z
  .object({
    /** Format of activations and gradients. */
    compute: format.default('float32'),
    /** Format of the master weights and optimizer state. */
    master: format.default('float32'),
    /** Dynamic loss scaling, needed for float16's narrow range. */
    lossScaling: z.boolean().default(false),
    /** The loss scale to start from, with lossScaling. Default 2^16. */
    initialScale: z
      .number()
      .int()
      .min(1)
      .max(2 ** 40)
      .optional(),
  })
  .refine((options) => options.lossScaling || options.initialScale === undefined, {
    error: 'initialScale needs lossScaling',
    path: ['initialScale'],
  });

/** Options of a precision plugin, as a user writes them (every key optional). */
export type PrecisionOptions = z.input<typeof precisionOptions>;

/**
 * What every precision variant registers with: the schema checks options (plugboard lists every problem), and
 * the option keys let plugboard refuse an unknown key with a did-you-mean.
 */
const registration = {
  kind: 'precision',
  registry: trainerRegistry,
  schema: precisionOptions,
  optionKeys: Object.keys(precisionOptions.shape),
} as const;

/**
 * Numeric precision, as Lightning's precision plugins: `*-true` computes and stores in one format; `*-mixed`
 * keeps float32 master weights and optimizer state, and rounds every activation and gradient through half
 * precision (IEEE float16 with dynamic loss scaling, or bfloat16), as autocast does on an accelerator.
 */
@RegisterPlugin({
  alias: '32-true',
  ...registration,
  params: { compute: 'float32', master: 'float32' },
  description: 'Full float32 precision',
  recommendedWhen: 'by default; the reference for accuracy',
  recommend: () => 1,
})
@RegisterPlugin({
  alias: '64-true',
  ...registration,
  params: { compute: 'float64', master: 'float64' },
  description: 'Double precision',
  recommendedWhen: 'checking numerics, or comparing strategies to round-off',
})
@RegisterPlugin({
  alias: '16-mixed',
  ...registration,
  params: { compute: 'float16', master: 'float32', lossScaling: true },
  description: 'Mixed precision: float16 compute with dynamic loss scaling, float32 master weights',
  recommendedWhen: 'your hardware is fast at float16 and values stay in its range',
})
@RegisterPlugin({
  alias: 'bf16-mixed',
  ...registration,
  params: { compute: 'bfloat16', master: 'float32' },
  description: 'Mixed precision: bfloat16 compute, float32 master weights',
  recommendedWhen: 'your hardware supports bfloat16; no loss scaling needed',
})
export class PrecisionPlugin {
  readonly compute: NumberFormat;
  readonly master: NumberFormat;
  readonly lossScaling: LossScalerOptions | undefined;
  readonly label: string;

  constructor(options: PrecisionOptions = {}) {
    const { compute, master, lossScaling, initialScale } = precisionOptions.parse(options);
    this.compute = compute;
    this.master = master;
    this.lossScaling = lossScaling
      ? { ...defaultLossScalerOptions, initialScale: initialScale ?? defaultLossScalerOptions.initialScale }
      : undefined;
    const mixed = this.compute !== this.master;
    this.label = `${this.compute} ${mixed ? `compute, ${this.master} master weights` : ''}`.trim();
    if (this.lossScaling) this.label += ', dynamic loss scaling';
  }

  /** The engine fields this precision decides. */
  get formats(): Pick<EngineConfig, NumericField> {
    return { compute: this.compute, master: this.master, lossScaling: this.lossScaling };
  }

  /** Rounds a number to the compute format. */
  get round(): Rounding {
    return roundingOf(this.compute);
  }

  /** Rounds a number to the master format. */
  get roundMaster(): Rounding {
    return roundingOf(this.master);
  }
}

/** True if `value` is a precision plugin. */
export function isPrecision(value: unknown): value is PrecisionPlugin {
  return value instanceof PrecisionPlugin;
}
