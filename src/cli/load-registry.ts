import { fs } from '../internal/builtins.js';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CommandUsageError } from './command-usage-error.js';
import { namesTypeScript, useTypeScriptLoader } from './typescript-loader.js';
import { PluginDiscoveryError } from '../discovery/plugin-discovery-error.js';
import { truncate } from '../internal/quote.js';
import { PluginRegistry } from '../registry/plugin-registry.js';

/** Where the command's registry comes from: the option as typed, and which option or field gave it. */
export interface RegistrySpec {
  /** `./path.js#exportName`, relative to `cwd`; without `#`, the module's default export. */
  readonly spec: string;
  /** How messages name it: `--registry` or `"plugboard": { "registry" } in ./package.json`. */
  readonly from: string;
}

/**
 * Imports the module a registry spec names and returns its export, a framework's own `PluginRegistry`
 * (`--registry ./src/registry.js#appRegistry`). A `.ts` module is loaded with the project's tsx.
 * Throws CommandUsageError (one line) if the file or the export is missing or the export is not a PluginRegistry,
 * and PluginDiscoveryError if the module fails to import.
 */
export async function loadRegistry(
  { spec, from }: RegistrySpec,
  cwd: string,
  tsconfig: string | undefined,
): Promise<PluginRegistry> {
  const at = spec.lastIndexOf('#');
  const file = at < 0 ? spec : spec.slice(0, at);
  const name = at < 0 ? 'default' : spec.slice(at + 1);
  const where = path.resolve(cwd, file);
  const typed = `${from} ${truncate(spec)}`;
  if (file === '' || name === '') {
    throw new CommandUsageError(
      `${typed}: expected a module and an export, such as ./src/registry.js#appRegistry.`,
      spec,
    );
  }
  if (!fs.existsSync(where)) throw new CommandUsageError(`${typed}: no such file ${where}.`, where);
  if (namesTypeScript(file)) await useTypeScriptLoader(cwd, file, tsconfig);
  let exports: Record<string, unknown>;
  try {
    exports = (await import(pathToFileURL(where).href)) as Record<string, unknown>;
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new PluginDiscoveryError(`${typed}: the module failed to import: ${reason ?? ''}`, where, undefined, {
      cause: error,
    });
  }
  const registry = exports[name];
  if (isRegistry(registry)) return registry;
  const registries = Object.keys(exports).filter((key) => isRegistry(exports[key]));
  const others = registries.length > 0 ? ` Its PluginRegistry exports: ${registries.join(', ')}.` : '';
  if (!(name in exports)) {
    const what = name === 'default' ? 'no default export' : `no export named ${name}`;
    throw new CommandUsageError(`${typed}: ${file} has ${what}.${others}`, where);
  }
  throw new CommandUsageError(`${typed}: ${name} is ${describe(registry)}.${others}`, where);
}

/** Whether a module's export is a registry; an export that throws when asked (a revoked Proxy) is not one. */
function isRegistry(value: unknown): value is PluginRegistry {
  try {
    return value instanceof PluginRegistry;
  } catch {
    return false;
  }
}

/** What an export that should have been a registry is, for the message; another copy of plugboard is named. */
function describe(value: unknown): string {
  if (value === null || value === undefined) return `${String(value)}, not a PluginRegistry`;
  if (typeof value !== 'object') return `a ${typeof value}, not a PluginRegistry`;
  let className: unknown;
  try {
    className = (value as { constructor?: { name?: unknown } }).constructor?.name;
  } catch {
    // A revoked Proxy, or a `constructor` getter that throws.
    return 'an object that throws when read, not a PluginRegistry';
  }
  if (className === 'PluginRegistry') {
    return (
      "a PluginRegistry of another copy of plugboard than the command's (two copies are installed, " +
      'or a tsconfig "paths" entry maps plugboard to its sources)'
    );
  }
  return `${typeof className === 'string' && className !== '' ? `a ${truncate(className)}` : 'an object'}, not a PluginRegistry`;
}
