import type { DiscoveredModule } from './discovery-report.js';
import { safeText } from '../internal/quote.js';

/**
 * One line per imported module that registered no plugin into the registry discovery watched (`registryName`
 * says which, for people): most often the module registers into another registry. `plugboard doctor`, `list`
 * and `describe` and the reports of `discover` and `discoverPackages` all give it.
 */
export function noPluginHints(modules: readonly DiscoveredModule[], registryName: string): string[] {
  return modules
    .filter((module) => module.plugins.length === 0)
    .map(
      (module) =>
        `${safeText(module.module, { oneLine: true })} registered no plugin (does it register into another registry than ${registryName}?)`,
    );
}

/** How the hints name the default registry. */
export const DEFAULT_REGISTRY_NAME = 'the default one, pluginsRegistry';
