import { selectedPlugin } from './check-rules.js';
import type { PluginSelection } from './plugin-selection.js';
import { prepareSelection } from './prepare-selection.js';
import type { PluginRegistry } from '../registry/plugin-registry.js';
import type { SelectedPlugin } from '../registry/plugin-rules.js';
import { pluginsRegistry } from '../registry/plugins-registry.js';

/**
 * Checks a selection as `resolveAll` does, without building anything: looks every alias up, fills in each
 * kind's default, and checks required and exclusive kinds and every plugin's rules. Returns the plugins the
 * selection stands for (defaults included), in the order `resolveAll` builds them (`order`, `before`, `after`
 * declarations, then the selection's order); throws UnknownPluginError, PluginRequiredError,
 * PluginConflictError or PluginConstraintError (which lists every broken rule): the first problem it meets.
 * `reviewPluginSelection` reports every problem at once instead.
 *
 * @example
 * checkPluginSelection('deepspeed_zero_3_offload, 64-true', registry); // throws PluginConstraintError
 */
export function checkPluginSelection(
  selection: PluginSelection,
  registry: PluginRegistry = pluginsRegistry,
): SelectedPlugin[] {
  return prepareSelection(registry, selection).map(selectedPlugin);
}
