import { describe, expect, it } from '@jest/globals';
import {
  PluginRegistrationError,
  PluginRegistry,
  RegisterPlugin,
  createPluginContainer,
  PluginResolver,
} from 'plugboard';
import { callerLine } from '../support/caller-line.js';

// This file compiles with TypeScript's standard (TC39) decorators; register-plugin.legacy.test.ts with experimentalDecorators.
describe(`${RegisterPlugin.name} (standard decorators)`, () => {
  it('registers stacked variants of one class, each with its params', () => {
    const registry = new PluginRegistry();

    @RegisterPlugin({ alias: 'deepspeed', kind: 'strategy', registry, params: { stage: 2 } })
    @RegisterPlugin({ alias: 'deepspeed_zero_3', kind: 'strategy', registry, params: { stage: 3 } })
    @RegisterPlugin({
      alias: 'deepspeed_zero_3_offload',
      kind: 'strategy',
      registry,
      params: { stage: 3, offloadOptimizer: true },
      description: 'ZeRO stage 3 with CPU offload',
      recommendedWhen: 'largest models, little GPU memory',
    })
    class DeepSpeedStrategy {
      constructor(readonly options: { stage: number; offloadOptimizer?: boolean }) {}
    }

    const resolver = createPluginContainer({ registry }).get(PluginResolver);
    expect(registry.availablePlugins()).toEqual(['deepspeed', 'deepspeed_zero_3', 'deepspeed_zero_3_offload']);
    expect(resolver.resolve('deepspeed_zero_3_offload')).toEqual(
      new DeepSpeedStrategy({ stage: 3, offloadOptimizer: true }),
    );
    expect(registry.get('deepspeed_zero_3').params).toEqual({ stage: 3 });
  });

  it('takes the shorthand (alias, description, recommendedWhen)', () => {
    const registry = new PluginRegistry();
    const register = RegisterPlugin('ddp_sharded', 'Sharded data parallel', 'optimizer state dominates memory');

    @RegisterPlugin({ alias: 'marker', registry })
    class ShardedStrategy {}
    registry.scoped(() => {
      // The shorthand always targets the default registry; apply it by hand to an isolated one's copy of the class.
      registry.register(ShardedStrategy, {
        alias: 'ddp_sharded',
        description: 'Sharded data parallel',
        recommendedWhen: 'optimizer state dominates memory',
      });
      expect(registry.availablePlugins({ withDescriptions: true, withRecommendations: true })).toContain(
        'ddp_sharded: Sharded data parallel, recommended when: optimizer state dominates memory',
      );
    });
    expect(typeof register).toBe('function');
  });

  it('records the place where the decorator is written', () => {
    const registry = new PluginRegistry();

    const line = callerLine() + 1;
    @RegisterPlugin({ alias: 'placed', registry })
    class Placed {}

    expect(registry.get('placed').source).toBe(`test/decorators/register-plugin.test.ts:${String(line)}`);
    expect(registry.get('placed').target).toBe(Placed);
  });

  it('refuses bad options when the decorator is called, before any class is defined', () => {
    expect(() => RegisterPlugin({ alias: 'x', sope: 'singleton' } as never)).toThrow(
      'Plugin registration: unknown option "sope". Did you mean "scope"?',
    );
    expect(() => RegisterPlugin('')).toThrow(PluginRegistrationError);
  });

  it('refuses to decorate a method', () => {
    const registry = new PluginRegistry();
    const decorator = RegisterPlugin({ alias: 'method', registry }) as unknown as (
      value: unknown,
      context: ClassMethodDecoratorContext,
    ) => void;

    expect(() => {
      class Host {
        @decorator
        run(): void {}
      }
      return Host;
    }).toThrow('@RegisterPlugin("method") must decorate a class, but was applied to a method.');
    expect(registry.has('method')).toBe(false);
  });
});
