import { PluginError } from './plugin-error.js';
import { plural } from '../internal/plural.js';
import { MAX_LISTED, messageOf, quote } from '../internal/quote.js';

/** One plugin instance whose disposal threw or rejected. */
export interface PluginDisposalFailure {
  /** The alias the instance was built for. */
  readonly alias: string;
  /** What its `[Symbol.dispose]` or `[Symbol.asyncDispose]` threw. */
  readonly cause: unknown;
}

/**
 * Disposing a container or a resolution scope: one or more plugins failed to dispose. Every other plugin
 * was still disposed. `failures` holds each alias with its cause; `errors` the causes alone (as in
 * AggregateError).
 */
export class PluginDisposalError extends PluginError {
  readonly code = 'PLUGIN_DISPOSAL_FAILED';
  /** The causes, in the order the plugins were disposed. */
  readonly errors: readonly unknown[];

  constructor(readonly failures: readonly PluginDisposalFailure[]) {
    // A disposer's error is plugin code: messageOf shows a bounded, escaped line of anything (even `throw
    // Object.create(null)`, which String() cannot convert), and at most MAX_LISTED are listed.
    const lines = failures.slice(0, MAX_LISTED).map(({ alias, cause }) => `  - ${quote(alias)}: ${messageOf(cause)}`);
    if (failures.length > MAX_LISTED) {
      lines.push(`  ... and ${String(failures.length - MAX_LISTED)} more (see error.failures)`);
    }
    super(
      `${plural(failures.length, 'plugin')} could not be disposed:\n${lines.join('\n')}`,
      failures.length === 1 ? { cause: failures[0]?.cause } : {},
    );
    this.errors = failures.map((failure) => failure.cause);
  }
}
