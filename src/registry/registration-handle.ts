import type { PluginHandle } from './plugin-entry.js';
import type { RegisteredPlugin } from './registered-plugin.js';

/** What `register` returns; disposing it removes that registration (and only it). */
export class RegistrationHandle implements PluginHandle {
  constructor(
    readonly entry: RegisteredPlugin,
    readonly isActive: () => boolean,
    readonly dispose: () => void,
  ) {}

  get active(): boolean {
    return this.isActive();
  }

  [Symbol.dispose](): void {
    this.dispose();
  }
}
