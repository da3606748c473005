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
  const index = new SelectionIndex(core, items);
  items.forEach((_, at) => {
    addDeclarations(items, at, index, graph);
  });
  const order = graph.sort();
  if (order.length === items.length) return { items: order.map((at) => items[at] as PreparedItem), violations: [] };
  const placed = new Set(order);
  const cycles = graph.cycles(items.map((_, at) => at).filter((at) => !placed.has(at)));
  return { items, violations: cycles.map((cycle) => cycleViolation(items, graph, cycle)) };
}

/**
 * The selection's items by entry key and by kind, so that a declaration finds its targets without scanning the
 * whole selection (a selection of 10,000 plugins that each declare `after` costs 10,000 look-ups, not 10^8).
 */
class SelectionIndex {
  readonly #core: RegistryCore;
  readonly #items: readonly PreparedItem[];
  readonly #byKey = new Map<string, number[]>();
  readonly #byKind = new Map<string, number[]>();
  /** Instances given in place of aliases: matched by class, one by one. */
  readonly #instances: number[] = [];

  constructor(core: RegistryCore, items: readonly PreparedItem[]) {
    this.#core = core;
    this.#items = items;
    items.forEach((item, at) => {
      if ('entry' in item) push(this.#byKey, item.entry.key, at);
      else this.#instances.push(at);
      push(this.#byKind, item.kind, at);
    });
  }

  /** The indexes (ascending) of the items `target` names. */
  targets(target: PluginOrderTarget): readonly number[] {
    if (typeof target !== 'string') return this.#byKind.get(target.kind) ?? [];
    const byKey = this.#byKey.get(this.#core.canonicalKey(target)) ?? [];
    const instances = this.#instances.filter((at) => matches(this.#core, this.#items[at] as PreparedItem, target));
    return instances.length === 0 ? byKey : [...byKey, ...instances].sort((a, b) => a - b);
  }

  ofKind(kind: string): readonly number[] {
    return this.#byKind.get(kind) ?? [];
  }
}

function push(map: Map<string, number[]>, key: string, at: number): void {
  const list = map.get(key);
  if (list) list.push(at);
  else map.set(key, [at]);
}

/** Adds the edges `items[index]` declares: `from -> to` means `from` runs first. */
function addDeclarations(
  items: readonly PreparedItem[],
  index: number,
  selection: SelectionIndex,
  graph: OrderGraph,
): void {
  const item = items[index] as PreparedItem;
  const ordering = 'entry' in item ? item.entry.rules?.ordering : undefined;
  if (!ordering) return;
  const name = nameOf(item);
  const others = (target: PluginOrderTarget): number[] => selection.targets(target).filter((at) => at !== index);
  for (const target of ordering.before ?? []) {
    for (const at of others(target)) graph.add(index, at, `${name} runs before ${targetText(target)} (before)`);
  }
  for (const target of ordering.after ?? []) {
    for (const at of others(target)) graph.add(at, index, `${name} runs after ${targetText(target)} (after)`);
  }
  if (ordering.order !== undefined) {
    // One barrier per kind and end stands for "every other plugin of the kind": `first` plugins run before it
    // and it before the rest, so many `first` plugins of one kind add edges in proportion to the kind's size.
    const reason = `${name} runs ${ordering.order} among the plugins of kind ${quote(item.kind)} (order)`;
    const barrier = graph.barrier(`${ordering.order}\0${item.kind}`, (node) => {
      for (const at of selection.ofKind(item.kind)) {
        if (orderOf(items[at] as PreparedItem) === ordering.order) continue;
        if (ordering.order === 'first') graph.add(node, at, '');
        else graph.add(at, node, '');
      }
    });
    if (ordering.order === 'first') graph.add(index, barrier, reason);
    else graph.add(barrier, index, reason);
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
  path: readonly number[],
): PluginConstraintViolation {
  // A barrier stands for "the rest of the kind": the cycle names the plugins, and the declarations it passed.
  const reasons = path
    .slice(0, -1)
    .map((from, step) => graph.reason(from, path[step + 1] as number))
    .filter((reason) => reason !== '');
  const cycle = path.filter((index) => index < items.length);
  const names = cycle.map((index) => nameOf(items[index] as PreparedItem));
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

/**
 * A directed graph over item indexes, and barrier nodes after them; each edge keeps the declaration it came from
 * (an empty reason for an edge that only leads into or out of a barrier). Sorting and finding cycles cost
 * O((nodes + edges) log nodes).
 */
class OrderGraph {
  readonly #size: number;
  readonly #next: Map<number, string>[] = [];
  readonly #incoming: number[] = [];
  readonly #barriers = new Map<string, number>();

  constructor(size: number) {
    this.#size = size;
    for (let node = 0; node < size; node += 1) this.#node();
  }

  #node(): number {
    this.#next.push(new Map<number, string>());
    this.#incoming.push(0);
    return this.#next.length - 1;
  }

  /** The barrier node named `name`, made (and its edges added by `connect`) the first time it is asked for. */
  barrier(name: string, connect: (node: number) => void): number {
    const known = this.#barriers.get(name);
    if (known !== undefined) return known;
    const node = this.#node();
    this.#barriers.set(name, node);
    connect(node);
    return node;
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

  /**
   * The item indexes in order, the smallest ready one first (a barrier is passed as soon as it is ready); shorter
   * than the selection when there are cycles.
   */
  sort(): number[] {
    const incoming = [...this.#incoming];
    const ready = new MinHeap();
    const order: number[] = [];
    const release = (node: number): void => {
      // A barrier places nothing: the nodes it held back are released at once, as if their edges were direct.
      const stack = [node];
      while (stack.length > 0) {
        const at = stack.pop() as number;
        if (at < this.#size) {
          ready.push(at);
          continue;
        }
        for (const to of (this.#next[at] as Map<number, string>).keys()) {
          incoming[to] = (incoming[to] as number) - 1;
          if (incoming[to] === 0) stack.push(to);
        }
      }
    };
    incoming.forEach((count, node) => {
      if (count === 0) release(node);
    });
    for (let node = ready.pop(); node !== undefined; node = ready.pop()) {
      order.push(node);
      for (const to of (this.#next[node] as Map<number, string>).keys()) {
        incoming[to] = (incoming[to] as number) - 1;
        if (incoming[to] === 0) release(to);
      }
    }
    return order;
  }

  /**
   * One cycle per strongly connected part of what `sort` could not place (`left`, with the barriers it could not
   * pass), as nodes from the part's earliest-selected member back to it: a shortest such cycle, taking smaller
   * indexes first. Parts are found with Tarjan's algorithm, without recursion.
   */
  cycles(left: readonly number[]): number[][] {
    const inside = new Set(left);
    for (const node of this.#barriers.values()) inside.add(node);
    const parts = this.#components(inside);
    const cycles: { start: number; cycle: number[] }[] = [];
    for (const part of parts) {
      const members = part.filter((node) => node < this.#size);
      if (members.length < 2) continue;
      const start = Math.min(...members);
      cycles.push({ start, cycle: this.#shortestCycle(start, new Set(part)) });
    }
    return cycles.sort((a, b) => a.start - b.start).map(({ cycle }) => cycle);
  }

  /** The strongly connected components of the subgraph on `inside`. */
  #components(inside: ReadonlySet<number>): number[][] {
    const index = new Map<number, number>();
    const low = new Map<number, number>();
    const onStack = new Set<number>();
    const stack: number[] = [];
    const parts: number[][] = [];
    let counter = 0;
    for (const root of inside) {
      if (index.has(root)) continue;
      const work: { node: number; next: Iterator<number> }[] = [];
      const visit = (node: number): void => {
        index.set(node, counter);
        low.set(node, counter);
        counter += 1;
        stack.push(node);
        onStack.add(node);
        work.push({ node, next: (this.#next[node] as Map<number, string>).keys() });
      };
      visit(root);
      while (work.length > 0) {
        const frame = work[work.length - 1] as { node: number; next: Iterator<number> };
        const step = frame.next.next();
        if (!step.done) {
          const to = step.value;
          if (!inside.has(to)) continue;
          if (!index.has(to)) visit(to);
          else if (onStack.has(to))
            low.set(frame.node, Math.min(low.get(frame.node) as number, index.get(to) as number));
          continue;
        }
        work.pop();
        const parent = work[work.length - 1];
        if (parent) low.set(parent.node, Math.min(low.get(parent.node) as number, low.get(frame.node) as number));
        if (low.get(frame.node) === index.get(frame.node)) {
          const part: number[] = [];
          for (;;) {
            const member = stack.pop() as number;
            onStack.delete(member);
            part.push(member);
            if (member === frame.node) break;
          }
          parts.push(part);
        }
      }
    }
    return parts;
  }

  /**
   * A shortest cycle through `start` inside `part`: distances to `start` by one breadth-first search backwards,
   * then from `start` the smallest next node that is one step nearer, until back at `start`.
   */
  #shortestCycle(start: number, part: ReadonlySet<number>): number[] {
    const previous = new Map<number, number[]>();
    for (const from of part) {
      for (const to of (this.#next[from] as Map<number, string>).keys()) {
        if (!part.has(to)) continue;
        const list = previous.get(to);
        if (list) list.push(from);
        else previous.set(to, [from]);
      }
    }
    const distance = new Map<number, number>([[start, 0]]);
    let frontier = [start];
    while (frontier.length > 0) {
      const following: number[] = [];
      for (const node of frontier) {
        for (const from of previous.get(node) ?? []) {
          if (distance.has(from)) continue;
          distance.set(from, (distance.get(node) as number) + 1);
          following.push(from);
        }
      }
      frontier = following;
    }
    const nearest = (node: number): number => {
      let best: number | undefined;
      for (const to of (this.#next[node] as Map<number, string>).keys()) {
        if (!part.has(to) || !distance.has(to)) continue;
        const better =
          best === undefined ||
          (distance.get(to) as number) < (distance.get(best) as number) ||
          ((distance.get(to) as number) === (distance.get(best) as number) && to < best);
        if (better) best = to;
      }
      return best ?? start;
    };
    const cycle = [start];
    for (let node = nearest(start); ; node = nearest(node)) {
      cycle.push(node);
      if (node === start || cycle.length > part.size + 1) break;
    }
    return cycle;
  }
}

/** A binary min-heap of node indexes: the smallest ready index is placed first. */
class MinHeap {
  readonly #items: number[] = [];

  push(value: number): void {
    const items = this.#items;
    items.push(value);
    let at = items.length - 1;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if ((items[parent] as number) <= value) break;
      items[at] = items[parent] as number;
      at = parent;
    }
    items[at] = value;
  }

  pop(): number | undefined {
    const items = this.#items;
    const top = items[0];
    const last = items.pop();
    if (items.length === 0 || last === undefined) return top;
    let at = 0;
    for (;;) {
      const left = 2 * at + 1;
      if (left >= items.length) break;
      const right = left + 1;
      const child = right < items.length && (items[right] as number) < (items[left] as number) ? right : left;
      if ((items[child] as number) >= last) break;
      items[at] = items[child] as number;
      at = child;
    }
    items[at] = last;
    return top;
  }
}
