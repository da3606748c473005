import { PluginError } from './plugin-error.js';
import { escapeControls, MAX_CAUSE, quote, toText, truncate } from '../internal/quote.js';

const MAX_LISTED = 20;

/** One problem with a plugin's options: where it is and what is wrong. */
export interface PluginOptionsIssue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/** Options that failed validation. `issues` holds every problem with its path; the message lists the first 20. */
export class InvalidPluginOptionsError extends PluginError {
  readonly code = 'PLUGIN_INVALID_OPTIONS';

  constructor(
    readonly alias: string,
    readonly issues: readonly PluginOptionsIssue[],
  ) {
    const lines = issues
      .slice(0, MAX_LISTED)
      .map((issue) => `  - ${formatPath(issue.path)}: ${formatMessage(issue.message)}`);
    const more = issues.length - MAX_LISTED;
    if (more > 0) lines.push(`  ... and ${String(more)} more (see error.issues)`);
    super(`Invalid options for plugin ${quote(alias)}:\n${lines.join('\n')}`);
  }
}

/** An issue's message (a schema library's, which may repeat the input), cut and on one line. */
function formatMessage(message: string): string {
  const text = toText(message).replaceAll('\n', ' ');
  return escapeControls(text.length > MAX_CAUSE ? `${text.slice(0, MAX_CAUSE)}…` : text);
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(options)';
  return truncate(path.map((key) => (typeof key === 'number' ? `[${String(key)}]` : toText(key))).join('.'));
}
