import { PluginError } from './plugin-error.js';
import { quote } from '../internal/quote.js';

/** One problem with a plugin's options: where it is and what is wrong. */
export interface PluginOptionsIssue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/** Options that failed validation. Lists every problem with its path, not just the first. */
export class InvalidPluginOptionsError extends PluginError {
  readonly code = 'PLUGIN_INVALID_OPTIONS';

  constructor(
    readonly alias: string,
    readonly issues: readonly PluginOptionsIssue[],
  ) {
    const lines = issues.map((issue) => `  - ${formatPath(issue.path)}: ${issue.message}`);
    super(`Invalid options for plugin ${quote(alias)}:\n${lines.join('\n')}`);
  }
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(options)';
  return path.map((key) => (typeof key === 'number' ? `[${String(key)}]` : String(key))).join('.');
}
