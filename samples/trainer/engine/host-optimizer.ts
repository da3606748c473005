import type { EngineConfig } from './engine-config.js';
import type { HeldBytes } from './memory-report.js';
import type { OptimizerState } from './training-state.js';
import { roundingOf } from '../numeric/number-format.js';
import { adamUpdate } from '../optim/adam.js';
import { updateLossScale, type LossScalerState } from '../optim/loss-scaler.js';

/**
 * The optimizer of an offloading strategy, in the main thread: it keeps Adam's moments in host memory and, when
 * the workers have reduced their gradient shards into `gradients`, updates the shared `parameters` in place.
 */
export class HostOptimizer {
  readonly #config: EngineConfig;
  readonly #parameters: Float64Array;
  readonly #gradients: Float64Array;
  readonly #firstMoment: Float64Array;
  readonly #secondMoment: Float64Array;
  #step: number;
  #lossScale: LossScalerState | undefined;

  constructor(
    config: EngineConfig,
    state: OptimizerState,
    lossScale: LossScalerState | undefined,
    parameters: Float64Array,
    gradients: Float64Array,
  ) {
    this.#config = config;
    this.#parameters = parameters;
    this.#gradients = gradients;
    this.#firstMoment = state.firstMoment.slice();
    this.#secondMoment = state.secondMoment.slice();
    this.#step = state.step;
    this.#lossScale = lossScale;
  }

  /** Bytes of optimizer state in host memory. */
  get heldBytes(): HeldBytes {
    return {
      parameters: 0,
      gradients: 0,
      optimizerState: this.#firstMoment.byteLength + this.#secondMoment.byteLength,
    };
  }

  /** One optimizer step on the shared parameters, skipped (and the loss scale backed off) on overflow. */
  step(foundInfinite: boolean): void {
    const scaling = this.#config.lossScaling;
    const scale = this.#lossScale?.scale ?? 1;
    if (!(foundInfinite && scaling)) {
      this.#step++;
      adamUpdate(
        this.#config.optimizer,
        this.#step,
        {
          length: this.#parameters.length,
          parameters: this.#parameters,
          parameterOffset: 0,
          gradients: this.#gradients,
          gradientOffset: 0,
          firstMoment: this.#firstMoment,
          secondMoment: this.#secondMoment,
          momentOffset: 0,
        },
        1 / scale,
        roundingOf(this.#config.master),
      );
    }
    if (scaling && this.#lossScale) this.#lossScale = updateLossScale(this.#lossScale, scaling, foundInfinite);
  }

  /** A copy of the optimizer state. */
  state(): OptimizerState {
    return { step: this.#step, firstMoment: this.#firstMoment.slice(), secondMoment: this.#secondMoment.slice() };
  }
}
