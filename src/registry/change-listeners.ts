import { ChangeFeed } from './change-feed.js';
import type { PluginChange } from './plugin-entry.js';
import type { RegisteredPlugin } from './registered-plugin.js';

/** What plugboard's container integrations hear: each change with the registry's own record. */
export type ChangeListener = (type: PluginChange['type'], entry: RegisteredPlugin) => void;

/** The listeners of one registry, told after every change to its visible entries. */
export class ChangeListeners {
  // Issue 12: in order, also for changes a listener makes; a throwing listener is isolated and reported.
  readonly #feed = new ChangeFeed();

  add(listener: ChangeListener): Disposable & { dispose(): void } {
    return this.#feed.subscribe(listener);
  }

  notify(removed: RegisteredPlugin | undefined, added: RegisteredPlugin | undefined): void {
    this.#feed.emit(removed, added);
  }
}
