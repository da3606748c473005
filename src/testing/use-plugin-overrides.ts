import { PluginRegistrationError } from '../errors/plugin-registration-error.js';
import { readArgument } from '../registry/arguments.js';
import { pluginsRegistry } from '../registry/plugins-registry.js';
import { overridePlugin, type OverrideTarget } from './override-plugin.js';
import type { PluginReplacement } from './plugin-replacement.js';
import type { PluginOverrides } from './with-plugin-overrides.js';
import { overrideEntries } from './override-entries.js';

type Hook = (fn: () => void) => void;

/** Where `usePluginOverrides` applies its overrides, and the test runner's hooks (jest's globals by default). */
export interface UsePluginOverridesOptions {
  /** A container or registry. Default `pluginsRegistry`. */
  target?: OverrideTarget;
  beforeEach?: Hook;
  afterEach?: Hook;
}

/**
 * Installs overrides before each test and restores them after it. Pass a function to build fresh
 * replacements for every test. Works with jest's global hooks, or with the ones you pass (vitest, node:test).
 *
 * @example
 * describe('Trainer', () => {
 *   usePluginOverrides(() => ({ ddp: new FakeStrategy() }));
 *   it('fits', () => { ... });
 * });
 */
export function usePluginOverrides(
  overrides: PluginOverrides | (() => PluginOverrides),
  options: UsePluginOverridesOptions = {},
): void {
  const read = readArgument(options, 'usePluginOverrides()', ['beforeEach', 'afterEach', 'target']) as {
    beforeEach?: Hook;
    afterEach?: Hook;
    target?: UsePluginOverridesOptions['target'];
  };
  const globals = globalThis as { beforeEach?: Hook; afterEach?: Hook };
  const beforeEach = read.beforeEach ?? globals.beforeEach;
  const afterEach = read.afterEach ?? globals.afterEach;
  if (!beforeEach || !afterEach) {
    throw new PluginRegistrationError(
      'usePluginOverrides() found no beforeEach/afterEach: call it inside a test file, or pass ' +
        '{ beforeEach, afterEach } from your test runner.',
    );
  }
  const target = read.target ?? pluginsRegistry;
  const handles: Disposable[] = [];
  beforeEach(() => {
    const current = typeof overrides === 'function' ? overrides() : overrides;
    for (const [alias, replacement] of overrideEntries(current, 'usePluginOverrides()')) {
      handles.push(overridePlugin(target, alias, replacement as PluginReplacement));
    }
  });
  afterEach(() => {
    for (const handle of handles.splice(0).reverse()) handle[Symbol.dispose]();
  });
}
