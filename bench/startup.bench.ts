/**
 * Benchmarks 2, 3 and 5: registering 10,000 plugin variants and building the container (against the
 * same 10,000 named bindings written by hand in raw inversify), listing and did-you-mean over 10,000
 * aliases, and the memory 10,000 registered variants hold.
 */
import 'reflect-metadata';
import { Container } from 'inversify';
import { PluginRegistry, PluginResolver, createPluginContainer, pluginToken } from 'plugboard';
import { measure, ratio, timeOnce } from './lib/measure.js';

const COUNT = 10_000;
/** What the memory figures measure stays reachable until they are taken. */
const keepAlive: unknown[] = [];

class Strategy {
  constructor(readonly options: unknown) {}
}
const aliasOf = (i: number) => `strategy_variant_${String(i)}`;
const paramsOf = (i: number) => ({ index: i, bucketMb: 25, offload: i % 2 === 0 });

function plugboardStartup(sources = true): PluginResolver {
  const registry = new PluginRegistry({ sources });
  for (let i = 0; i < COUNT; i += 1) {
    registry.register(Strategy, {
      alias: aliasOf(i),
      kind: 'strategy',
      params: paramsOf(i),
      description: `Variant ${String(i)}`,
      recommendedWhen: 'benchmarking',
    });
  }
  const container = createPluginContainer({ registry });
  const resolver = container.get(PluginResolver);
  resolver.resolve(aliasOf(COUNT - 1));
  return resolver;
}

function rawStartup(): Container {
  const container = new Container();
  const token = Symbol('strategy');
  for (let i = 0; i < COUNT; i += 1) {
    const params = paramsOf(i);
    container
      .bind(token)
      .toDynamicValue(() => new Strategy({ ...params }))
      .whenNamed(aliasOf(i));
  }
  container.get(token, { name: aliasOf(COUNT - 1) });
  return container;
}

function heapAfterGc(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc');
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

export async function startupBenchmark(): Promise<string> {
  const registry = new PluginRegistry();
  for (let i = 0; i < COUNT; i += 1) {
    registry.register(Strategy, { alias: aliasOf(i), kind: 'strategy', params: paramsOf(i), description: 'd' });
  }
  const miss = 'strategy_varient_5000';
  const listing = await measure(
    {
      'availablePlugins() (sorted aliases)': () => registry.availablePlugins(),
      'availablePlugins({ withDescriptions, withRecommendations })': () =>
        registry.availablePlugins({ withDescriptions: true, withRecommendations: true }),
      'did-you-mean for a miss (UnknownPluginError with suggestions)': () => {
        try {
          return registry.get(miss);
        } catch (error) {
          return error;
        }
      },
    },
    5,
    400,
  );
  // Timed after the listing, so that the garbage of ten start-ups does not weigh on the did-you-mean figures.
  const plugboardMs = timeOnce(() => plugboardStartup(), 5);
  const withoutSourcesMs = timeOnce(() => plugboardStartup(false), 5);
  const rawMs = timeOnce(rawStartup, 5);
  const container = createPluginContainer({ registry });
  container.get(pluginToken('strategy'), { name: aliasOf(1) });

  const before = heapAfterGc();
  const held: PluginRegistry[] = [];
  const memoryRegistry = new PluginRegistry();
  for (let i = 0; i < COUNT; i += 1) {
    memoryRegistry.register(Strategy, { alias: aliasOf(i), kind: 'strategy', params: paramsOf(i), description: 'd' });
  }
  held.push(memoryRegistry);
  const registryBytes = heapAfterGc() - before;
  const memoryContainer = createPluginContainer({ registry: memoryRegistry });
  const withContainer = heapAfterGc() - before;
  const rawBefore = heapAfterGc();
  const raw = rawStartup();
  const rawBytes = heapAfterGc() - rawBefore;

  const fmtMb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  const result = [
    `### 2. Start-up with ${COUNT.toLocaleString('en')} variants (best of 5)`,
    '',
    '| | ms | vs raw inversify | target |',
    '| --- | ---: | ---: | --- |',
    `| plugboard: register + createPluginContainer + first resolve | ${plugboardMs.toFixed(1)} | ${ratio(plugboardMs, rawMs)} | at most 2x |`,
    `| the same with \`new PluginRegistry({ sources: false })\` (no file:line per registration) | ${withoutSourcesMs.toFixed(1)} | ${ratio(withoutSourcesMs, rawMs)} | at most 2x |`,
    `| raw inversify: bind + whenNamed + first get | ${rawMs.toFixed(1)} | 1.00x | |`,
    '',
    `### 3. Listing and did-you-mean over ${COUNT.toLocaleString('en')} aliases`,
    '',
    '| | ms/op | target |',
    '| --- | ---: | --- |',
    ...Object.entries(listing).map(
      ([name, ns]) => `| ${name} | ${(ns / 1e6).toFixed(2)} | ${name.startsWith('did-you-mean') ? 'under 5 ms' : ''} |`,
    ),
    '',
    `### 5. Memory for ${COUNT.toLocaleString('en')} variants (heap after GC)`,
    '',
    '| | total | per variant |',
    '| --- | ---: | ---: |',
    `| plugboard registry | ${fmtMb(registryBytes)} | ${String(Math.round(registryBytes / COUNT))} B |`,
    `| plugboard registry + container bindings | ${fmtMb(withContainer)} | ${String(Math.round(withContainer / COUNT))} B |`,
    `| raw inversify bindings | ${fmtMb(rawBytes)} | ${String(Math.round(rawBytes / COUNT))} B |`,
  ].join('\n');
  keepAlive.push(held, memoryContainer, raw);
  return result;
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) console.log(await startupBenchmark());
