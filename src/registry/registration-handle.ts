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
  /** An own function, so that it works detached (`const { dispose } = handle`). */
  readonly dispose: () => void;

  constructor(
    readonly entry: RegisteredPlugin,
    slots: Slots,
  ) {
    this.#slots = slots;
    this.dispose = () => {
      slots.release(entry);
    };
  }

  get active(): boolean {
    return this.#slots.holds(this.entry);
  }

  [Symbol.dispose](): void {
    this.dispose();
  }
}
