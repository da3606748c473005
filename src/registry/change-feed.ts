import type { RegisteredPlugin } from './registered-plugin.js';
import { messageOf } from '../internal/quote.js';

/** What a registry's listeners receive: one visible entry that came or went. */
export type Listener = (type: 'added' | 'removed', entry: RegisteredPlugin) => void;

/**
 * A registry's change listeners. Changes are delivered in the order they happened, also those a listener
 * makes while it is told of another (they wait until every listener has the first), so containers stay in
 * step with the registry. A listener that throws does not stop the others or undo the change: the errors
 * are reported once the change is complete, as a process warning holding an AggregateError.
 */
export class ChangeFeed {
  readonly #listeners = new Set<Listener>();
  readonly #queue: { type: 'added' | 'removed'; entry: RegisteredPlugin }[] = [];
  #delivering = false;

  subscribe(listener: Listener): Disposable & { dispose(): void } {
    // Each subscription is its own member, so one function may subscribe twice and be disposed once.
    const member: Listener = (type, entry) => {
      listener(type, entry);
    };
    this.#listeners.add(member);
    const dispose = (): void => void this.#listeners.delete(member);
    return { dispose, [Symbol.dispose]: dispose };
  }

  /** Tells every listener that `removed` went and `added` came (either may be undefined). */
  emit(removed: RegisteredPlugin | undefined, added: RegisteredPlugin | undefined): void {
    if (this.#listeners.size === 0) return;
    if (removed) this.#queue.push({ type: 'removed', entry: removed });
    if (added) this.#queue.push({ type: 'added', entry: added });
    if (this.#delivering) return;
    this.#delivering = true;
    const errors: unknown[] = [];
    try {
      for (let change = this.#queue.shift(); change; change = this.#queue.shift()) {
        for (const listener of [...this.#listeners]) {
          try {
            listener(change.type, change.entry);
          } catch (error) {
            errors.push(error);
          }
        }
      }
    } finally {
      this.#delivering = false;
    }
    if (errors.length > 0) report(errors);
  }
}

function report(errors: unknown[]): void {
  const warning = new AggregateError(
    errors,
    `${String(errors.length)} PluginRegistry onChange listener(s) threw; the change was made and every other ` +
      `listener was told. First error: ${messageOf(errors[0])}`,
  );
  warning.name = 'PluginListenerWarning';
  process.emitWarning(warning);
}
