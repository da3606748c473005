// Plain JavaScript, no build step: registerPlugin is @RegisterPlugin as a function.
import { registerPlugin } from 'plugboard';

/** Trains on TPU cores through XLA. */
export class TpuStrategy {
  /** @param {{ cores?: number, spmd?: boolean }} options */
  constructor(options = {}) {
    this.options = options;
  }

  describe() {
    return `TPU strategy on ${String(this.options.cores ?? 8)} cores${this.options.spmd ? ', SPMD' : ''}`;
  }
}

registerPlugin(TpuStrategy, {
  alias: 'tpu',
  kind: 'strategy',
  params: { cores: 8 },
  optionKeys: ['cores', 'spmd'],
  description: 'Data parallel on TPU cores through XLA',
  recommendedWhen: 'TPUs are attached',
  recommend: (env) => typeof env.tpus === 'number' && env.tpus > 0,
});

registerPlugin(TpuStrategy, {
  alias: 'tpu_spmd',
  kind: 'strategy',
  params: { cores: 8, spmd: true },
  optionKeys: ['cores', 'spmd'],
  description: 'SPMD sharding on TPU pods',
  recommendedWhen: 'a TPU pod and a model larger than one core',
  recommend: (env) => (typeof env.tpus === 'number' && env.tpus > 8 ? 2 : false),
});
