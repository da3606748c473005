import { matches } from './check-rules.js';
import type { PreparedItem } from './prepared-item.js';
import type { PluginConstraintViolation } from '../errors/plugin-constraint-error.js';
import { quote, safeText } from '../internal/quote.js';
import type { PluginOrderTarget } from '../registry/plugin-order.js';
import type { RegistryCore } from '../registry/registry-core.js';

/** The selection in the order its plugins' declarations ask for, and the cycles that stop them all holding. */
export interface OrderedSelection {
  readonly items: PreparedItem[];
  readonly violations: PluginConstraintViolation[];
}

/**
 * Orders a selection by its plugins' `order`, `before` and `after` declarations. The result is the selection's
 * own order where the declarations allow it: each place goes to the earliest-selected plugin all of whose
 * predecessors are placed (Kahn's algorithm, taking the smallest index first). Declarations naming plugins
 * that are not selected are ignored. When they cannot all hold, each cycle is a violation naming its members.
 */
export function orderSelection(core: RegistryCore, items: PreparedItem[]): OrderedSelection {
  if (!items.some((item) => 'entry' in item && item.entry.rules?.ordering)) return { items, violations: [] };
  const graph = new OrderGraph(items.length);
  items.forEach((item, index) => {
    addDeclarations(core, items, index, graph);
  });
  const order = graph.sort();
  if (order.length === items.length)
    return { items: order.map((index) => items[index] as PreparedItem), violations: [] };
  const placed = new Set(order);
  const cycles = graph.cycles(items.map((_, index) => index).filter((index) => !placed.has(index)));
  return { items, violations: cycles.map((cycle) => cycleViolation(items, graph, cycle)) };
}

/** Adds the edges `items[index]` declares: `from -> to` means `from` runs first. */
function addDeclarations(core: RegistryCore, items: readonly PreparedItem[], index: number, graph: OrderGraph): void {
  const item = items[index] as PreparedItem;
  const ordering = 'entry' in item ? item.entry.rules?.ordering : undefined;
  if (!ordering) return;
  const name = nameOf(item);
  const others = (target: PluginOrderTarget): number[] =>
    items.flatMap((other, at) => {
      if (at === index) return [];
      const hit = typeof target === 'string' ? matches(core, other, target) : other.kind === target.kind;
      return hit ? [at] : [];
    });
  for (const target of ordering.before ?? []) {
    for (const at of others(target)) graph.add(index, at, `${name} runs before ${targetText(target)} (before)`);
  }
  for (const target of ordering.after ?? []) {
    for (const at of others(target)) graph.add(at, index, `${name} runs after ${targetText(target)} (after)`);
  }
  if (ordering.order !== undefined) {
    const reason = `${name} runs ${ordering.order} among the plugins of kind ${quote(item.kind)} (order)`;
    items.forEach((other, at) => {
      if (at === index || other.kind !== item.kind || orderOf(other) === ordering.order) return;
      if (ordering.order === 'first') graph.add(index, at, reason);
      else graph.add(at, index, reason);
    });
  }
}

function orderOf(item: PreparedItem): string | undefined {
  return 'entry' in item ? item.entry.rules?.ordering?.order : undefined;
}

function targetText(target: PluginOrderTarget): string {
  return typeof target === 'string' ? quote(target) : `every plugin of kind ${quote(target.kind)}`;
}

/** The plugin as the user wrote it, safe to print. */
function nameOf(item: PreparedItem): string {
  return safeText(item.name, { oneLine: true });
}

function cycleViolation(
  items: readonly PreparedItem[],
  graph: OrderGraph,
  cycle: readonly number[],
): PluginConstraintViolation {
  const names = cycle.map((index) => nameOf(items[index] as PreparedItem));
  const reasons = cycle.slice(0, -1).map((from, step) => graph.reason(from, cycle[step + 1] as number));
  const first = items[cycle[0] as number] as PreparedItem;
  return {
    plugin: first.name,
    other: (items[cycle[1] as number] as PreparedItem).name,
    rule: 'order',
    reason: `the order declarations form a cycle: ${names.join(' -> ')} (${reasons.join('; ')})`,
    source: 'entry' in first ? first.entry.source : undefined,
    satisfiedBy: [],
    cycle: cycle.map((index) => (items[index] as PreparedItem).name),
  };
}

/** A directed graph over item indexes; each edge keeps the declaration it came from. */
class OrderGraph {
  readonly #next: Map<number, string>[];
  readonly #incoming: number[];

  constructor(size: number) {
    this.#next = Array.from({ length: size }, () => new Map<number, string>());
    this.#incoming = Array.from({ length: size }, () => 0);
  }

  add(from: number, to: number, reason: string): void {
    const next = this.#next[from] as Map<number, string>;
    if (next.has(to)) return;
    next.set(to, reason);
    this.#incoming[to] = (this.#incoming[to] as number) + 1;
  }

  reason(from: number, to: number): string {
    return this.#next[from]?.get(to) ?? '';
  }

  /** The indexes in order, the smallest ready one first; shorter than the graph when there are cycles. */
  sort(): number[] {
    const incoming = [...this.#incoming];
    const done: boolean[] = incoming.map(() => false);
    const order: number[] = [];
    for (;;) {
      const ready = incoming.findIndex((count, index) => count === 0 && !done[index]);
      if (ready === -1) return order;
      done[ready] = true;
      order.push(ready);
      for (const to of (this.#next[ready] as Map<number, string>).keys()) incoming[to] = (incoming[to] as number) - 1;
    }
  }

  /**
   * One cycle per strongly connected part of `left` (what `sort` could not place), as indexes from the part's
   * earliest-selected member back to it: the shortest such cycle, taking smaller indexes first.
   */
  cycles(left: readonly number[]): number[][] {
    const inside = new Set(left);
    const cycles: number[][] = [];
    const seen = new Set<number>();
    for (const start of left) {
      if (seen.has(start)) continue;
      const part = left.filter((index) => this.#reaches(start, index, inside) && this.#reaches(index, start, inside));
      for (const index of part) seen.add(index);
      if (part.length < 2) continue;
      cycles.push(this.#shortestCycle(start, new Set(part)));
    }
    return cycles;
  }

  #reaches(from: number, to: number, inside: ReadonlySet<number>): boolean {
    return this.#path(from, to, inside) !== undefined;
  }

  #shortestCycle(start: number, part: ReadonlySet<number>): number[] {
    let best: number[] | undefined;
    for (const next of this.#sorted(start)) {
      if (!part.has(next)) continue;
      const path = this.#path(next, start, part);
      if (path && (!best || path.length + 1 < best.length)) best = [start, ...path];
    }
    return best ?? [start, start];
  }

  /** The shortest path `from` ... `to` inside `allowed` (breadth first, smaller indexes first), or undefined. */
  #path(from: number, to: number, allowed: ReadonlySet<number>): number[] | undefined {
    if (from === to) return [to];
    const previous = new Map<number, number>([[from, from]]);
    let frontier = [from];
    while (frontier.length > 0) {
      const following: number[] = [];
      for (const node of frontier) {
        for (const next of this.#sorted(node)) {
          if (!allowed.has(next) || previous.has(next)) continue;
          previous.set(next, node);
          if (next === to) {
            const path = [to];
            for (let at = node; at !== from; at = previous.get(at) as number) path.unshift(at);
            return [from, ...path];
          }
          following.push(next);
        }
      }
      frontier = following;
    }
    return undefined;
  }

  #sorted(node: number): number[] {
    return [...(this.#next[node] as Map<number, string>).keys()].sort((a, b) => a - b);
  }
}
