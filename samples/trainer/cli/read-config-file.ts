import { readFile } from 'node:fs/promises';
import { closest, distance } from 'fastest-levenshtein';
import { trainerConfigKeys, trainerConfigSchema, type TrainerConfigFile } from './trainer-config.js';
import { UsageError } from './usage-error.js';

/**
 * Reads a trainer config file: a JSON object with `plugins` (a selection string, or an array of aliases and
 * `{ alias, options }`, checked later by plugboard), the run settings of `trainerConfigSchema`, and optionally
 * `$schema`. Throws UsageError naming the file for anything else: an unknown key (with a did-you-mean), a
 * value of the wrong type or range.
 */
export async function readConfigFile(path: string): Promise<TrainerConfigFile> {
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
  const unknown = Object.keys(config).filter((key) => !trainerConfigKeys.includes(key));
  if (unknown.length > 0) {
    const named = unknown.map((key) => `${JSON.stringify(key)}${didYouMean(key)}`).join(', ');
    throw new UsageError(
      `The config file ${path} has unknown keys ${named}; it may have ${trainerConfigKeys.join(', ')}.`,
    );
  }
  const checked = trainerConfigSchema.safeParse(config);
  if (!checked.success) {
    const problems = checked.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new UsageError(`The config file ${path} has bad values: ${problems.join('; ')}.`);
  }
  return checked.data;
}

function didYouMean(key: string): string {
  const near = closest(key, [...trainerConfigKeys]);
  return distance(key.toLowerCase(), near.toLowerCase()) <= Math.max(2, Math.floor(key.length / 3))
    ? ` (did you mean "${near}"?)`
    : '';
}
