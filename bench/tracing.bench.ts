/**
 * Benchmark 1b: what tracing through diagnostics_channel costs a resolve. The same transient resolve and
 * `container.get` as benchmark 1, with nobody subscribed to plugboard's tracing channels and then with a no-op
 * subscriber on every one of them, each beside raw inversify in the same round. Runs in a process of its own
 * (bench/child.ts tracing), so that subscribing cannot change benchmark 1's figures.
 */
import 'reflect-metadata';
import { tracingChannel, type TracingChannelSubscribers } from 'node:diagnostics_channel';
import { Container } from 'inversify';
import { PLUGIN_TRACE_CHANNELS, PluginRegistry, PluginResolver, createPluginContainer, pluginToken } from 'plugboard';
import { expect, interleaved, type Figures } from './lib/measure.js';
import { ratioSpread, ratios, spread, table, type Runs } from './lib/summary.js';
import { VARIANTS } from './resolve.report.js';

const ALIAS = 'ddp_50';

/** Row names: the part before the colon says whether anyone subscribed. */
export const TRACING = {
  resolve: 'plugboard PluginResolver.resolve(alias)',
  get: 'plugboard container.get(pluginToken(kind), { name })',
  raw: 'raw inversify toDynamicValue + whenNamed, get',
} as const;
const ABSENT = 'no subscriber';
const PRESENT = 'a subscriber';

class DdpStrategy {
  constructor(readonly options: { workers: number }) {}
}

function isVariant(value: unknown): true {
  return expect(value instanceof DdpStrategy && value.options.workers === 50, 'a DdpStrategy of variant 50');
}

export function measureTracing(): Figures {
  const registry = new PluginRegistry();
  for (let i = 0; i < VARIANTS; i += 1) {
    registry.register(DdpStrategy, { alias: `ddp_${String(i)}`, kind: 'strategy', params: { workers: i } });
  }
  const container = createPluginContainer({ registry });
  const resolver = container.get(PluginResolver);
  const token = pluginToken<DdpStrategy>('strategy');
  const raw = new Container();
  const rawToken = Symbol('strategy');
  for (let i = 0; i < VARIANTS; i += 1) {
    raw
      .bind(rawToken)
      .toDynamicValue(() => new DdpStrategy({ workers: i }))
      .whenNamed(`ddp_${String(i)}`);
  }
  const round = (when: string): Figures =>
    interleaved([
      {
        name: `${when}: ${TRACING.resolve}`,
        check: isVariant,
        loop: (n) => {
          let r;
          for (let i = 0; i < n; i += 1) r = resolver.resolve(ALIAS);
          return r;
        },
      },
      {
        name: `${when}: ${TRACING.get}`,
        check: isVariant,
        loop: (n) => {
          let r;
          for (let i = 0; i < n; i += 1) r = container.get(token, { name: ALIAS });
          return r;
        },
      },
      {
        name: `${when}: ${TRACING.raw}`,
        check: isVariant,
        loop: (n) => {
          let r;
          for (let i = 0; i < n; i += 1) r = raw.get(rawToken, { name: ALIAS });
          return r;
        },
      },
    ]);
  const absent = round(ABSENT);
  let events = 0;
  const count = (): void => {
    events += 1;
  };
  const subscribers: TracingChannelSubscribers<object> = {
    start: count,
    end: count,
    asyncStart: count,
    asyncEnd: count,
    error: count,
  };
  const channels = Object.values(PLUGIN_TRACE_CHANNELS).map((name) => tracingChannel(name));
  for (const channel of channels) channel.subscribe(subscribers);
  const present = round(PRESENT);
  for (const channel of channels) channel.unsubscribe(subscribers);
  expect(events > 0, 'the subscriber saw the resolves');
  return { ...absent, ...present };
}

/** The section of BENCHMARKS.md: each row against raw inversify in the same round, and present against absent. */
export function tracingSection(runs: Runs): string {
  const rows = [TRACING.resolve, TRACING.get].flatMap((row) =>
    [ABSENT, PRESENT].map((when) => {
      const name = `${when}: ${row}`;
      return [
        `${row}, ${when}`,
        spread(runs[name] ?? []),
        ratioSpread(ratios(runs, name, `${when}: ${TRACING.raw}`)),
        when === PRESENT ? ratioSpread(ratios(runs, name, `${ABSENT}: ${row}`)) : '',
      ];
    }),
  );
  return [
    '### 1b. Tracing (diagnostics_channel): resolve with nobody subscribed, and with a subscriber',
    '',
    'A transient resolve of benchmark 1 in a process of its own, first with nobody subscribed to the',
    '`plugboard:*` tracing channels (nothing is published and no context is made), then with a no-op subscriber',
    'on each.',
    '',
    table(['resolve', 'ns/op, median (min..max)', 'vs raw inversify', 'vs no subscriber'], rows),
  ].join('\n');
}
