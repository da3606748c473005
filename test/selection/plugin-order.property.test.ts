import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { PluginConstraintError, PluginRegistry, checkPluginSelection, type PluginDefinition } from 'plugboard';
import { thrown } from '../support/thrown.js';

// Issue 24 (order): any acyclic declarations and any selection order give an order satisfying them all,
// the same every time; any cycle is reported with its members.

const SIZE = 7;
const names = Array.from({ length: SIZE }, (_, index) => `p${String(index)}`);
const tiers = ['first', undefined, 'last'] as const;

/**
 * Acyclic declarations: a hidden rank per plugin (its tier first), and edges only from a lower to a higher
 * rank, each written as `before` on the earlier plugin or `after` on the later one.
 */
const acyclic = fc
  .record({
    tier: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: SIZE, maxLength: SIZE }),
    rank: fc.shuffledSubarray(names, { minLength: SIZE, maxLength: SIZE }),
    edges: fc.array(fc.tuple(fc.nat(SIZE - 1), fc.nat(SIZE - 1), fc.boolean()), { maxLength: 12 }),
  })
  .map(({ tier, rank, edges }) => {
    const position = (name: string): [number, number] => [tier[names.indexOf(name)] ?? 1, rank.indexOf(name)];
    const earlier = (a: string, b: string): boolean => {
      const [ta, ra] = position(a);
      const [tb, rb] = position(b);
      return ta < tb || (ta === tb && ra < rb);
    };
    const declarations = new Map<string, { order?: 'first' | 'last'; before: string[]; after: string[] }>();
    names.forEach((name, index) => {
      const order = tiers[tier[index] ?? 1];
      declarations.set(name, { ...(order === undefined ? {} : { order }), before: [], after: [] });
    });
    const pairs: [string, string][] = [];
    for (const [i, j, asBefore] of edges) {
      const a = names[i] as string;
      const b = names[j] as string;
      if (a === b || !earlier(a, b)) continue;
      if (pairs.some(([x, y]) => x === a && y === b)) continue;
      pairs.push([a, b]);
      if (asBefore) declarations.get(a)?.before.push(b);
      else declarations.get(b)?.after.push(a);
    }
    return { declarations, pairs };
  });

function registryOf(declarations: Map<string, Partial<PluginDefinition>>): PluginRegistry {
  const registry = new PluginRegistry();
  for (const [alias, declared] of declarations) registry.register(class {}, { ...declared, alias, kind: 'callback' });
  return registry;
}

describe('order between plugins (properties)', () => {
  it('any acyclic declarations and any selection order give an order satisfying all, deterministically', () => {
    fc.assert(
      fc.property(acyclic, fc.shuffledSubarray(names, { minLength: 1 }), ({ declarations, pairs }, selection) => {
        const registry = registryOf(declarations);
        const order = checkPluginSelection(selection, registry).map((plugin) => plugin.name);
        expect([...order].sort()).toEqual([...selection].sort());
        for (const [a, b] of pairs) {
          if (order.includes(a) && order.includes(b)) expect(order.indexOf(a)).toBeLessThan(order.indexOf(b));
        }
        for (const a of order) {
          for (const b of order) {
            const [ta, tb] = [declarations.get(a)?.order, declarations.get(b)?.order];
            if (ta === 'first' && tb !== 'first') expect(order.indexOf(a)).toBeLessThan(order.indexOf(b));
            if (ta === 'last' && tb !== 'last') expect(order.indexOf(a)).toBeGreaterThan(order.indexOf(b));
          }
        }
        expect(checkPluginSelection(selection, registryOf(declarations)).map((p) => p.name)).toEqual(order);
      }),
    );
  });

  it('keeps the selection order when nothing is declared', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(names, { minLength: 1 }), (selection) => {
        const registry = registryOf(new Map(names.map((name) => [name, {}])));
        expect(checkPluginSelection(selection, registry).map((p) => p.name)).toEqual(selection);
      }),
    );
  });

  it('any cycle is reported with its members, each step a declared one', () => {
    fc.assert(
      fc.property(
        fc.shuffledSubarray(names, { minLength: 2, maxLength: 5 }),
        fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
        fc.shuffledSubarray(names, { minLength: SIZE, maxLength: SIZE }),
        (cycle, asBefore, selection) => {
          const declarations = new Map<string, { before: string[]; after: string[] }>(
            names.map((name) => [name, { before: [], after: [] }]),
          );
          cycle.forEach((from, index) => {
            const to = cycle[(index + 1) % cycle.length] as string;
            const [source, target] = [declarations.get(from), declarations.get(to)];
            // A plugin cannot name one other both in before and after: such a step takes the other form.
            const clash = asBefore[index] === true ? source?.after.includes(to) : target?.before.includes(from);
            if ((asBefore[index] === true) !== (clash === true)) source?.before.push(to);
            else target?.after.push(from);
          });
          const error = thrown<PluginConstraintError>(() => checkPluginSelection(selection, registryOf(declarations)));
          expect(error).toBeInstanceOf(PluginConstraintError);
          const violations = error.violations;
          expect(violations).toHaveLength(1);
          const reported = violations[0]?.cycle ?? [];
          expect(reported[0]).toBe(reported.at(-1));
          expect(new Set(reported)).toEqual(new Set(cycle));
          expect(reported).toHaveLength(cycle.length + 1);
          for (let step = 0; step + 1 < reported.length; step += 1) {
            const from = cycle.indexOf(reported[step] as string);
            expect(reported[step + 1]).toBe(cycle[(from + 1) % cycle.length]);
          }
          // The cycle starts at the member the selection typed first.
          expect(reported[0]).toBe(selection.find((name) => cycle.includes(name)));
        },
      ),
    );
  });
});
