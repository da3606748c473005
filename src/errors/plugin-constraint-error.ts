import { PluginError } from './plugin-error.js';

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
    const lines = violations.map((violation) => {
      const where = violation.source === undefined ? '' : ` (registered at ${violation.source})`;
      const fix = violation.satisfiedBy.length > 0 ? ` Would satisfy it: ${violation.satisfiedBy.join(', ')}.` : '';
      return `  - ${violation.reason}${where}.${fix}`;
    });
    super(`The plugin selection breaks ${String(violations.length)} rule(s):\n${lines.join('\n')}`);
  }
}
