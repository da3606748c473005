import { readFile } from 'node:fs/promises';
import { UsageError } from './usage-error.js';

/** The keys a trainer config file may have. */
const KEYS = ['$schema', 'plugins'];

/**
 * Reads a trainer config file: a JSON object with a `plugins` key (a selection string, or an array of aliases
 * and `{ alias, options }`) and optionally `$schema`. Throws UsageError naming the file for anything else.
 */
export async function readConfigFile(path: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(
      `Cannot read the config file ${path}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch (error) {
    throw new UsageError(
      `The config file ${path} is not JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw new UsageError(`The config file ${path} must hold a JSON object, such as { "plugins": "ddp, bf16-mixed" }.`);
  }
  const unknown = Object.keys(config).filter((key) => !KEYS.includes(key));
  if (unknown.length > 0) {
    throw new UsageError(
      `The config file ${path} has unknown keys ${unknown.map((key) => JSON.stringify(key)).join(', ')}; it may have ${KEYS.join(' and ')}.`,
    );
  }
  return config as Record<string, unknown>;
}
