import type { PluginChange } from './plugin-entry.js';
import type { RegisteredPlugin } from './registered-plugin.js';

/** What plugboard's container integrations hear: each change with the registry's own record. */
export type ChangeListener = (type: PluginChange['type'], entry: RegisteredPlugin) => void;

/** The listeners of one registry, told after every change to its visible entries. */
export class ChangeListeners {
  readonly #listeners = new Set<ChangeListener>();

  /** Adds `listener`; dispose the result to remove it. */
  add(listener: ChangeListener): Disposable & { dispose(): void } {
    this.#listeners.add(listener);
    const dispose = (): void => void this.#listeners.delete(listener);
    return { dispose, [Symbol.dispose]: dispose };
  }

  /** Tells every listener that `removed` left and `added` came (either may be absent). */
  notify(removed: RegisteredPlugin | undefined, added: RegisteredPlugin | undefined): void {
    for (const listener of this.#listeners) {
      if (removed) listener('removed', removed);
      if (added) listener('added', added);
    }
  }
}
