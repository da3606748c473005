import { mulberry32 } from '../numeric/mulberry32.js';
import type { Rounding } from '../numeric/number-format.js';

/** The hidden-layer nonlinearity. */
export type Activation = 'relu' | 'tanh';

/** The architecture of a multilayer perceptron: layer widths from inputs to classes, and the activation. */
export interface MlpShape {
  /** Widths from the input to the output layer, such as `[2, 32, 3]`. */
  readonly layers: readonly number[];
  readonly activation: Activation;
}

/** Where one dense layer's weights (`outputs` rows of `inputs`) and biases sit in the flat parameter vector. */
export interface LayerSpan {
  readonly inputs: number;
  readonly outputs: number;
  /** Offset of the row-major weight matrix; the `outputs` biases follow it. */
  readonly offset: number;
  /** Weights plus biases. */
  readonly size: number;
}

/** The flat parameter vector of an MLP: every layer's weights then biases, layer after layer. */
export class MlpLayout {
  readonly spans: readonly LayerSpan[];
  readonly parameterCount: number;

  constructor(readonly shape: MlpShape) {
    const spans: LayerSpan[] = [];
    let offset = 0;
    for (let layer = 1; layer < shape.layers.length; layer++) {
      const inputs = shape.layers[layer - 1] ?? 0;
      const outputs = shape.layers[layer] ?? 0;
      const size = inputs * outputs + outputs;
      spans.push({ inputs, outputs, offset, size });
      offset += size;
    }
    this.spans = spans;
    this.parameterCount = offset;
  }

  /** The widest layer's parameter count. */
  get largestLayer(): number {
    return Math.max(...this.spans.map((span) => span.size));
  }

  /** The widest activation. */
  get widest(): number {
    return Math.max(...this.shape.layers);
  }

  /**
   * Initial parameters drawn from `seed`: Glorot-uniform weights for tanh, He-uniform for ReLU, zero biases,
   * each rounded to the master weights' format.
   */
  initialParameters(seed: number, round: Rounding): Float64Array {
    const random = mulberry32(seed);
    const parameters = new Float64Array(this.parameterCount);
    for (const { inputs, outputs, offset } of this.spans) {
      const limit = this.shape.activation === 'relu' ? Math.sqrt(6 / inputs) : Math.sqrt(6 / (inputs + outputs));
      for (let i = 0; i < inputs * outputs; i++) parameters[offset + i] = round((2 * random() - 1) * limit);
    }
    return parameters;
  }
}
