import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  DuplicatePluginError,
  PluginRegistry,
  PluginResolver,
  createPluginContainer,
  pluginToken,
  type PluginClass,
  type PluginHandle,
} from 'plugboard';
import { overridePlugin, withPluginOverrides } from 'plugboard/testing';
import { SLOW_TEST_TIMEOUT } from './support.js';

// Concurrency (issue 8). JavaScript runs one thing at a time, so "concurrent" here means async flows whose
// steps interleave: fast-check's scheduler picks the order in which their awaits resume.

class DdpStrategy {
  constructor(readonly options: unknown) {}
}
/** A stand-in that says who made it. */
class FakeStrategy {
  constructor(readonly owner: string) {}
}
class FlowFailure extends Error {}

const strategy = pluginToken('strategy');

function setup() {
  const registry = new PluginRegistry();
  registry.register(DdpStrategy, { alias: 'ddp', kind: 'strategy', params: { workers: 2 } });
  const container = createPluginContainer({ registry });
  const resolver = container.get(PluginResolver);
  /** Who made what `ddp` resolves to, through the resolver and through the container's named binding. */
  const ddpOwners = (): string[] =>
    [resolver.resolve('ddp'), container.get(strategy, { name: 'DDP' })].map((instance) =>
      instance instanceof FakeStrategy ? instance.owner : (instance as object).constructor.name,
    );
  return { registry, container, resolver, ddpOwners };
}

/** Awaits a few turns of the event loop, differently for each caller. */
async function turns(count: number): Promise<void> {
  for (let turn = 0; turn < count; turn += 1) {
    await (turn % 2 === 0 ? Promise.resolve() : new Promise((resolve) => setImmediate(resolve)));
  }
}

/** Lets a flow whose failure is expected (a FlowFailure) settle, and rethrows anything else. */
function expectedFailure(error: unknown): void {
  if (!(error instanceof FlowFailure)) throw error;
}

describe('issue 8: concurrent resolutions of a singleton', () => {
  it('builds it once for 1,000 async resolutions through the resolver and the container', async () => {
    let built = 0;
    class SharedCache {
      readonly serial = (built += 1);
      constructor(readonly options: unknown) {}
    }
    const registry = new PluginRegistry();
    registry.register(SharedCache, { alias: 'shared_cache', kind: 'cache', scope: 'singleton', params: { size: 64 } });
    const container = createPluginContainer({ registry });
    const cache = pluginToken('cache');

    const instances = await Promise.all(
      Array.from({ length: 1_000 }, async (_, index) => {
        await turns(index % 5);
        switch (index % 4) {
          case 0:
            return container.get(PluginResolver).resolve('shared_cache');
          case 1:
            return container.get(cache, { name: 'Shared-Cache' });
          case 2:
            return container.getAsync(cache, { name: 'SHARED_CACHE' });
          default:
            return (await Promise.resolve(container.get(PluginResolver))).resolve('shared-cache');
        }
      }),
    );

    expect(built).toBe(1);
    expect(new Set(instances).size).toBe(1);
    expect(instances[0]).toMatchObject({ serial: 1, options: { size: 64 } });
  });

  it('builds one per container when two containers resolve it at the same time', async () => {
    let built = 0;
    class SharedCache {
      constructor() {
        built += 1;
      }
    }
    const registry = new PluginRegistry();
    registry.register(SharedCache, { alias: 'shared_cache', scope: 'singleton' });
    const containers = [createPluginContainer({ registry }), createPluginContainer({ registry })];

    const instances = await Promise.all(
      Array.from({ length: 1_000 }, async (_, index) => {
        await turns(index % 3);
        return containers[index % 2]?.get(PluginResolver).resolve('shared_cache');
      }),
    );

    expect(built).toBe(2);
    expect(new Set(instances.filter((_, index) => index % 2 === 0)).size).toBe(1);
    expect(new Set(instances).size).toBe(2);
  });
});

interface OverrideFlow {
  /** Whose overrides the flow installs: the container's, the registry's, or none (a bystander). */
  target: 'container' | 'registry' | 'none';
  steps: number;
  /** Nests a second withPluginOverrides inside the first step. */
  nested: boolean;
  throws: boolean;
}

const overrideFlow: fc.Arbitrary<OverrideFlow> = fc.record({
  target: fc.constantFrom('container', 'registry', 'none'),
  steps: fc.integer({ min: 1, max: 4 }),
  nested: fc.boolean(),
  throws: fc.boolean(),
});

describe('issue 8: test overrides in overlapping async flows', () => {
  it(
    'never lets one flow see another flow’s withPluginOverrides',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.scheduler(),
          fc.array(overrideFlow, { minLength: 2, maxLength: 5 }),
          fc.boolean(),
          async (s, flows, withRootOverride) => {
            const { registry, container, ddpOwners } = setup();
            // An override made outside any flow is seen by every flow that has none of its own.
            const root = withRootOverride ? overridePlugin(container, 'ddp', new FakeStrategy('root')) : undefined;
            const base = withRootOverride ? 'root' : 'DdpStrategy';

            const run = async (flow: OverrideFlow, index: number): Promise<void> => {
              const name = `flow ${String(index)}`;
              const body = async (own: string): Promise<void> => {
                for (let step = 0; step < flow.steps; step += 1) {
                  await s.schedule(Promise.resolve(), `${name} step ${String(step)}`);
                  expect(ddpOwners()).toEqual([own, own]);
                  if (flow.nested && step === 0) {
                    const inner = `${name} inner`;
                    await withPluginOverrides(container, { ddp: new FakeStrategy(inner) }, async () => {
                      await s.schedule(Promise.resolve(), `${inner} step`);
                      expect(ddpOwners()).toEqual([inner, inner]);
                    });
                    expect(ddpOwners()).toEqual([own, own]);
                  }
                }
                if (flow.throws) throw new FlowFailure(name);
              };
              if (flow.target === 'none') return body(base);
              const target = flow.target === 'container' ? container : registry;
              return withPluginOverrides(target, { ddp: new FakeStrategy(name) }, () => body(name));
            };
            const runs = flows.map((flow, index) => run(flow, index).catch(expectedFailure));
            await s.waitFor(Promise.all(runs));

            expect(ddpOwners()).toEqual([base, base]);
            root?.dispose();
            expect(ddpOwners()).toEqual(['DdpStrategy', 'DdpStrategy']);
          },
        ),
        { numRuns: 150 },
      );
    },
    SLOW_TEST_TIMEOUT,
  );
});

interface ScopedFlow {
  steps: number;
  /** Replaces `ddp` (with override) for as long as the flow lasts. */
  shadows: boolean;
  throws: boolean;
}

describe('issue 8: registry.scoped() in overlapping async flows', () => {
  it(
    'undoes only each flow’s own registrations, which other flows see while they last',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.scheduler(),
          fc.array(fc.record({ steps: fc.integer({ min: 1, max: 3 }), shadows: fc.boolean(), throws: fc.boolean() }), {
            minLength: 2,
            maxLength: 5,
          }),
          async (s, flows) => {
            const { registry, container, resolver } = setup();
            /** The classes that replace `ddp`, in the order flows registered them; a flow's goes when it ends. */
            const shadowing: { flow: number; target: PluginClass }[] = [];
            const expectedDdp = (): PluginClass => shadowing.at(-1)?.target ?? DdpStrategy;
            const running = new Set<number>();

            const run = (flow: ScopedFlow, index: number) =>
              registry.scoped(async () => {
                const Own = class extends DdpStrategy {};
                registry.register(Own, { alias: `flow_${String(index)}`, kind: 'strategy' });
                running.add(index);
                if (flow.shadows) {
                  registry.register(Own, { alias: 'ddp', kind: 'strategy', override: true });
                  shadowing.push({ flow: index, target: Own });
                }
                for (let step = 0; step < flow.steps; step += 1) {
                  await s.schedule(Promise.resolve(), `flow ${String(index)} step ${String(step)}`);
                  // The registry is shared: what every running flow registered is visible, and nothing of ended flows.
                  const visible = flows.map((_, other) => registry.has(`flow_${String(other)}`));
                  expect(visible).toEqual(flows.map((_, other) => running.has(other)));
                  expect(registry.get('ddp').target).toBe(expectedDdp());
                  expect(resolver.resolve('ddp')).toBeInstanceOf(expectedDdp());
                  expect(container.get(strategy, { name: 'ddp' })).toBeInstanceOf(expectedDdp());
                }
                // The flow ends here: scoped() undoes its registrations before any other flow resumes.
                running.delete(index);
                shadowing.splice(0, shadowing.length, ...shadowing.filter((shadow) => shadow.flow !== index));
                if (flow.throws) throw new FlowFailure(`flow ${String(index)}`);
              });
            const runs = flows.map((flow, index) => run(flow, index).catch(expectedFailure));
            await s.waitFor(Promise.all(runs));

            expect(registry.availablePlugins()).toEqual(['ddp']);
            expect(registry.get('ddp').target).toBe(DdpStrategy);
            expect(resolver.resolve('ddp')).toEqual(new DdpStrategy({ workers: 2 }));
          },
        ),
        { numRuns: 150 },
      );
    },
    SLOW_TEST_TIMEOUT,
  );
});

type DisposalStep =
  { type: 'dispose'; handle: number } | { type: 'clear' } | { type: 'register'; registration: number };

const REGISTRATION = { alias: 'ddp', target: DdpStrategy as PluginClass, override: false };
const REGISTRATIONS = [
  REGISTRATION,
  { alias: 'DDP', target: FakeStrategy, override: true },
  { alias: 'fsdp', target: FakeStrategy, override: false },
  { alias: 'FSDP', target: DdpStrategy, override: false },
  { alias: 'f-s-d-p', target: DdpStrategy, override: true },
  { alias: 'ddp', target: DdpStrategy, override: false },
];

describe('issue 8: disposing handles from interleaved async flows', () => {
  it(
    'is safe in any order, twice, and after clear(): the registry keeps exactly the live registrations',
    async () => {
      const disposalStep: fc.Arbitrary<DisposalStep> = fc.oneof(
        { weight: 6, arbitrary: fc.record({ type: fc.constant('dispose' as const), handle: fc.nat({ max: 20 }) }) },
        { weight: 1, arbitrary: fc.record({ type: fc.constant('clear' as const) }) },
        {
          weight: 2,
          arbitrary: fc.record({
            type: fc.constant('register' as const),
            registration: fc.nat({ max: REGISTRATIONS.length - 1 }),
          }),
        },
      );

      await fc.assert(
        fc.asyncProperty(
          fc.scheduler(),
          fc.array(fc.nat({ max: REGISTRATIONS.length - 1 }), { minLength: 1, maxLength: 6 }),
          fc.array(disposalStep, { minLength: 1, maxLength: 16 }),
          async (s, initial, steps) => {
            const registry = new PluginRegistry();
            const container = createPluginContainer({ registry });
            const resolver = container.get(PluginResolver);
            /** The model: per normalised alias, the live registrations in order (the last one is current). */
            const slots = new Map<string, number[]>();
            const handles: { handle: PluginHandle; key: string; id: number }[] = [];
            let ids = 0;

            const register = (which: number): void => {
              const { alias, target, override } = REGISTRATIONS[which % REGISTRATIONS.length] ?? REGISTRATION;
              const key = alias.toLowerCase().replaceAll('-', '_');
              const slot = slots.get(key) ?? [];
              const current = handles.find((made) => made.id === slot.at(-1))?.handle.entry;
              const make = () => registry.register(target, { alias, kind: 'strategy', override });
              // Without override, only the very same registration again (a module imported twice) is accepted.
              if (current && !override && (current.target !== target || current.alias !== alias)) {
                expect(make).toThrow(DuplicatePluginError);
                return;
              }
              const id = (ids += 1);
              handles.push({ handle: make(), key, id });
              slots.set(key, [...slot, id]);
            };
            const apply = (step: DisposalStep): void => {
              if (step.type === 'clear') {
                registry.clear();
                slots.clear();
              } else if (step.type === 'register') {
                register(step.registration);
              } else {
                const made = handles[step.handle % handles.length];
                if (!made) return;
                made.handle.dispose();
                const rest = (slots.get(made.key) ?? []).filter((id) => id !== made.id);
                if (rest.length > 0) slots.set(made.key, rest);
                else slots.delete(made.key);
              }
            };
            const check = (): void => {
              const idOf = (entry: unknown) => handles.find((made) => made.handle.entry === entry)?.id;
              const current = [...slots.values()].map((slot) => slot.at(-1));
              expect(registry.list().map(idOf).sort()).toEqual(current.sort());
              for (const entry of registry.list()) {
                expect(resolver.resolve(entry.alias)).toBeInstanceOf(entry.target);
                expect(container.get(strategy, { name: entry.alias })).toBeInstanceOf(entry.target);
              }
              for (const made of handles)
                expect(made.handle.active).toBe(slots.get(made.key)?.includes(made.id) ?? false);
            };

            for (const which of initial) register(which);
            check();
            // Every step runs in its own async flow; the scheduler decides the order in which they run.
            const flows = steps.map(async (step, index) => {
              await s.schedule(Promise.resolve(), `step ${String(index)}: ${step.type}`);
              apply(step);
              check();
            });
            await s.waitFor(Promise.all(flows));

            for (const made of handles) made.handle.dispose();
            expect(registry.availablePlugins()).toEqual([]);
            expect(handles.every((made) => !made.handle.active)).toBe(true);
          },
        ),
        { numRuns: 200 },
      );
    },
    SLOW_TEST_TIMEOUT,
  );
});
