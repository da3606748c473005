/** The rows of benchmark 1 (bench/resolve.bench.ts), their goals, and the section of BENCHMARKS.md they make. */
import { ratioSpread, ratios, spread, table, verdict, type Runs } from './lib/summary.js';

/** How many variants share the kind token. */
export const VARIANTS = 100;

/** Row names: the part before the colon names the table. */
export const T = {
  resolve: 'transient: plugboard PluginResolver.resolve(alias)',
  get: 'transient: plugboard container.get(pluginToken(kind), { name })',
  raw: 'transient: raw inversify toDynamicValue + whenNamed, get',
  rawResolved: 'transient: raw inversify toResolvedValue + whenNamed, get',
  tsyringe: 'transient: tsyringe resolve (useFactory)',
  floor: 'transient: floor, new Class(copy of options)',
  overrides: 'overrides: plugboard PluginResolver.resolve(alias, 2 flat keys)',
  rawFactory: 'overrides: raw inversify toFactory + whenNamed, get + call',
  overrideFloor: 'overrides: floor, new Class({ ...params, ...overrides })',
  sResolve: 'singleton: plugboard PluginResolver.resolve(alias)',
  sGet: 'singleton: plugboard container.get(pluginToken(kind), { name })',
  sRaw: 'singleton: raw inversify inSingletonScope + whenNamed, get',
  sTsyringe: 'singleton: tsyringe resolve (useValue)',
  sFloor: 'singleton: floor, a variable',
  oOther: 'test override: plugboard PluginResolver.resolve(alias), another alias overridden',
  oReplaced: 'test override: plugboard PluginResolver.resolve(alias) of the overridden alias (a class)',
  oRaw: 'test override: raw inversify toResolvedValue + whenNamed, get',
  oFloor: 'test override: floor, new Class(copy of options)',
} as const;

/**
 * Goals: the limit, its wording, and the row it is measured against when that is not the faster raw inversify
 * row of the table. `container.get` is plugboard's binding resolved by inversify itself: its floor is raw
 * inversify's resolution of the same binding kind (a dynamic value with a name condition), not the faster kind.
 */
const GOALS: Record<string, [number, string, string?]> = {
  [T.resolve]: [1, '≤ 1.0x raw'],
  [T.get]: [1.2, '≤ 1.2x raw toDynamicValue + whenNamed', T.raw],
  [T.overrides]: [1.5, '≤ 1.5x raw'],
  [T.sResolve]: [1, '≤ 1.0x raw'],
  [T.sGet]: [1, '≤ 1.0x raw'],
};

export function resolveSection(runs: Runs): string {
  const part = (prefix: string, baseline: string[], floor: string) =>
    table(
      [prefix, 'ns/op, median (min..max)', 'vs raw inversify', 'vs floor', 'goal'],
      Object.keys(runs)
        .filter((name) => name.startsWith(`${prefix}: `))
        .map((name) => {
          const goal = GOALS[name];
          const versus = ratios(runs, name, ...baseline);
          const against = goal?.[2] === undefined ? versus : ratios(runs, name, goal[2]);
          return [
            name.slice(prefix.length + 2),
            spread(runs[name] ?? []),
            ratioSpread(versus),
            ratioSpread(ratios(runs, name, floor)),
            goal
              ? verdict(against, goal[0], `${goal[1]}${against === versus ? '' : ` (${ratioSpread(against)})`}`)
              : '',
          ];
        }),
    );
  return [
    `### 1. Resolve by alias (${String(VARIANTS)} variants on one token)`,
    '',
    '"vs raw inversify" is against the faster of the two raw inversify rows in the same process.',
    '',
    part('transient', [T.raw, T.rawResolved], T.floor),
    '',
    'With per-call overrides (`{ workers: 3, bucketMb: 10 }` over the variant params), against an inversify factory',
    'binding that spreads them over the params:',
    '',
    part('overrides', [T.rawFactory], T.overrideFloor),
    '',
    part('singleton', [T.sRaw], T.sFloor),
    '',
    'While a test override is active (`overridePlugin(container, alias, FakeClass)` from `plugboard/testing`), every',
    'resolve of that container looks for overrides in the current async flow first: the path tests take.',
    '',
    part('test override', [T.oRaw], T.oFloor),
  ].join('\n');
}
