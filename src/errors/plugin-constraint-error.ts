import { PluginError } from './plugin-error.js';
import { list } from '../internal/quote.js';

/** One broken rule of a selection. */
export interface PluginConstraintViolation {
  /** The plugin whose rule is broken, as the user wrote it. */
  readonly plugin: string;
  /** The other plugin involved, as the user wrote it, when there is one. */
  readonly other: string | undefined;
  /** `'requires'`, `'incompatibleWith'`, `'check'`, or `'order'` for `order`/`before`/`after` declarations that cannot all hold. */
  readonly rule: 'requires' | 'incompatibleWith' | 'check' | 'order';
  /** The rule and what broke it, in words. */
  readonly reason: string;
  /** Where the plugin was registered (`file:line`), when known. */
  readonly source: string | undefined;
  /** Choices that would satisfy the rule (aliases), when they can be named. */
  readonly satisfiedBy: readonly string[];
  /** For an `'order'` violation: the plugins of the cycle as the user wrote them, the first repeated at the end. */
  readonly cycle?: readonly string[];
}

/**
 * A selection breaks rules that its plugins declare (`requires`, `incompatibleWith`, `check`), or their order
 * declarations (`order`, `before`, `after`) form a cycle. Every
 * violation is in `violations` and in the message; nothing was built.
 */
export class PluginConstraintError extends PluginError {
  readonly code = 'PLUGIN_CONSTRAINT';

  constructor(readonly violations: readonly PluginConstraintViolation[]) {
    super(`The plugin selection breaks ${String(violations.length)} rule(s):\n${listViolations(violations)}`);
  }
}

/** The longest list of violations a message holds; past it, the rest are counted (the message is bounded anyway). */
const MAX_LISTING = 1_600;

/** One line per violation, until the message would be too long to show them all; then how many more there are. */
function listViolations(violations: readonly PluginConstraintViolation[]): string {
  const lines: string[] = [];
  let length = 0;
  for (const violation of violations) {
    const where = violation.source === undefined ? '' : ` (registered at ${violation.source})`;
    const fix = violation.satisfiedBy.length > 0 ? ` Would satisfy it: ${list(violation.satisfiedBy)}.` : '';
    const line = `  - ${violation.reason}${where}.${fix}`;
    if (lines.length > 0 && length + line.length > MAX_LISTING) {
      lines.push(`  ... and ${String(violations.length - lines.length)} more (see error.violations)`);
      break;
    }
    lines.push(line);
    length += line.length + 1;
  }
  return lines.join('\n');
}
