import type { PluginClass } from './plugin-entry.js';

/** Where a plugin known from a manifest is defined: the module to import and the class it exports. */
export interface LazySource {
  readonly module: string;
  readonly exportName: string | undefined;
}

/** A class that is not loaded yet: `load` imports its module and returns the class it registered. */
export interface LazyTarget {
  readonly source: LazySource;
  readonly load: () => PluginClass;
}
