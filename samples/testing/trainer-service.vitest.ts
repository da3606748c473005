// The same helpers under vitest: usePluginOverrides takes vitest's hooks, the rest needs nothing.
// Run by `npm run vitest` (samples/testing/vitest.config.ts) and, against the packed package, by `npm run compat`.
import { beforeEach, afterEach, describe, expect, it } from 'vitest';
import { createTestContainer, overridePlugin, usePluginOverrides, withPluginOverrides } from 'plugboard/testing';
import { registry, type Strategy } from './plugins.js';
import { TrainerService } from './trainer-service.js';

/** Runs on one process: sums gradients without a launcher. */
class FakeStrategy implements Strategy {
  readonly name = 'fake';
  constructor(readonly options: { workers: number }) {}
  allReduce(gradients: readonly number[]): number {
    return gradients.reduce((sum, value) => sum + value, 0) / this.options.workers;
  }
}

describe('TrainerService with vitest', () => {
  it('fails without a launcher: the real plugin is what the tests replace', () => {
    const { resolver } = createTestContainer({ registry });

    expect(() => new TrainerService(resolver, { strategy: 'ddp' })).toThrow('WORLD_SIZE is not set');
  });

  it('overridePlugin: undone when the using block ends', () => {
    const { container, resolver } = createTestContainer({ registry });
    {
      using _ = overridePlugin(container, 'ddp', FakeStrategy);
      expect(new TrainerService(resolver, { strategy: 'ddp' }).step([1, 2, 3, 6])).toBe('fake: 3.00');
    }
    expect(() => new TrainerService(resolver, { strategy: 'ddp' })).toThrow('WORLD_SIZE');
  });

  it('withPluginOverrides: the override lasts as long as the callback', async () => {
    const { container, resolver } = createTestContainer({ registry });

    const result = await withPluginOverrides(container, { ddp: new FakeStrategy({ workers: 2 }) }, async () => {
      await Promise.resolve();
      return new TrainerService(resolver, { strategy: 'ddp' }).step([1, 1]);
    });

    expect(result).toBe('fake: 1.00');
  });

  describe('usePluginOverrides with vitest hooks', () => {
    const { container, resolver } = createTestContainer({ registry });
    usePluginOverrides(() => ({ ddp: FakeStrategy }), { target: container, beforeEach, afterEach });

    it('replaces the strategy in every test of the block', () => {
      expect(new TrainerService(resolver, { strategy: 'ddp' }).strategy).toBeInstanceOf(FakeStrategy);
    });

    it('and again in the next one', () => {
      expect(new TrainerService(resolver, { strategy: 'ddp' }).step([2, 2])).toBe('fake: 1.00');
    });
  });
});
