/**
 * Benchmark 1: resolving a plugin variant by alias (transient, with per-call overrides, and a singleton),
 * against the same binding written by hand in raw inversify 8, tsyringe, and plain code (the floor).
 * `measureResolve` runs in a child process (bench/child.ts); resolve.report.ts reports the runs of several.
 */
import 'reflect-metadata';
import { Container, type Factory } from 'inversify';
import { container as tsyringeRoot } from 'tsyringe';
import { PluginRegistry, PluginResolver, createPluginContainer, pluginToken } from 'plugboard';
import { overridePlugin } from 'plugboard/testing';
import { expect, interleaved, type Figures } from './lib/measure.js';
import { T, VARIANTS } from './resolve.report.js';

const ALIAS = 'ddp_50';

interface DdpOptions {
  workers: number;
  bucketMb: number;
  findUnusedParameters: boolean;
}
class DdpStrategy {
  constructor(readonly options: DdpOptions) {}
}
const paramsOf = (i: number): DdpOptions => ({ workers: i, bucketMb: 25, findUnusedParameters: false });
const copy = (options: DdpOptions): DdpOptions => ({ ...options });
const OVERRIDES = { workers: 3, bucketMb: 10 };

/** Checks a transient result: a new DdpStrategy of variant 50 (with the overrides, if given). */
function isVariant(value: unknown, overrides?: typeof OVERRIDES): true {
  expect(value instanceof DdpStrategy, 'a DdpStrategy');
  const { options } = value as DdpStrategy;
  expect(options.workers === (overrides?.workers ?? 50), 'workers');
  expect(options.bucketMb === (overrides?.bucketMb ?? 25), 'bucketMb');
  return expect(!options.findUnusedParameters, 'findUnusedParameters');
}

export function measureResolve(): Figures {
  const registry = new PluginRegistry();
  for (let i = 0; i < VARIANTS; i += 1)
    registry.register(DdpStrategy, { alias: `ddp_${String(i)}`, kind: 'strategy', params: paramsOf(i) });
  registry.register(DdpStrategy, { alias: 'shared', kind: 'strategy', params: paramsOf(0), scope: 'singleton' });
  const container = createPluginContainer({ registry });
  const resolver = container.get(PluginResolver);
  const token = pluginToken<DdpStrategy>('strategy');

  const raw = new Container();
  const rawToken = Symbol('strategy');
  const resolvedToken = Symbol('strategy-resolved');
  const factoryToken = Symbol('strategy-factory');
  for (let i = 0; i < VARIANTS; i += 1) {
    const params = paramsOf(i);
    const name = `ddp_${String(i)}`;
    raw
      .bind(rawToken)
      .toDynamicValue(() => new DdpStrategy(copy(params)))
      .whenNamed(name);
    raw
      .bind(resolvedToken)
      .toResolvedValue(() => new DdpStrategy(copy(params)))
      .whenNamed(name);
    raw
      .bind<Factory<DdpStrategy, [Partial<DdpOptions>]>>(factoryToken)
      .toFactory(() => (overrides) => new DdpStrategy({ ...params, ...overrides }))
      .whenNamed(name);
  }
  raw
    .bind(rawToken)
    .toDynamicValue(() => new DdpStrategy(copy(paramsOf(0))))
    .inSingletonScope()
    .whenNamed('shared');

  const tsyringe = tsyringeRoot.createChildContainer();
  for (let i = 0; i < VARIANTS; i += 1) {
    const params = paramsOf(i);
    tsyringe.register(`ddp_${String(i)}`, { useFactory: () => new DdpStrategy(copy(params)) });
  }
  const sharedInstance = new DdpStrategy(paramsOf(0));
  tsyringe.register('shared', { useValue: sharedInstance });
  const floorParams = paramsOf(50);

  // One loop function per task, so that each call site stays monomorphic.
  const transient = interleaved([
    {
      name: T.resolve,
      check: (v) => isVariant(v),
      loop: (n) => {
        let r;
        for (let i = 0; i < n; i += 1) r = resolver.resolve(ALIAS);
        return r;
      },
    },
    {
      name: T.get,
      check: (v) => isVariant(v),
      loop: (n) => {
        let r;
        for (let i = 0; i < n; i += 1) r = container.get(token, { name: ALIAS });
        return r;
      },
    },
    {
      name: T.raw,
      check: (v) => isVariant(v),
      loop: (n) => {
        let r;
        for (let i = 0; i < n; i += 1) r = raw.get(rawToken, { name: ALIAS });
        return r;
      },
    },
    {
      name: T.rawResolved,
      check: (v) => isVariant(v),
      loop: (n) => {
        let r;
        for (let i = 0; i < n; i += 1) r = raw.get(resolvedToken, { name: ALIAS });
        return r;
      },
    },
    {
      name: T.tsyringe,
      check: (v) => isVariant(v),
      loop: (n) => {
        let r;
        for (let i = 0; i < n; i += 1) r = tsyringe.resolve(ALIAS);
        return r;
      },
    },
    {
      name: T.floor,
      check: (v) => isVariant(v),
      loop: (n) => {
        let r;
        for (let i = 0; i < n; i += 1) r = new DdpStrategy(copy(floorParams));
        return r;
      },
    },
  ]);
  const overrides = interleaved([
    {
      name: T.overrides,
      check: (v) => isVariant(v, OVERRIDES),
      loop: (n) => {
        let r;
        for (let i = 0; i < n; i += 1) r = resolver.resolve(ALIAS, { workers: 3, bucketMb: 10 });
        return r;
      },
    },
    {
      name: T.rawFactory,
      check: (v) => isVariant(v, OVERRIDES),
      loop: (n) => {
        let r;
        for (let i = 0; i < n; i += 1)
          r = raw.get<Factory<DdpStrategy, [Partial<DdpOptions>]>>(factoryToken, { name: ALIAS })({
            workers: 3,
            bucketMb: 10,
          });
        return r;
      },
    },
    {
      name: T.overrideFloor,
      check: (v) => isVariant(v, OVERRIDES),
      loop: (n) => {
        let r;
        for (let i = 0; i < n; i += 1) r = new DdpStrategy({ ...floorParams, ...{ workers: 3, bucketMb: 10 } });
        return r;
      },
    },
  ]);
  const shared = resolver.resolve('shared');
  const rawShared = raw.get(rawToken, { name: 'shared' });
  const singleton = interleaved([
    {
      name: T.sResolve,
      check: (v) => expect(v === shared, 'the same instance'),
      loop: (n) => {
        let r;
        for (let i = 0; i < n; i += 1) r = resolver.resolve('shared');
        return r;
      },
    },
    {
      name: T.sGet,
      check: (v) => expect(v === shared, 'the same instance'),
      loop: (n) => {
        let r;
        for (let i = 0; i < n; i += 1) r = container.get(token, { name: 'shared' });
        return r;
      },
    },
    {
      name: T.sRaw,
      check: (v) => expect(v === rawShared, 'the same instance'),
      loop: (n) => {
        let r;
        for (let i = 0; i < n; i += 1) r = raw.get(rawToken, { name: 'shared' });
        return r;
      },
    },
    {
      name: T.sTsyringe,
      check: (v) => expect(v === sharedInstance, 'the same instance'),
      loop: (n) => {
        let r;
        for (let i = 0; i < n; i += 1) r = tsyringe.resolve('shared');
        return r;
      },
    },
    {
      name: T.sFloor,
      check: (v) => expect(v === sharedInstance, 'the same instance'),
      loop: (n) => {
        let r;
        for (let i = 0; i < n; i += 1) r = sharedInstance;
        return r;
      },
    },
  ]);
  // Last, as it switches every resolve of this container to the path that looks for test overrides.
  class FakeStrategy extends DdpStrategy {}
  const testOverride = overridePlugin(container, 'ddp_7', FakeStrategy);
  const whileOverridden = interleaved([
    {
      name: T.oOther,
      check: (v) => isVariant(v),
      loop: (n) => {
        let r;
        for (let i = 0; i < n; i += 1) r = resolver.resolve(ALIAS);
        return r;
      },
    },
    {
      name: T.oReplaced,
      check: (v) => expect(v instanceof FakeStrategy && v.options.workers === 7, 'the replacement'),
      loop: (n) => {
        let r;
        for (let i = 0; i < n; i += 1) r = resolver.resolve('ddp_7');
        return r;
      },
    },
    {
      name: T.oRaw,
      check: (v) => isVariant(v),
      loop: (n) => {
        let r;
        for (let i = 0; i < n; i += 1) r = raw.get(resolvedToken, { name: ALIAS });
        return r;
      },
    },
    {
      name: T.oFloor,
      check: (v) => isVariant(v),
      loop: (n) => {
        let r;
        for (let i = 0; i < n; i += 1) r = new DdpStrategy(copy(floorParams));
        return r;
      },
    },
  ]);
  testOverride.dispose();
  return { ...transient, ...overrides, ...singleton, ...whileOverridden };
}
