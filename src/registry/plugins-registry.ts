import { PluginRegistry } from './plugin-registry.js';

const key = Symbol.for('plugboard.pluginsRegistry');
const globals = globalThis as Record<symbol, PluginRegistry | undefined>;

/**
 * The default registry, used by `@RegisterPlugin` and `registerPlugin` when no `registry` is given.
 * Kept on `globalThis` under a `Symbol.for` key, so two copies of plugboard in one process share it.
 */
export const pluginsRegistry: PluginRegistry = (globals[key] ??= new PluginRegistry());
