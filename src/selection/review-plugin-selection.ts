import { selectedPlugin } from './check-rules.js';
import type { PluginSelection } from './plugin-selection.js';
import { prepareSelection } from './prepare-selection.js';
import { PluginError } from '../errors/plugin-error.js';
import type { PluginRegistry } from '../registry/plugin-registry.js';
import type { SelectedPlugin } from '../registry/plugin-rules.js';
import { pluginsRegistry } from '../registry/plugins-registry.js';
import { internals } from '../registry/registry-internals.js';

/** What `reviewPluginSelection` found: the plugins a selection stands for, and every problem it has. */
export interface PluginSelectionReview {
  /** The plugins that could be looked up (defaults filled in), as rules see them; unknown aliases are left out. */
  readonly plugins: SelectedPlugin[];
  /**
   * Every problem, in the order `checkPluginSelection` meets them, each the error it would throw for it:
   * UnknownPluginError and InvalidPluginOptionsError per item, PluginRequiredError per missing required kind,
   * PluginConflictError per exclusive kind with more than one plugin, and one PluginConstraintError listing
   * every broken rule (PluginSelectionError for text that cannot be read). Empty when the selection is fine.
   */
  readonly problems: PluginError[];
}

/**
 * Checks a selection as `checkPluginSelection` does, but reports every problem at once instead of throwing
 * the first: an unknown alias, a missing required kind or an exclusive conflict does not hide the rules the
 * rest of the selection breaks. Builds nothing; `plugboard doctor --selection` shows what this returns.
 * `registry` defaults to `pluginsRegistry`.
 *
 * @example
 * const { problems } = reviewPluginSelection('deepspeed_zero_3_offload, 64-true', registry);
 * for (const problem of problems) console.log(problem.code, problem.message);
 */
export function reviewPluginSelection(
  selection: PluginSelection,
  registry: PluginRegistry = pluginsRegistry,
): PluginSelectionReview {
  const problems: PluginError[] = [];
  const items = prepareSelection(registry, selection, internals(registry), problems);
  const plugins: SelectedPlugin[] = [];
  for (const item of items) {
    try {
      plugins.push(selectedPlugin(item));
    } catch (error) {
      // Options that cannot be read were reported by the rule check already, when the plugin has rules.
      if (!PluginError.is(error)) throw error;
      if (!problems.some((problem) => problem.message === error.message)) problems.push(error);
    }
  }
  return { plugins, problems };
}
