import type { MlpLayout } from './mlp-layout.js';
import type { Dataset } from '../data/dataset.js';
import { isWithin, roundingOf, type NumberFormat, type Rounding } from '../numeric/number-format.js';

/** Rows processed together: a tile's activations stay in cache while each weight row is used for all of them. */
const TILE = 16;

/** Sums over the rows a kernel call processed. */
export interface BatchTotals {
  /** Sum of the per-row cross-entropy losses. */
  lossSum: number;
  /** Rows whose highest logit is the label. */
  correct: number;
}

/**
 * Forward and backward passes of an MLP with softmax cross-entropy over a batch of rows, layer by layer.
 * Every activation and gradient is rounded to the compute format (float16, bfloat16, float32 or float64), and
 * weights stored in a wider master format are cast to it one layer at a time (a ZeRO-3 worker reads the
 * gathered weights from shared memory the same way). Accumulations run in float64.
 */
export class MlpKernel {
  readonly #layout: MlpLayout;
  readonly #round: Rounding;
  readonly #tanh: boolean;
  readonly #activations: Float64Array[];
  readonly #deltas: [Float64Array, Float64Array];
  readonly #cast: Float64Array;

  /** `capacity` is the most rows one call processes. */
  constructor(layout: MlpLayout, compute: NumberFormat, master: NumberFormat, capacity: number) {
    this.#layout = layout;
    this.#round = roundingOf(compute);
    this.#tanh = layout.shape.activation === 'tanh';
    this.#activations = layout.shape.layers.map((width) => new Float64Array(capacity * width));
    this.#deltas = [new Float64Array(capacity * layout.widest), new Float64Array(capacity * layout.widest)];
    this.#cast = new Float64Array(isWithin(master, compute) ? 0 : layout.largestLayer);
  }

  /** Bytes of scratch memory: activations, backward deltas and the one-layer cast buffer. */
  get workspaceBytes(): number {
    const buffers = [...this.#activations, ...this.#deltas, this.#cast];
    return buffers.reduce((sum, buffer) => sum + buffer.byteLength, 0);
  }

  /**
   * Adds to `gradients` the gradient of `gradScale` × (sum of the losses of rows `order[lo..hi)`), and returns
   * their loss and accuracy totals. `gradients` is laid out like the parameters and is not cleared.
   */
  accumulate(
    parameters: Float64Array,
    data: Dataset,
    order: Int32Array,
    lo: number,
    hi: number,
    gradScale: number,
    gradients: Float64Array,
  ): BatchTotals {
    const rows = hi - lo;
    this.#forward(parameters, data, order, lo, rows);
    const totals = this.#loss(data, order, lo, rows, gradScale);
    this.#backward(parameters, rows, gradients);
    return totals;
  }

  /** Loss and accuracy totals over a whole data set, forward only. */
  evaluate(parameters: Float64Array, data: Dataset, order: Int32Array): BatchTotals {
    const capacity = (this.#activations[0]?.length ?? 0) / data.dimensions;
    const totals: BatchTotals = { lossSum: 0, correct: 0 };
    for (let lo = 0; lo < data.size; lo += capacity) {
      const rows = Math.min(capacity, data.size - lo);
      this.#forward(parameters, data, order, lo, rows);
      const part = this.#loss(data, order, lo, rows, 0);
      totals.lossSum += part.lossSum;
      totals.correct += part.correct;
    }
    return totals;
  }

  #forward(parameters: Float64Array, data: Dataset, order: Int32Array, lo: number, rows: number): void {
    const round = this.#round;
    const input = this.#activations[0] ?? new Float64Array(0);
    const width = data.dimensions;
    for (let r = 0; r < rows; r++) {
      const row = order[lo + r] ?? 0;
      for (let j = 0; j < width; j++) input[r * width + j] = round(data.features[row * width + j] ?? 0);
    }
    const spans = this.#layout.spans;
    for (let layer = 0; layer < spans.length; layer++) {
      const span = spans[layer];
      const a = this.#activations[layer];
      const z = this.#activations[layer + 1];
      if (!span || !a || !z) continue;
      const { inputs, outputs } = span;
      const [weights, base] = this.#weights(parameters, layer);
      const bias = base + inputs * outputs;
      const hidden = layer < spans.length - 1;
      for (let tile = 0; tile < rows; tile += TILE) {
        const end = Math.min(rows, tile + TILE);
        for (let o = 0; o < outputs; o++) {
          const w = base + o * inputs;
          for (let r = tile; r < end; r++) {
            let sum = weights[bias + o] ?? 0;
            const x = r * inputs;
            for (let i = 0; i < inputs; i++) sum += (a[x + i] ?? 0) * (weights[w + i] ?? 0);
            const value = round(sum);
            z[r * outputs + o] = hidden ? round(this.#tanh ? Math.tanh(value) : Math.max(0, value)) : value;
          }
        }
      }
    }
  }

  /** Softmax cross-entropy on the logits; writes d(loss × gradScale)/d(logits) into the first delta buffer. */
  #loss(data: Dataset, order: Int32Array, lo: number, rows: number, gradScale: number): BatchTotals {
    const round = this.#round;
    const logits = this.#activations.at(-1) ?? new Float64Array(0);
    const delta = this.#deltas[0];
    const classes = data.classes;
    const totals: BatchTotals = { lossSum: 0, correct: 0 };
    for (let r = 0; r < rows; r++) {
      const label = data.labels[order[lo + r] ?? 0] ?? 0;
      const at = r * classes;
      let max = -Infinity;
      let best = 0;
      for (let c = 0; c < classes; c++) {
        const value = logits[at + c] ?? 0;
        if (value > max) {
          max = value;
          best = c;
        }
      }
      let sum = 0;
      for (let c = 0; c < classes; c++) sum += Math.exp((logits[at + c] ?? 0) - max);
      totals.lossSum += Math.log(sum) - ((logits[at + label] ?? 0) - max);
      if (best === label) totals.correct++;
      if (gradScale === 0) continue;
      for (let c = 0; c < classes; c++) {
        const probability = Math.exp((logits[at + c] ?? 0) - max) / sum;
        delta[at + c] = round((probability - (c === label ? 1 : 0)) * gradScale);
      }
    }
    return totals;
  }

  #backward(parameters: Float64Array, rows: number, gradients: Float64Array): void {
    const round = this.#round;
    const spans = this.#layout.spans;
    let [delta, next] = this.#deltas;
    for (let layer = spans.length - 1; layer >= 0; layer--) {
      const span = spans[layer];
      const a = this.#activations[layer];
      if (!span || !a) continue;
      const { inputs, outputs, offset } = span;
      const bias = offset + inputs * outputs;
      for (let tile = 0; tile < rows; tile += TILE) {
        const end = Math.min(rows, tile + TILE);
        for (let o = 0; o < outputs; o++) {
          const w = offset + o * inputs;
          for (let r = tile; r < end; r++) {
            const d = delta[r * outputs + o] ?? 0;
            if (d === 0) continue;
            gradients[bias + o] = (gradients[bias + o] ?? 0) + d;
            const x = r * inputs;
            for (let i = 0; i < inputs; i++) gradients[w + i] = (gradients[w + i] ?? 0) + d * (a[x + i] ?? 0);
          }
        }
      }
      if (layer === 0) break;
      const [weights, base] = this.#weights(parameters, layer);
      next.fill(0, 0, rows * inputs);
      for (let tile = 0; tile < rows; tile += TILE) {
        const end = Math.min(rows, tile + TILE);
        for (let o = 0; o < outputs; o++) {
          const w = base + o * inputs;
          for (let r = tile; r < end; r++) {
            const d = delta[r * outputs + o] ?? 0;
            if (d === 0) continue;
            const x = r * inputs;
            for (let i = 0; i < inputs; i++) next[x + i] = (next[x + i] ?? 0) + d * (weights[w + i] ?? 0);
          }
        }
      }
      for (let r = 0; r < rows; r++) {
        const x = r * inputs;
        for (let i = 0; i < inputs; i++) {
          const activation = a[x + i] ?? 0;
          const slope = this.#tanh ? 1 - activation * activation : activation > 0 ? 1 : 0;
          next[x + i] = round(round(next[x + i] ?? 0) * slope);
        }
      }
      [delta, next] = [next, delta];
    }
  }

  /** The weights of `layer` in the compute format, and the offset at which they start. */
  #weights(parameters: Float64Array, layer: number): [Float64Array, number] {
    const span = this.#layout.spans[layer];
    if (this.#cast.length === 0 || !span) return [parameters, span?.offset ?? 0];
    const round = this.#round;
    for (let k = 0; k < span.size; k++) this.#cast[k] = round(parameters[span.offset + k] ?? 0);
    return [this.#cast, 0];
  }
}
