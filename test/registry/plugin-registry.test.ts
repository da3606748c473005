import { describe, expect, it } from '@jest/globals';
import { AsyncLocalStorage } from 'node:async_hooks';
import {
  DuplicatePluginError,
  InvalidPluginOptionsError,
  PluginError,
  PluginRegistrationError,
  PluginRegistry,
  UnknownPluginError,
  pluginsRegistry,
  registerPlugin,
} from 'plugboard';
import { callerLine } from '../support/caller-line.js';
import { thrown } from '../support/thrown.js';

class DdpStrategy {
  constructor(readonly options: unknown) {}
}
class DeepSpeedStrategy {
  constructor(readonly options: unknown) {}
}
class FsdpStrategy {}

function rfcRegistry(): PluginRegistry {
  const registry = new PluginRegistry();
  registry.register(DeepSpeedStrategy, {
    alias: 'deepspeed',
    kind: 'strategy',
    description: 'DeepSpeed ZeRO stage 2',
    recommendedWhen: 'model states do not fit one device',
  });
  registry.register(DeepSpeedStrategy, {
    alias: 'deepspeed_zero_3_offload',
    kind: 'strategy',
    params: { stage: 3, offloadOptimizer: true },
    description: 'ZeRO stage 3 with CPU offload',
    recommendedWhen: 'largest models, little GPU memory',
  });
  registry.register(DdpStrategy, { alias: 'ddp', kind: 'strategy', description: 'Distributed data parallel' });
  return registry;
}

describe(PluginRegistry.name, () => {
  describe('listing', () => {
    it('gives the sorted aliases', () => {
      expect(rfcRegistry().availablePlugins()).toEqual(['ddp', 'deepspeed', 'deepspeed_zero_3_offload']);
    });

    it('prints one line per plugin as the RFC shows', () => {
      const lines = rfcRegistry().availablePlugins({ withDescriptions: true, withRecommendations: true });

      expect(lines).toEqual([
        'ddp: Distributed data parallel',
        'deepspeed: DeepSpeed ZeRO stage 2, recommended when: model states do not fit one device',
        'deepspeed_zero_3_offload: ZeRO stage 3 with CPU offload, recommended when: largest models, little GPU memory',
      ]);
    });

    it('shows descriptions without recommendations when asked', () => {
      const lines = rfcRegistry().availablePlugins({ withDescriptions: true });

      expect(lines[1]).toBe('deepspeed: DeepSpeed ZeRO stage 2');
    });

    it('filters by kind', () => {
      const registry = rfcRegistry();
      registry.register(FsdpStrategy, { alias: 'bf16-mixed', kind: 'precision' });

      expect(registry.availablePlugins({ kind: 'precision' })).toEqual(['bf16-mixed']);
      expect(registry.list({ kind: 'strategy' }).map((entry) => entry.alias)).toHaveLength(3);
      expect(registry.kinds()).toEqual(['precision', 'strategy']);
    });

    it('prints a listing for people grouped by kind', () => {
      const registry = rfcRegistry();
      registry.register(FsdpStrategy, { alias: 'bf16-mixed', kind: 'precision' });

      expect(registry.toString()).toBe(
        [
          '4 plugins',
          'precision:',
          '  bf16-mixed',
          'strategy:',
          '  ddp                       Distributed data parallel',
          '  deepspeed                 DeepSpeed ZeRO stage 2; recommended when: model states do not fit one device',
          '  deepspeed_zero_3_offload  ZeRO stage 3 with CPU offload; recommended when: largest models, little GPU memory',
        ].join('\n'),
      );
      expect(new PluginRegistry().toString()).toBe('No plugins registered.');
    });
  });

  describe('look-up', () => {
    it('ignores case and treats - and _ alike, keeping the registered spelling', () => {
      const registry = rfcRegistry();

      expect(registry.has('DeepSpeed-Zero-3-Offload')).toBe(true);
      expect(registry.get('DeepSpeed-Zero-3-Offload').alias).toBe('deepspeed_zero_3_offload');
      expect(registry.find('nothing')).toBeUndefined();
    });

    it('returns the entry with its kind, class, texts, frozen params and source', () => {
      const entry = rfcRegistry().get('deepspeed_zero_3_offload');

      expect(entry).toMatchObject({
        alias: 'deepspeed_zero_3_offload',
        kind: 'strategy',
        target: DeepSpeedStrategy,
        description: 'ZeRO stage 3 with CPU offload',
        recommendedWhen: 'largest models, little GPU memory',
        params: { stage: 3, offloadOptimizer: true },
        scope: 'transient',
      });
      expect(Object.isFrozen(entry.params)).toBe(true);
      expect(entry.source).toMatch(/^test\/registry\/plugin-registry\.test\.ts:\d+$/);
    });

    it('throws UnknownPluginError with close matches and the available aliases', () => {
      const registry = rfcRegistry();

      const error = thrown(() => registry.get('deepsped'));

      expect(error).toBeInstanceOf(UnknownPluginError);
      expect(error).toMatchObject({ code: 'PLUGIN_NOT_FOUND', alias: 'deepsped', suggestions: ['deepspeed'] });
      expect(error.message).toBe(
        'No plugin "deepsped". Did you mean "deepspeed"? Available: ddp, deepspeed, deepspeed_zero_3_offload.',
      );
    });

    it('names the kind and only its aliases when a kind is asked for', () => {
      const registry = rfcRegistry();
      registry.register(FsdpStrategy, { alias: 'bf16-mixed', kind: 'precision' });

      expect(() => registry.get('bf16_mixd', 'precision')).toThrow(
        'No plugin "bf16_mixd" (kind precision). Did you mean "bf16-mixed"? Available: bf16-mixed.',
      );
      expect(() => registry.get('ddp', 'precision')).toThrow(UnknownPluginError);
    });

    it('says how to fix an empty registry', () => {
      expect(() => new PluginRegistry().get('ddp')).toThrow(
        'No plugin "ddp". No plugins are registered; import the modules that register them.',
      );
    });
  });

  describe('registering', () => {
    it('keeps aliases unique across kinds, naming both registrations', () => {
      const registry = rfcRegistry();

      const error = thrown(() => registry.register(FsdpStrategy, { alias: 'DDP', kind: 'precision' }));

      expect(error).toBeInstanceOf(DuplicatePluginError);
      expect(error.message).toMatch(
        /^Alias "DDP" is already registered by DdpStrategy \(test\/registry\/plugin-registry\.test\.ts:\d+\); cannot register FsdpStrategy \(test\/registry\/plugin-registry\.test\.ts:\d+\)\. Pass \{ override: true \} to replace it\.$/,
      );
      expect(registry.get('ddp').target).toBe(DdpStrategy);
    });

    it('records the line of the register() or registerPlugin() call itself', () => {
      const registry = new PluginRegistry();

      registry.register(DdpStrategy, { alias: 'ddp' });
      const registerLine = callerLine() - 1;
      using handle = registerPlugin(FsdpStrategy, { alias: 'fsdp', registry });
      const registerPluginLine = callerLine() - 1;

      expect(registry.get('ddp').source).toBe(`test/registry/plugin-registry.test.ts:${String(registerLine)}`);
      expect(handle.entry.source).toBe(`test/registry/plugin-registry.test.ts:${String(registerPluginLine)}`);
    });

    it('records no sources when created with { sources: false }, naming classes alone', () => {
      const registry = new PluginRegistry({ sources: false });
      registry.register(DdpStrategy, { alias: 'ddp' });

      expect(registry.get('ddp').source).toBeUndefined();
      expect(registry.clone().get('ddp').source).toBeUndefined();
      expect(() => registry.register(FsdpStrategy, { alias: 'ddp' })).toThrow(
        'Alias "ddp" is already registered by DdpStrategy; cannot register FsdpStrategy. Pass { override: true } to replace it.',
      );
    });

    it('refuses the same alias for the same class with other options', () => {
      const registry = new PluginRegistry();
      registry.register(DdpStrategy, { alias: 'ddp', params: { workers: 2 } });

      expect(() => registry.register(DdpStrategy, { alias: 'ddp', params: { workers: 4 } })).toThrow(
        DuplicatePluginError,
      );
    });

    it('accepts the very same registration again (a module imported twice)', () => {
      const registry = new PluginRegistry();
      const first = registry.register(DdpStrategy, { alias: 'ddp', params: { workers: 2 } });

      const second = registry.register(DdpStrategy, { alias: 'ddp', params: { workers: 2 } });

      expect(registry.availablePlugins()).toEqual(['ddp']);
      second.dispose();
      expect(registry.has('ddp')).toBe(true);
      first.dispose();
      expect(registry.has('ddp')).toBe(false);
    });

    it('names the line of the first registration, not of its idempotent repeat, in a later DuplicatePluginError (issue 27)', () => {
      const registry = new PluginRegistry();
      registry.register(DdpStrategy, { alias: 'ddp' });
      const firstLine = callerLine() - 1;
      registry.register(DdpStrategy, { alias: 'ddp' });

      const error = thrown(() => registry.register(FsdpStrategy, { alias: 'ddp' }));

      expect(error.message).toContain(
        `already registered by DdpStrategy (test/registry/plugin-registry.test.ts:${String(firstLine)});`,
      );
      expect(registry.get('ddp').source).toBe(`test/registry/plugin-registry.test.ts:${String(firstLine)}`);
    });

    it('accepts a re-evaluated copy of the class from the same place (a jest module reset)', () => {
      const registry = new PluginRegistry();
      const makeClass = () =>
        class Strategy {
          constructor(readonly options: unknown) {}
        };
      const register = (target: ReturnType<typeof makeClass>) => registry.register(target, { alias: 'x' });
      register(makeClass());
      const reloaded = makeClass();

      register(reloaded);

      expect(registry.get('x').target).toBe(reloaded);
    });

    it('replaces the whole entry with override, and brings it back when the override is disposed', () => {
      const registry = rfcRegistry();

      const handle = registry.register(FsdpStrategy, { alias: 'ddp', kind: 'strategy', override: true });

      expect(registry.get('ddp')).toMatchObject({ target: FsdpStrategy, description: undefined });
      handle.dispose();
      expect(registry.get('ddp')).toMatchObject({ target: DdpStrategy, description: 'Distributed data parallel' });
    });

    it('stores a frozen copy of the params that callers cannot change', () => {
      const registry = new PluginRegistry();
      const params = { stage: 3, nested: { offload: true } };
      registry.register(DeepSpeedStrategy, { alias: 'ds', params });

      params.nested.offload = false;

      expect(registry.get('ds').params).toEqual({ stage: 3, nested: { offload: true } });
      expect(Object.isFrozen((registry.get('ds').params as typeof params).nested)).toBe(true);
    });

    it('refuses options that would pollute a prototype, listing every one', () => {
      const registry = new PluginRegistry();
      const params = JSON.parse('{"__proto__": {"polluted": 1}, "nested": {"constructor": 2}}') as object;

      const error = thrown<InvalidPluginOptionsError>(() => registry.register(DdpStrategy, { alias: 'ddp', params }));

      expect(error).toBeInstanceOf(InvalidPluginOptionsError);
      expect(error.issues.map((issue) => issue.path)).toEqual([['__proto__'], ['nested', 'constructor']]);
      expect(registry.has('ddp')).toBe(false);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it.each([
      ['an empty alias', { alias: '' }, 'Invalid plugin alias ""'],
      ['a non-string alias', { alias: 42 }, 'A plugin alias must be a string, got number 42.'],
      ['an alias with spaces', { alias: 'deep speed' }, 'Invalid plugin alias "deep speed"'],
      ['a unicode look-alike', { alias: 'ddр' }, 'Invalid plugin alias "ddр"'],
      [
        'an unknown option key',
        { alias: 'ddp', decription: 'typo' },
        // issue 22: with a did-you-mean
        'Plugin registration: unknown option "decription". Did you mean "description"? Known options: ',
      ],
      ['a bad kind', { alias: 'ddp', kind: 'my kind' }, 'Invalid plugin kind "my kind"'],
      ['a bad scope', { alias: 'ddp', scope: 'request' }, 'scope must be "transient" or "singleton"'],
      ['a non-string description', { alias: 'ddp', description: 1 }, 'description must be a string'],
    ])('refuses %s with a PluginRegistrationError', (_, options, message) => {
      const registry = new PluginRegistry();

      const error = thrown(() => registry.register(DdpStrategy, options as never));

      expect(error).toBeInstanceOf(PluginRegistrationError);
      expect(error).toMatchObject({ code: 'PLUGIN_INVALID_REGISTRATION' });
      expect(error.message).toContain(message);
      expect(registry.availablePlugins()).toEqual([]);
    });

    it('refuses a target that is not a class', () => {
      const registry = new PluginRegistry();

      expect(() => registry.register((() => ({})) as never, { alias: 'arrow' })).toThrow(
        'Plugin "arrow": the target must be a class, got function (anonymous).',
      );
    });

    it('refuses options naming another registry', () => {
      const registry = new PluginRegistry();

      expect(() => registry.register(DdpStrategy, { alias: 'ddp', registry: new PluginRegistry() })).toThrow(
        PluginRegistrationError,
      );
    });

    it('registers with registerPlugin on the default registry unless told otherwise', () => {
      const registry = new PluginRegistry();
      using own = registerPlugin(DdpStrategy, { alias: 'ddp_own', registry });
      using global = registerPlugin(DdpStrategy, { alias: 'ddp_global_test' });

      expect(registry.has('ddp_own')).toBe(true);
      expect(pluginsRegistry.has('ddp_global_test')).toBe(true);
      expect(own.active && global.active).toBe(true);
    });
  });

  describe('undoing', () => {
    it('removes a registration when its handle leaves a using block', () => {
      const registry = new PluginRegistry();
      {
        using handle = registry.register(DdpStrategy, { alias: 'ddp' });
        expect(handle.active).toBe(true);
      }
      expect(registry.has('ddp')).toBe(false);
    });

    it('is safe to dispose twice, in any order, and after clear()', () => {
      const registry = new PluginRegistry();
      const a = registry.register(DdpStrategy, { alias: 'ddp' });
      const b = registry.register(FsdpStrategy, { alias: 'ddp', override: true });

      a.dispose();
      expect(registry.get('ddp').target).toBe(FsdpStrategy);
      b.dispose();
      b.dispose();
      expect(registry.has('ddp')).toBe(false);

      const c = registry.register(DdpStrategy, { alias: 'ddp' });
      registry.clear();
      c.dispose();
      expect(c.active).toBe(false);
      expect(registry.availablePlugins()).toEqual([]);
    });

    it('unregister removes the alias with everything it replaced', () => {
      const registry = new PluginRegistry();
      registry.register(DdpStrategy, { alias: 'ddp' });
      registry.register(FsdpStrategy, { alias: 'ddp', override: true });

      expect(registry.unregister('DDP')).toBe(true);
      expect(registry.unregister('ddp')).toBe(false);
      expect(registry.has('ddp')).toBe(false);
    });

    it('scoped() undoes every registration made inside, also when it throws', () => {
      const registry = rfcRegistry();

      expect(() =>
        registry.scoped(() => {
          registry.register(FsdpStrategy, { alias: 'fsdp' });
          registry.register(FsdpStrategy, { alias: 'ddp', override: true });
          throw new Error('boom');
        }),
      ).toThrow('boom');

      expect(registry.has('fsdp')).toBe(false);
      expect(registry.get('ddp').target).toBe(DdpStrategy);
    });

    it('scoped() returns what fn returns and waits for an async fn', async () => {
      const registry = new PluginRegistry();

      const seen = await registry.scoped(async () => {
        await Promise.resolve();
        registry.register(FsdpStrategy, { alias: 'fsdp' });
        return registry.availablePlugins();
      });

      expect(seen).toEqual(['fsdp']);
      expect(registry.has('fsdp')).toBe(false);
    });

    it('scoped() undoes an async fn that rejects', async () => {
      const registry = new PluginRegistry();

      await expect(
        registry.scoped(async () => {
          registry.register(FsdpStrategy, { alias: 'fsdp' });
          await Promise.resolve();
          throw new Error('late boom');
        }),
      ).rejects.toThrow('late boom');

      expect(registry.has('fsdp')).toBe(false);
    });

    it('scoped() leaves registrations made by another async flow alone', async () => {
      const registry = new PluginRegistry();
      let release: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => (release = resolve));

      const scope = registry.scoped(async () => {
        registry.register(FsdpStrategy, { alias: 'inside' });
        await gate;
      });
      registry.register(DdpStrategy, { alias: 'outside' });
      release();
      await scope;

      expect(registry.availablePlugins()).toEqual(['outside']);
    });

    it('scoped() still undoes what a block registers after an overlapping block has ended', async () => {
      const registry = new PluginRegistry();
      let release: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => (release = resolve));

      const long = registry.scoped(async () => {
        await gate;
        registry.register(FsdpStrategy, { alias: 'late' });
      });
      await registry.scoped(async () => {
        registry.register(DdpStrategy, { alias: 'short' });
        await Promise.resolve();
      });
      registry.register(DdpStrategy, { alias: 'between' });
      release();
      await long;
      registry.register(DdpStrategy, { alias: 'after' });

      expect(registry.availablePlugins()).toEqual(['after', 'between']);
    });

    it("scoped() blocks of two registries nest: each undoes its own registry's registrations, inner and outer", async () => {
      const outer = new PluginRegistry();
      const inner = new PluginRegistry();
      outer.register(DdpStrategy, { alias: 'kept' });
      await outer.scoped(async () => {
        outer.register(DdpStrategy, { alias: 'outer_before' });
        await inner.scoped(async () => {
          await Promise.resolve();
          outer.register(DdpStrategy, { alias: 'outer_inside' });
          inner.register(FsdpStrategy, { alias: 'inner_inside' });
        });
        expect(inner.availablePlugins()).toEqual([]);
        expect(outer.availablePlugins()).toEqual(['kept', 'outer_before', 'outer_inside']);
      });
      expect(outer.availablePlugins()).toEqual(['kept']);
    });

    it('scoped() of any number of registries uses one AsyncLocalStorage (issue 28: Node keeps each that ran)', () => {
      // Node 20 keeps every AsyncLocalStorage that has run and updates each on every promise: one per registry made
      // each await of the program slower by every registry that had used scoped().
      const stores = new Set<unknown>();
      // eslint-disable-next-line @typescript-eslint/unbound-method -- called with its own `this` below, then put back
      const original = AsyncLocalStorage.prototype.run;
      AsyncLocalStorage.prototype.run = function run(this: AsyncLocalStorage<unknown>, ...args: never[]) {
        stores.add(this);
        return (original as (...given: never[]) => unknown).apply(this, args);
      } as typeof original;
      try {
        for (let i = 0; i < 5; i += 1) new PluginRegistry().scoped(() => undefined);
      } finally {
        AsyncLocalStorage.prototype.run = original;
      }
      expect(stores.size).toBeLessThanOrEqual(1);
    });
  });

  it('tells listeners about changes, and stops when disposed', () => {
    const registry = new PluginRegistry();
    const seen: string[] = [];
    const subscription = registry.onChange((change) => seen.push(`${change.type} ${change.entry.alias}`));

    const handle = registry.register(DdpStrategy, { alias: 'ddp' });
    registry.register(FsdpStrategy, { alias: 'ddp', override: true });
    subscription.dispose();
    handle.dispose();

    expect(seen).toEqual(['added ddp', 'removed ddp', 'added ddp']);
  });

  it('gives {} (frozen) as the params of a registration without params, never undefined (issue 13)', () => {
    const registry = new PluginRegistry();
    registry.register(FsdpStrategy, { alias: 'fsdp' });

    const { params } = registry.get('fsdp');

    expect(params).toEqual({});
    expect(Object.isFrozen(params)).toBe(true);
    expect(registry.list()[0]?.params).toEqual({});
  });

  it('errors are PluginErrors, recognised across package copies', () => {
    const error = thrown(() => new PluginRegistry().get('x'));

    expect(PluginError.is(error)).toBe(true);
    expect(error).toBeInstanceOf(PluginError);
    expect(error.name).toBe('UnknownPluginError');
    expect(PluginError.is(new Error('x'))).toBe(false);
    expect(PluginError.is({ [Symbol.for('plugboard.PluginError')]: true })).toBe(true);
  });
});
