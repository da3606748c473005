import { discoverPackages, type PluginRegistry } from 'plugboard';
import { format, type Output } from './output.js';
import { trainerHost } from '../registry.js';

/**
 * Imports the plugin modules of the packages installed in `project` (those whose package.json has a
 * `"plugboard": { "plugins": [...] }` field), so their loggers and callbacks can be selected by alias. Returns
 * each alias they added with its package's name; a package that fails to load, or declares a range of trainer
 * versions (`peerDependencies["plugboard-trainer"]`) that excludes `trainerHost`, is reported on `stderr` and skipped.
 */
export async function loadPluginPackages(
  project: string,
  registry: PluginRegistry,
  stderr: Output,
): Promise<Map<string, string>> {
  const report = await discoverPackages({ cwd: project, registry, host: trainerHost });
  for (const failure of report.errors) {
    const reason = failure.error instanceof Error ? failure.error.message : String(failure.error);
    stderr.write(`warning: plugins of ${format(failure.module)} not loaded: ${format(reason)}\n`);
  }
  const origins = new Map<string, string>();
  for (const module of report.modules) {
    const source = report.sources.find((candidate) => module.file.startsWith(candidate.cwd));
    for (const plugin of module.plugins) origins.set(plugin.alias, source?.package?.name ?? module.module);
  }
  return origins;
}
