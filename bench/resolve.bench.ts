/**
 * Benchmark 1: resolving a transient plugin variant (and a singleton) by alias, against the same binding
 * written by hand in raw inversify 8, tsyringe, and plain `new Class(copy of options)` (the floor).
 */
import 'reflect-metadata';
import { Container } from 'inversify';
import { container as tsyringeRoot } from 'tsyringe';
import { PluginRegistry, PluginResolver, createPluginContainer, pluginToken } from 'plugboard';
import { measure, ratio } from './lib/measure.js';

const VARIANTS = 100;
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

export async function resolveBenchmark(): Promise<string> {
  // plugboard: VARIANTS variants of one class on one kind token, plus a singleton.
  const registry = new PluginRegistry();
  for (let i = 0; i < VARIANTS; i += 1)
    registry.register(DdpStrategy, { alias: `ddp_${String(i)}`, kind: 'strategy', params: paramsOf(i) });
  registry.register(DdpStrategy, { alias: 'shared', kind: 'strategy', params: paramsOf(0), scope: 'singleton' });
  const container = createPluginContainer({ registry });
  const resolver = container.get(PluginResolver);
  const token = pluginToken<DdpStrategy>('strategy');

  // Raw inversify: the same named bindings written by hand.
  const raw = new Container();
  const rawToken = Symbol('strategy');
  for (let i = 0; i < VARIANTS; i += 1) {
    const params = paramsOf(i);
    raw
      .bind(rawToken)
      .toDynamicValue(() => new DdpStrategy(copy(params)))
      .whenNamed(`ddp_${String(i)}`);
  }
  const resolvedToken = Symbol('strategy-resolved');
  for (let i = 0; i < VARIANTS; i += 1) {
    const params = paramsOf(i);
    raw
      .bind(resolvedToken)
      .toResolvedValue(() => new DdpStrategy(copy(params)))
      .whenNamed(`ddp_${String(i)}`);
  }
  raw
    .bind(rawToken)
    .toDynamicValue(() => new DdpStrategy(copy(paramsOf(0))))
    .inSingletonScope()
    .whenNamed('shared');

  // tsyringe: one token per alias.
  const tsyringe = tsyringeRoot.createChildContainer();
  for (let i = 0; i < VARIANTS; i += 1) {
    const params = paramsOf(i);
    tsyringe.register(`ddp_${String(i)}`, { useFactory: () => new DdpStrategy(copy(params)) });
  }
  const sharedInstance = new DdpStrategy(paramsOf(0));
  tsyringe.register('shared', { useValue: sharedInstance });

  const floorParams = paramsOf(50);
  const transient = await measure({
    'plugboard PluginResolver.resolve': () => resolver.resolve(ALIAS),
    'plugboard container.get(token, { name })': () => container.get(token, { name: ALIAS }),
    'raw inversify toDynamicValue + whenNamed': () => raw.get(rawToken, { name: ALIAS }),
    'raw inversify toResolvedValue + whenNamed': () => raw.get(resolvedToken, { name: ALIAS }),
    'tsyringe resolve (useFactory)': () => tsyringe.resolve(ALIAS),
    'floor: new Class(copy of options)': () => new DdpStrategy(copy(floorParams)),
  });
  const singleton = await measure({
    'plugboard PluginResolver.resolve': () => resolver.resolve('shared'),
    'plugboard container.get(token, { name })': () => container.get(token, { name: 'shared' }),
    'raw inversify toDynamicValue + whenNamed': () => raw.get(rawToken, { name: 'shared' }),
    'tsyringe resolve (useValue)': () => tsyringe.resolve('shared'),
    'floor: a variable': () => sharedInstance,
  });

  const rows = (timings: Record<string, number>, baseline: string, floor: string) =>
    Object.entries(timings).map(
      ([name, ns]) =>
        `| ${name} | ${ns.toFixed(0)} | ${ratio(ns, timings[baseline] ?? NaN)} | ${ratio(ns, timings[floor] ?? NaN)} |`,
    );
  return [
    `### 1. Resolve by alias (${String(VARIANTS)} variants on one token)`,
    '',
    '| transient | ns/op | vs raw inversify | vs floor |',
    '| --- | ---: | ---: | ---: |',
    ...rows(transient, 'raw inversify toDynamicValue + whenNamed', 'floor: new Class(copy of options)'),
    '',
    '| singleton | ns/op | vs raw inversify | vs floor |',
    '| --- | ---: | ---: | ---: |',
    ...rows(singleton, 'raw inversify toDynamicValue + whenNamed', 'floor: a variable'),
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) console.log(await resolveBenchmark());
