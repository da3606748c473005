import { fs } from '../internal/builtins.js';
import path from 'node:path';
import { CommandUsageError } from './command-usage-error.js';
import { PluginDiscoveryError } from '../discovery/plugin-discovery-error.js';
import { MAX_MANIFEST_BYTES, readBoundedFile } from '../discovery/read-bounded-file.js';
import { readPluginPatterns } from '../discovery/read-plugin-patterns.js';
import { quote } from '../internal/quote.js';

/** The `"plugboard"` field of the project's own package.json, as the command reads it. */
export interface ProjectConfig {
  /** `"plugins"`: glob patterns of plugin modules. */
  readonly plugins: readonly string[] | undefined;
  /** `"registry"`: the module that exports the framework's registry, `./path.js#exportName`. */
  readonly registry: string | undefined;
  /** `"tsconfig"`: the tsconfig tsx uses for TypeScript plugin and registry modules. */
  readonly tsconfig: string | undefined;
}

const NONE: ProjectConfig = { plugins: undefined, registry: undefined, tsconfig: undefined };

/**
 * Reads `{ "plugins": [...], "registry": "./src/registry.js#appRegistry", "tsconfig": "..." }` from the
 * package.json in `cwd` (every key optional); no package.json or no field is an empty config.
 * Throws CommandUsageError if the field has another shape, PluginDiscoveryError if package.json is not JSON.
 */
export function readProjectConfig(cwd: string): ProjectConfig {
  const file = path.join(cwd, 'package.json');
  if (!fs.existsSync(file)) return NONE;
  const read = readBoundedFile(file, MAX_MANIFEST_BYTES);
  let manifest: unknown;
  try {
    if ('problem' in read) throw new Error(read.problem);
    manifest = JSON.parse(read.text);
  } catch {
    // The parser's message quotes the file, which the command would print: name the file instead.
    throw new PluginDiscoveryError(
      `Cannot read ${quote(file)}: it is not a readable JSON file of at most 16 MiB. Fix it, or pass --plugins.`,
      file,
    );
  }
  const field =
    typeof manifest === 'object' && manifest !== null ? (manifest as { plugboard?: unknown }).plugboard : undefined;
  if (field === undefined) return NONE;
  if (typeof field !== 'object' || field === null || Array.isArray(field)) {
    throw new CommandUsageError(
      'The "plugboard" field of ./package.json must be an object: { "plugins": [...], "registry": "./path.js#name" }.',
      file,
    );
  }
  const record = field as Record<string, unknown>;
  return {
    plugins: record.plugins === undefined ? undefined : projectPatterns(field, file),
    registry: stringField(record, 'registry', file),
    tsconfig: stringField(record, 'tsconfig', file),
  };
}

/** The project's own plugin patterns: a field of another shape is a usage error, as the other keys are. */
function projectPatterns(field: object, file: string): string[] {
  try {
    return readPluginPatterns(field, 'this project', file);
  } catch (error) {
    if (!(error instanceof PluginDiscoveryError)) throw error;
    throw new CommandUsageError(error.message, file);
  }
}

function stringField(record: Record<string, unknown>, key: string, file: string): string | undefined {
  const value = record[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') {
    throw new CommandUsageError(`"plugboard": { "${key}": ... } in ./package.json must be a path (a string).`, file);
  }
  return value;
}
