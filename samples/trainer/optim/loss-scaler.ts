/** Dynamic loss scaling for float16 training, as torch.cuda.amp.GradScaler does it. */
export interface LossScalerOptions {
  readonly initialScale: number;
  readonly growthFactor: number;
  readonly backoffFactor: number;
  /** Steps without overflow before the scale grows. */
  readonly growthInterval: number;
}

/** The scale and the count of overflow-free steps since it last changed. */
export interface LossScalerState {
  readonly scale: number;
  readonly growthTracker: number;
}

/** GradScaler's defaults, with a shorter growth interval that a small demo run reaches. */
export const defaultLossScalerOptions: LossScalerOptions = {
  initialScale: 2 ** 16,
  growthFactor: 2,
  backoffFactor: 0.5,
  growthInterval: 200,
};

/** The scaler's state at the start of training. */
export function initialLossScale(options: LossScalerOptions): LossScalerState {
  return { scale: options.initialScale, growthTracker: 0 };
}

/**
 * The state after a step: an overflow (`foundInfinite`; the step was skipped) backs the scale off; a run of
 * `growthInterval` clean steps grows it.
 */
export function updateLossScale(
  state: LossScalerState,
  options: LossScalerOptions,
  foundInfinite: boolean,
): LossScalerState {
  if (foundInfinite) return { scale: state.scale * options.backoffFactor, growthTracker: 0 };
  const growthTracker = state.growthTracker + 1;
  if (growthTracker < options.growthInterval) return { scale: state.scale, growthTracker };
  return { scale: state.scale * options.growthFactor, growthTracker: 0 };
}
