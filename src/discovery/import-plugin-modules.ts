import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DiscoveredModule, DiscoveryFailure } from './discovery-report.js';
import type { PluginRegistry } from '../registry/plugin-registry.js';
import type { RegisteredPlugin } from '../registry/registered-plugin.js';
import { internals } from '../registry/registry-internals.js';

/** A module file to import (its real path) and how messages name it. */
export interface ModuleToImport {
  readonly file: string;
  readonly module: string;
}

/**
 * Imports the modules one after another and reports the plugins each registered. A module that fails to import
 * is recorded with `registry.recordLoadError` and skipped; the others are still imported.
 *
 * A plugin is credited to the module it was registered in (its `source`) when that module is one of `modules`,
 * else to the module whose import registered it: so a module that imports another plugin module, or one that
 * was imported before (and is not evaluated again), is still credited with its own plugins.
 */
export async function importPluginModules(
  modules: readonly ModuleToImport[],
  registry: PluginRegistry,
): Promise<{ modules: DiscoveredModule[]; errors: DiscoveryFailure[] }> {
  const imported: DiscoveredModule[] = [];
  const errors: DiscoveryFailure[] = [];
  const files = new Set(modules.map((module) => module.file));
  // Every entry is asked after each import: its source (a stack to parse) is worked out once.
  const sources = new Map<RegisteredPlugin, string | undefined>();
  const sourceOf = (entry: RegisteredPlugin): string | undefined => {
    if (!sources.has(entry)) sources.set(entry, sourceFile(entry));
    return sources.get(entry);
  };
  for (const { file, module } of modules) {
    const before = new Set(internals(registry).records());
    let namespace: Record<string, unknown>;
    try {
      namespace = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    } catch (error) {
      internals(registry).recordLoadError(module, error);
      errors.push({ module, file, error });
      continue;
    }
    const registered = internals(registry)
      .records()
      .filter((entry) => {
        if (entry.lazy) return false;
        const source = sourceOf(entry);
        return source === file || (!before.has(entry) && (source === undefined || !files.has(source)));
      });
    const plugins = registered.map((entry) => ({ alias: entry.alias, exportName: exportNameOf(namespace, entry) }));
    imported.push({ file, module, plugins });
  }
  return { modules: imported, errors };
}

function sourceFile(entry: RegisteredPlugin): string | undefined {
  const source = entry.source;
  return source === undefined ? undefined : path.resolve(source.replace(/:\d+$/, ''));
}

function exportNameOf(namespace: Record<string, unknown>, entry: RegisteredPlugin): string | undefined {
  const target = entry.target;
  return Object.keys(namespace).find((name) => namespace[name] === target);
}
