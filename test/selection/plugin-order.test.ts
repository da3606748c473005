import { describe, expect, it } from '@jest/globals';
import {
  PluginConstraintError,
  PluginRegistrationError,
  PluginRegistry,
  PluginResolver,
  checkPluginSelection,
  createPluginContainer,
  pluginSetup,
  type PluginDefinition,
} from 'plugboard';
import { thrown } from '../support/thrown.js';

// Issue 24 (order): `order`, `before` and `after` put a kind's plugins in a declared order.

/** A registry of callbacks built as `name` strings, with the given declarations. */
function callbacks(declarations: Record<string, Partial<PluginDefinition>>): {
  registry: PluginRegistry;
  built: string[];
} {
  const registry = new PluginRegistry();
  const built: string[] = [];
  for (const [alias, declared] of Object.entries(declarations)) {
    const Callback = class {
      readonly name = alias;
      constructor() {
        built.push(alias);
      }
    };
    registry.register(Callback, { alias, kind: 'callback', ...declared });
  }
  return { registry, built };
}

function namesOf(instances: unknown[] | undefined): string[] {
  return (instances ?? []).map((instance) => (instance as { name: string }).name);
}

function resolverOf(registry: PluginRegistry): PluginResolver {
  return createPluginContainer({ registry }).get(PluginResolver);
}

const trainer = {
  early_stopping: {},
  model_checkpoint: { after: ['early_stopping'] },
  lr_monitor: { order: 'first' },
  progress_bar: { order: 'last' },
} satisfies Record<string, Partial<PluginDefinition>>;

describe('order between plugins', () => {
  it('resolveAll returns and builds a kind in the declared order, whatever order the selection typed', () => {
    const { registry, built } = callbacks(trainer);
    const resolved = resolverOf(registry).resolveAll('progress_bar, model_checkpoint, early_stopping, lr_monitor');
    expect(namesOf(resolved.callback)).toEqual(['lr_monitor', 'early_stopping', 'model_checkpoint', 'progress_bar']);
    expect(built).toEqual(['lr_monitor', 'early_stopping', 'model_checkpoint', 'progress_bar']);
  });

  it('keeps the selection order where no declaration decides (ties), and without declarations', () => {
    const { registry } = callbacks({ a: {}, b: {}, c: { before: ['a'] }, d: {} });
    expect(checkPluginSelection('d, b, a, c', registry).map((p) => p.name)).toEqual(['d', 'b', 'c', 'a']);
    expect(checkPluginSelection('b, d', registry).map((p) => p.name)).toEqual(['b', 'd']);
  });

  it('resolveAllAsync sets plugins up in the declared order', async () => {
    const registry = new PluginRegistry();
    const setUp: string[] = [];
    for (const [alias, declared] of Object.entries(trainer)) {
      registry.register(
        class {
          async [pluginSetup](): Promise<void> {
            await Promise.resolve();
            setUp.push(alias);
          }
        },
        { alias, kind: 'callback', ...declared },
      );
    }
    const resolved = await resolverOf(registry).resolveAllAsync(['model_checkpoint', 'early_stopping', 'lr_monitor']);
    expect(resolved.callback).toHaveLength(3);
    expect(setUp).toEqual(['lr_monitor', 'early_stopping', 'model_checkpoint']);
  });

  it('compares aliases as look-ups do (case, - and _) and keeps the spelling the user typed', () => {
    const { registry } = callbacks({ early_stopping: { after: ['Model-Checkpoint'] }, model_checkpoint: {} });
    expect(checkPluginSelection('EARLY-STOPPING, model_checkpoint', registry).map((p) => p.name)).toEqual([
      'model_checkpoint',
      'EARLY-STOPPING',
    ]);
  });

  it('ignores declarations that name plugins the selection does not hold', () => {
    const { registry } = callbacks({ a: { after: ['b', 'not_registered'] }, b: {}, c: {} });
    expect(checkPluginSelection('a, c', registry).map((p) => p.name)).toEqual(['a', 'c']);
  });

  it('orders by { kind } across kinds: the build order follows it, and each kind stays in its own list', () => {
    const registry = new PluginRegistry();
    const built: string[] = [];
    const plugin = (name: string) =>
      class {
        constructor() {
          built.push(name);
        }
      };
    registry.register(plugin('csv'), { alias: 'csv', kind: 'logger' });
    registry.register(plugin('ckpt'), { alias: 'ckpt', kind: 'callback', before: [{ kind: 'logger' }] });
    const resolved = resolverOf(registry).resolveAll('csv, ckpt');
    expect(built).toEqual(['ckpt', 'csv']);
    expect(Object.keys(resolved)).toEqual(['callback', 'logger']);
  });

  it('order "first" and "last" apply within the plugin\'s kind; several "first" keep the selection order', () => {
    const registry = new PluginRegistry();
    registry.register(class {}, { alias: 'a', kind: 'callback', order: 'first' });
    registry.register(class {}, { alias: 'b', kind: 'callback', order: 'first' });
    registry.register(class {}, { alias: 'c', kind: 'callback' });
    registry.register(class {}, { alias: 'l', kind: 'logger' });
    expect(checkPluginSelection('l, c, b, a', registry).map((p) => p.name)).toEqual(['l', 'b', 'a', 'c']);
  });

  it('orders a kind default with the selection', () => {
    const { registry } = callbacks({ progress: { order: 'first' }, early_stopping: {} });
    registry.defineKind('callback', { default: 'progress' });
    expect(checkPluginSelection('early_stopping', registry).map((p) => p.name)).toEqual(['early_stopping']);
    registry.register(class {}, { alias: 'ckpt', kind: 'monitor', before: [{ kind: 'callback' }] });
    expect(checkPluginSelection('ckpt', registry).map((p) => p.name)).toEqual(['ckpt', 'progress']);
  });
});

describe('order declarations that cannot all hold', () => {
  it('a cycle is a PluginConstraintError violation naming it as the user typed the aliases; nothing is built', () => {
    const { registry, built } = callbacks({
      early_stopping: { before: ['model_checkpoint'] },
      model_checkpoint: { before: ['early_stopping'] },
    });
    const error = thrown<PluginConstraintError>(() =>
      resolverOf(registry).resolveAll('Early-Stopping, model_checkpoint'),
    );
    expect(error).toBeInstanceOf(PluginConstraintError);
    const violation = error.violations[0];
    expect(violation).toMatchObject({
      plugin: 'Early-Stopping',
      other: 'model_checkpoint',
      rule: 'order',
      cycle: ['Early-Stopping', 'model_checkpoint', 'Early-Stopping'],
    });
    expect(error.message).toBe(
      'The plugin selection breaks 1 rule(s):\n' +
        '  - the order declarations form a cycle: Early-Stopping -> model_checkpoint -> Early-Stopping ' +
        '(Early-Stopping runs before "model_checkpoint" (before); model_checkpoint runs before "early_stopping" (before))' +
        `${violation?.source === undefined ? '' : ` (registered at ${violation.source})`}.`,
    );
    expect(built).toEqual([]);
  });

  it('"first" after a "last" plugin is a cycle', () => {
    const { registry } = callbacks({ a: { order: 'first', after: ['z'] }, z: { order: 'last' } });
    const error = thrown<PluginConstraintError>(() => checkPluginSelection('a, z', registry));
    expect(error).toBeInstanceOf(PluginConstraintError);
    expect(error.violations.map((v) => v.cycle)).toEqual([['a', 'z', 'a']]);
    expect(error.violations[0]?.reason).toContain('a runs first among the plugins of kind "callback" (order)');
  });

  it('reports each cycle once, with the other rules the selection breaks', () => {
    const { registry } = callbacks({
      a: { after: ['b'] },
      b: { after: ['a'] },
      c: { before: ['d'] },
      d: { before: ['e'] },
      e: { before: ['c'], requires: ['f'] },
    });
    const error = thrown<PluginConstraintError>(() => checkPluginSelection('a, b, c, d, e', registry));
    expect(error.violations.map((v) => v.rule)).toEqual(['order', 'order', 'requires']);
    expect(error.violations.map((v) => v.cycle)).toEqual([['a', 'b', 'a'], ['c', 'd', 'e', 'c'], undefined]);
  });

  it('a cycle through plugins the selection does not hold is no cycle', () => {
    const { registry } = callbacks({ a: { before: ['b'] }, b: { before: ['a'] }, c: {} });
    expect(checkPluginSelection('a, c', registry).map((p) => p.name)).toEqual(['a', 'c']);
  });
});

describe('order registration options', () => {
  const bad: [string, Record<string, unknown>, string][] = [
    ['order', { order: 'middle' }, 'Plugin "x": order must be "first" or "last", got "middle".'],
    ['before', { before: 'a' }, 'Plugin "x": before must be an array of at most 1000 aliases and { kind }, got "a".'],
    ['after item', { after: [42] }, 'Plugin "x": after items must be aliases or { kind }, got number 42.'],
    [
      'a { kind } with other keys',
      { after: [{ kind: 'logger', alias: 'y' }] },
      'Plugin "x": after items must be aliases or { kind }, got an object.',
    ],
    ['itself', { before: ['X'] }, 'Plugin "x": before names the plugin itself. List the plugins it runs before.'],
    ['both', { before: ['a'], after: ['A'] }, 'Plugin "x": "A" is in both before and after; it can only be in one.'],
  ];
  it.each(bad)('refuses a bad %s with a PluginRegistrationError', (_name, options, message) => {
    const error = thrown(() => new PluginRegistry().register(class {}, { alias: 'x', ...options }));
    expect(error).toBeInstanceOf(PluginRegistrationError);
    expect(error.message).toBe(message);
  });

  it('refuses an alias that cannot be one and a bad kind name', () => {
    const registry = new PluginRegistry();
    expect(thrown(() => registry.register(class {}, { alias: 'x', before: ['a b'] })).message).toMatch(
      /^Plugin "x": before: Invalid plugin alias "a b"/,
    );
    expect(thrown(() => registry.register(class {}, { alias: 'x', after: [{ kind: '1' }] }))).toBeInstanceOf(
      PluginRegistrationError,
    );
  });

  it('turns throwing getters and Proxy traps into a PluginRegistrationError (attack)', () => {
    const registry = new PluginRegistry();
    const list = new Proxy([], {
      get(target, key, receiver) {
        if (key === 'length') throw new Error('boom');
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    const item = {
      get kind(): string {
        throw new Error('kind boom');
      },
    };
    const options = {
      alias: 'x',
      get order(): string {
        throw new Error('order boom');
      },
    };
    for (const attempt of [
      () => registry.register(class {}, { alias: 'x', before: list }),
      () => registry.register(class {}, { alias: 'x', after: [item] }),
      () => registry.register(class {}, options as unknown as PluginDefinition),
    ]) {
      expect(thrown(attempt)).toBeInstanceOf(PluginRegistrationError);
    }
    expect(registry.has('x')).toBe(false);
  });

  it('shows the declarations on the entry, frozen', () => {
    const registry = new PluginRegistry();
    const entry = registry.register(class {}, {
      alias: 'x',
      order: 'last',
      before: ['a', { kind: 'logger' }],
    }).entry;
    expect([entry.order, entry.before, entry.after]).toEqual(['last', ['a', { kind: 'logger' }], undefined]);
    expect(Object.isFrozen(entry.before)).toBe(true);
  });
});
