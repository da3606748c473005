import type { Rounding } from '../numeric/number-format.js';

/** Adam's hyperparameters (Kingma & Ba; PyTorch's defaults except the learning rate). */
export interface AdamOptions {
  readonly learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
}

/** The default Adam hyperparameters of the trainer. */
export const defaultAdamOptions: AdamOptions = { learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 };

/**
 * A contiguous run of parameters to update, with the arrays that hold them. Each array has its own offset,
 * so a worker can update its shard of a full replica (offset = shard start) from shard-sized moments (offset 0).
 */
export interface AdamSlice {
  readonly length: number;
  readonly parameters: Float64Array;
  readonly parameterOffset: number;
  readonly gradients: Float64Array;
  readonly gradientOffset: number;
  readonly firstMoment: Float64Array;
  readonly secondMoment: Float64Array;
  readonly momentOffset: number;
}

/**
 * One Adam step (step number `step`, counting from 1) on `slice`, with the gradients multiplied by
 * `gradientFactor` first (to unscale a scaled loss). Parameters and moments are rounded to the master format.
 * Elementwise, so updating shards one by one equals updating the whole vector.
 */
export function adamUpdate(
  options: AdamOptions,
  step: number,
  slice: AdamSlice,
  gradientFactor: number,
  round: Rounding,
): void {
  const { learningRate, beta1, beta2, epsilon } = options;
  const stepSize = learningRate / (1 - beta1 ** step);
  const correction2 = Math.sqrt(1 - beta2 ** step);
  const { parameters, gradients, firstMoment: m, secondMoment: v } = slice;
  for (let k = 0; k < slice.length; k++) {
    const g = (gradients[slice.gradientOffset + k] ?? 0) * gradientFactor;
    const at = slice.momentOffset + k;
    const mk = round(beta1 * (m[at] ?? 0) + (1 - beta1) * g);
    const vk = round(beta2 * (v[at] ?? 0) + (1 - beta2) * g * g);
    m[at] = mk;
    v[at] = vk;
    const p = slice.parameterOffset + k;
    parameters[p] = round((parameters[p] ?? 0) - (stepSize * mk) / (Math.sqrt(vk) / correction2 + epsilon));
  }
}
