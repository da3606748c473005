import { RegisterPlugin } from 'plugboard';
import { OptionsReader } from './options-reader.js';
import { roundingOf, type NumberFormat, type Rounding } from '../numeric/number-format.js';
import { defaultLossScalerOptions, type LossScalerOptions } from '../optim/loss-scaler.js';
import { trainerRegistry } from '../registry.js';

/** Options of a precision plugin. */
export interface PrecisionOptions {
  /** Format of activations and gradients. */
  readonly compute?: NumberFormat;
  /** Format of the master weights and optimizer state. */
  readonly master?: NumberFormat;
  /** Dynamic loss scaling, needed for float16's narrow range. */
  readonly lossScaling?: boolean;
  /** The loss scale to start from, with lossScaling. Default 2^16. */
  readonly initialScale?: number;
}

const FORMATS: readonly NumberFormat[] = ['float64', 'float32', 'float16', 'bfloat16'];

/**
 * Numeric precision, as Lightning's precision plugins: `*-true` computes and stores in one format; `*-mixed`
 * keeps float32 master weights and optimizer state, and rounds every activation and gradient through half
 * precision (IEEE float16 with dynamic loss scaling, or bfloat16), as autocast does on an accelerator.
 */
@RegisterPlugin({
  alias: '32-true',
  kind: 'precision',
  registry: trainerRegistry,
  params: { compute: 'float32', master: 'float32' },
  description: 'Full float32 precision',
  recommendedWhen: 'by default; the reference for accuracy',
})
@RegisterPlugin({
  alias: '64-true',
  kind: 'precision',
  registry: trainerRegistry,
  params: { compute: 'float64', master: 'float64' },
  description: 'Double precision',
  recommendedWhen: 'checking numerics, or comparing strategies to round-off',
})
@RegisterPlugin({
  alias: '16-mixed',
  kind: 'precision',
  registry: trainerRegistry,
  params: { compute: 'float16', master: 'float32', lossScaling: true },
  description: 'Mixed precision: float16 compute with dynamic loss scaling, float32 master weights',
  recommendedWhen: 'your hardware is fast at float16 and values stay in its range',
})
@RegisterPlugin({
  alias: 'bf16-mixed',
  kind: 'precision',
  registry: trainerRegistry,
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
    const reader = new OptionsReader(options);
    this.compute = reader.oneOf('compute', FORMATS, 'float32');
    this.master = reader.oneOf('master', FORMATS, 'float32');
    const lossScaling = reader.boolean('lossScaling', false);
    const initialScale = reader.integer('initialScale', defaultLossScalerOptions.initialScale, 1, 2 ** 40);
    if (!lossScaling && initialScale !== defaultLossScalerOptions.initialScale)
      reader.problem('initialScale needs lossScaling');
    reader.done();
    this.lossScaling = lossScaling ? { ...defaultLossScalerOptions, initialScale } : undefined;
    const mixed = this.compute !== this.master;
    this.label = `${this.compute} ${mixed ? `compute, ${this.master} master weights` : ''}`.trim();
    if (this.lossScaling) this.label += ', dynamic loss scaling';
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
