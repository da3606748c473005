/**
 * Benchmarks 2, 3 and 5: registering 10,000 plugin variants, building the container and resolving the first
 * one through `container.get` (against the same 10,000 named bindings written by hand in raw inversify),
 * listing and did-you-mean over 10,000 aliases, and the memory 10,000 registered variants hold.
 * `measureStartup` and `measureMemory` run in child processes (bench/child.ts).
 */
import 'reflect-metadata';
import { Container } from 'inversify';
import { PluginRegistry, createPluginContainer, pluginToken } from 'plugboard';
import { collect, expect, interleaved, median, timeOnce, type Figures } from './lib/measure.js';
import { ratioSpread, ratios, spread, table, verdict, type Runs } from './lib/summary.js';

const COUNT = 10_000;
const LAST = `strategy_variant_${String(COUNT - 1)}`;

class Strategy {
  constructor(readonly options: { index: number }) {}
}
const aliasOf = (i: number) => `strategy_variant_${String(i)}`;
const paramsOf = (i: number) => ({ index: i, bucketMb: 25, offload: i % 2 === 0 });

function plugboardRegistry(sources: boolean): PluginRegistry {
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
  return registry;
}

function plugboardStartup(sources: boolean): Container {
  return bindStartup(plugboardRegistry(sources));
}

function bindStartup(registry: PluginRegistry): Container {
  const container = createPluginContainer({ registry });
  const first = container.get(pluginToken<Strategy>('strategy'), { name: LAST });
  expect(first instanceof Strategy && first.options.index === COUNT - 1, 'plugboard resolves the last variant');
  return container;
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
  const first = container.get<Strategy>(token, { name: LAST });
  expect(first instanceof Strategy && first.options.index === COUNT - 1, 'raw inversify resolves the last variant');
  return container;
}

/** What keeping a registration's call site costs at least: an Error subclass holding two frames, as plugboard's. */
class CallSite extends Error {
  constructor() {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 2;
    super();
    Error.stackTraceLimit = limit;
  }
}

/**
 * The floor of start-up: raw inversify's bindings made from a minimal registry (a map entry and a copy of the
 * params per variant, nothing checked), with or without a call site per registration.
 */
function floorStartup(sources: boolean): Container {
  const registry = new Map<string, { params: { index: number }; site: CallSite | undefined }>();
  for (let i = 0; i < COUNT; i += 1) {
    const options = { alias: aliasOf(i), params: paramsOf(i) };
    registry.set(options.alias, { params: { ...options.params }, site: sources ? new CallSite() : undefined });
  }
  const container = new Container();
  const token = Symbol('strategy');
  for (const [alias, entry] of registry) {
    container
      .bind(token)
      .toDynamicValue(() => new Strategy({ ...entry.params }))
      .whenNamed(alias);
  }
  const first = container.get<Strategy>(token, { name: LAST });
  expect(first instanceof Strategy && first.options.index === COUNT - 1, 'the floor resolves the last variant');
  return container;
}

const S = {
  plugboard: 'plugboard: register + createPluginContainer + first container.get',
  noSources: 'the same with `new PluginRegistry({ sources: false })` (no file:line per registration)',
  registerOnly: 'of which, timed apart: the 10,000 registrations of that row alone',
  bindOnly: 'of which, timed apart: createPluginContainer + first container.get, of a registry made before the timing',
  floor: 'floor: raw inversify bound from a minimal registry (a map entry and a params copy per variant)',
  floorSources: 'the floor with a call site per registration (an Error subclass holding two frames)',
  raw: 'raw inversify: bind + whenNamed + first get',
} as const;
const L = {
  list: 'availablePlugins() (sorted aliases)',
  described: 'availablePlugins({ withDescriptions, withRecommendations })',
  miss: 'did-you-mean for a miss (UnknownPluginError with suggestions)',
} as const;
const M = {
  registry: 'plugboard registry',
  both: 'plugboard registry + container bindings',
  raw: 'raw inversify bindings',
} as const;

export function measureStartup(): Figures {
  const runs: Record<string, number[]> = {
    [S.plugboard]: [],
    [S.noSources]: [],
    [S.floor]: [],
    [S.floorSources]: [],
    [S.raw]: [],
    [S.registerOnly]: [],
    [S.bindOnly]: [],
  };
  let made: PluginRegistry | undefined;
  const order = [
    [S.plugboard, () => plugboardStartup(true)],
    [S.noSources, () => plugboardStartup(false)],
    [S.registerOnly, () => plugboardRegistry(false)],
    [
      S.bindOnly,
      () => bindStartup(made ?? plugboardRegistry(false)),
      () => {
        made = plugboardRegistry(false);
      },
    ],
    [S.floor, () => floorStartup(false)],
    [S.floorSources, () => floorStartup(true)],
    [S.raw, rawStartup],
  ] as const;
  for (let round = 0; round < 4; round += 1) {
    for (let k = 0; k < order.length; k += 1) {
      const [name, fn, prepare] = order[(k + round) % order.length] as readonly [string, () => unknown, (() => void)?];
      prepare?.();
      collect();
      const ms = timeOnce(fn);
      made = undefined;
      if (round > 0) runs[name]?.push(ms); // round 0 warms up
    }
  }
  const registry = new PluginRegistry();
  for (let i = 0; i < COUNT; i += 1) {
    registry.register(Strategy, { alias: aliasOf(i), kind: 'strategy', params: paramsOf(i), description: 'd' });
  }
  const miss = 'strategy_varient_5000';
  const isList = (value: unknown) => expect(Array.isArray(value) && value.length === COUNT, 'every alias');
  const listing = interleaved(
    [
      {
        name: L.list,
        check: isList,
        loop: (n) => {
          let r;
          for (let i = 0; i < n; i += 1) r = registry.availablePlugins();
          return r;
        },
      },
      {
        name: L.described,
        check: isList,
        loop: (n) => {
          let r;
          for (let i = 0; i < n; i += 1)
            r = registry.availablePlugins({ withDescriptions: true, withRecommendations: true });
          return r;
        },
      },
      {
        name: L.miss,
        check: (value) => expect(String(value).includes('strategy_variant_5000'), 'the suggestion'),
        loop: (n) => {
          let r;
          for (let i = 0; i < n; i += 1) {
            try {
              r = registry.get(miss);
            } catch (error) {
              r = error;
            }
          }
          return r;
        },
      },
    ],
    7,
    20,
  );
  return {
    ...Object.fromEntries(Object.entries(runs).map(([name, values]) => [name, median(values)])),
    ...Object.fromEntries(Object.entries(listing).map(([name, ns]) => [name, ns / 1e6])),
  };
}

/** Bytes held per variant, in a fresh process: the registry, then its container, then raw inversify. */
export function measureMemory(): Figures {
  const held: unknown[] = [];
  collect();
  const before = process.memoryUsage().heapUsed;
  const registry = plugboardRegistry(true);
  held.push(registry);
  collect();
  const registryBytes = process.memoryUsage().heapUsed - before;
  held.push(createPluginContainer({ registry }));
  collect();
  const bothBytes = process.memoryUsage().heapUsed - before;
  held.push(rawStartup());
  collect();
  const rawBytes = process.memoryUsage().heapUsed - before - bothBytes;
  expect(held.length === 3, 'everything measured is still held');
  return { [M.registry]: registryBytes / COUNT, [M.both]: bothBytes / COUNT, [M.raw]: rawBytes / COUNT };
}

export function startupSection(runs: Runs, memory: Runs): string {
  const count = COUNT.toLocaleString('en');
  return [
    `### 2. Start-up with ${count} variants`,
    '',
    'Each process times every row in turn after a warm-up round, three times, and keeps its median. The floor',
    'rows bind raw inversify from a minimal registry (a map entry and a copy of the params per variant, nothing',
    'checked), without and with a call site per registration (the same Error subclass plugboard keeps): what no',
    'registry that records sources can go below. The two rows "of which" time the parts of the row without',
    'sources apart, each after a full garbage collection: what they add up to short of that row is the collections',
    'of the young generation while the container is built, which copy the registry made just before (see Findings).',
    '',
    table(
      ['', 'ms, median (min..max)', 'vs raw inversify', 'goal'],
      [
        [
          S.plugboard,
          spread(runs[S.plugboard] ?? [], 1),
          ratioSpread(ratios(runs, S.plugboard, S.raw)),
          verdict(ratios(runs, S.plugboard, S.raw), 1.5, '≤ 1.5x raw'),
        ],
        [
          S.noSources,
          spread(runs[S.noSources] ?? [], 1),
          ratioSpread(ratios(runs, S.noSources, S.raw)),
          verdict(ratios(runs, S.noSources, S.raw), 1.25, '≤ 1.25x raw'),
        ],
        [S.registerOnly, spread(runs[S.registerOnly] ?? [], 1), ratioSpread(ratios(runs, S.registerOnly, S.raw)), ''],
        [S.bindOnly, spread(runs[S.bindOnly] ?? [], 1), ratioSpread(ratios(runs, S.bindOnly, S.raw)), ''],
        [S.floor, spread(runs[S.floor] ?? [], 1), ratioSpread(ratios(runs, S.floor, S.raw)), ''],
        [S.floorSources, spread(runs[S.floorSources] ?? [], 1), ratioSpread(ratios(runs, S.floorSources, S.raw)), ''],
        [S.raw, spread(runs[S.raw] ?? [], 1), '1.00x', ''],
      ],
    ),
    '',
    `### 3. Listing and did-you-mean over ${count} aliases`,
    '',
    table(
      ['', 'ms/op, median (min..max)', 'goal'],
      Object.values(L).map((name) => [
        name,
        spread(runs[name] ?? [], 2),
        name === L.miss ? verdict(runs[name] ?? [], 5, 'under 5 ms') : '',
      ]),
    ),
    '',
    `### 5. Memory for ${count} variants (heap after GC, each process measures all three)`,
    '',
    table(
      ['', 'bytes per variant, median (min..max)', 'vs raw inversify', 'goal'],
      [
        [M.registry, spread(memory[M.registry] ?? []), ratioSpread(ratios(memory, M.registry, M.raw)), ''],
        [
          M.both,
          spread(memory[M.both] ?? []),
          ratioSpread(ratios(memory, M.both, M.raw)),
          verdict(ratios(memory, M.both, M.raw), 1.5, '≤ 1.5x raw'),
        ],
        [M.raw, spread(memory[M.raw] ?? []), '1.00x', ''],
      ],
    ),
  ].join('\n');
}
