import { describe, expect, it } from '@jest/globals';
import { PluginRegistrationError, PluginRegistry, type RecommendationEnv } from 'plugboard';

class Strategy {}
const gpus = (env: RecommendationEnv) => (typeof env.gpus === 'number' ? env.gpus : 0);
const modelGb = (env: RecommendationEnv) => (typeof env.modelGb === 'number' ? env.modelGb : 0);

function registry(): PluginRegistry {
  const result = new PluginRegistry();
  result.register(Strategy, {
    alias: 'single_device',
    kind: 'strategy',
    recommendedWhen: 'one device',
    recommend: (env) => gpus(env) <= 1,
  });
  result.register(Strategy, {
    alias: 'ddp',
    kind: 'strategy',
    recommendedWhen: 'the model fits one device and you have several',
    recommend: (env) => (gpus(env) > 1 && modelGb(env) < 16 ? 2 : false),
  });
  result.register(Strategy, {
    alias: 'deepspeed_zero_3_offload',
    kind: 'strategy',
    recommendedWhen: 'largest models, little GPU memory',
    recommend: (env) => (modelGb(env) >= 16 ? 3 : 0),
  });
  result.register(Strategy, { alias: 'bf16-mixed', kind: 'precision', recommendedWhen: 'Ampere or newer' });
  return result;
}

describe('PluginRegistry.recommend', () => {
  it('returns the plugins whose predicates hold, best first, each with its reason', () => {
    const found = registry().recommend({ gpus: 4, modelGb: 40 });

    expect(found.map(({ alias, score, reason }) => ({ alias, score, reason }))).toEqual([
      { alias: 'deepspeed_zero_3_offload', score: 3, reason: 'largest models, little GPU memory' },
    ]);
  });

  it('filters by kind, and recommends nothing when no predicate holds', () => {
    expect(
      registry()
        .recommend({ gpus: 4, modelGb: 1 }, { kind: 'strategy' })
        .map((r) => r.alias),
    ).toEqual(['ddp']);
    expect(
      registry()
        .recommend({ gpus: 1 })
        .map((r) => r.alias),
    ).toEqual(['single_device']);
    expect(registry().recommend({ gpus: 2, modelGb: 1 }, { kind: 'precision' })).toEqual([]);
  });

  it('keeps the recommendation text in the listing either way', () => {
    expect(registry().availablePlugins({ withRecommendations: true })).toContain(
      'bf16-mixed: recommended when: Ampere or newer',
    );
  });

  it('names the plugin whose predicate throws', () => {
    const broken = registry();
    broken.register(Strategy, {
      alias: 'broken',
      recommend: () => {
        throw new Error('no env.gpus');
      },
    });

    expect(() => broken.recommend({})).toThrow(PluginRegistrationError);
    expect(() => broken.recommend({})).toThrow('The recommend() predicate of plugin "broken" threw: no env.gpus');
  });
});
