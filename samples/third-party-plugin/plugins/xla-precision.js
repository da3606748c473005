import { registerPlugin } from 'plugboard';

/** bfloat16 through XLA. */
export class XlaPrecision {
  /** @param {{ dtype?: string }} options */
  constructor(options = {}) {
    this.options = options;
  }
}

registerPlugin(XlaPrecision, {
  alias: 'xla-bf16',
  kind: 'precision',
  params: { dtype: 'bfloat16' },
  description: 'bfloat16 on TPUs through XLA',
  recommendedWhen: 'training on TPUs',
});
