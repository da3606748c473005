import type { PluginHandle } from './plugin-entry.js';
import type { RegisteredPlugin } from './registered-plugin.js';

/** The registrations a handle belongs to (its alias slots). */
interface Slots {
  holds(entry: RegisteredPlugin): boolean;
  release(entry: RegisteredPlugin): void;
}

/** What `register` returns; disposing it removes that registration (and only it). */
export class RegistrationHandle implements PluginHandle {
  readonly #slots: Slots;
  #dispose: (() => void) | undefined;

  constructor(
    readonly entry: RegisteredPlugin,
    slots: Slots,
  ) {
    this.#slots = slots;
  }

  /**
   * A function of this handle, so that it works detached (`const { dispose } = handle`); made when first
   * asked for: most handles are never disposed, and a registry of thousands of plugins makes one each.
   */
  get dispose(): () => void {
    return (this.#dispose ??= () => {
      this.#slots.release(this.entry);
    });
  }

  get active(): boolean {
    return this.#slots.holds(this.entry);
  }

  [Symbol.dispose](): void {
    this.dispose();
  }
}
