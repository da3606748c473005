import { normalizeSelection } from './normalize-selection.js';
import type { PluginChoice } from './plugin-selection.js';
import { boundedMessage, PluginError } from '../errors/plugin-error.js';
import { util } from '../internal/builtins.js';
import { messageOf } from '../internal/quote.js';
import { describeValue } from '../registry/alias.js';
import { assertKnownKeys } from '../registry/arguments.js';
import { PluginSelectionError } from '../errors/plugin-selection-error.js';
import type { PluginRegistry } from '../registry/plugin-registry.js';

const MAX_ARGS = 100_000;
const SOURCE_KEYS = ['argv', 'env', 'config', 'flag', 'envVar', 'configKey', 'registry'];

/** Where a framework's `plugins` option can be set, and the registry to check it against. */
export interface PluginsOptionSources {
  /** Command-line arguments; `--plugins <selection>` may repeat. Default: none. */
  argv?: readonly string[];
  /** Environment variables. Default: none. */
  env?: Readonly<Record<string, string | undefined>>;
  /** A parsed config file: its `plugins` key is a selection string or an array of strings and `{ alias, options }`. */
  config?: Readonly<Record<string, unknown>>;
  /** The flag's name without dashes. Default `'plugins'`. */
  flag?: string;
  /** The environment variable. Default `'PLUGINS'`. */
  envVar?: string;
  /** The config key. Default `'plugins'`. */
  configKey?: string;
  /** Check aliases and options while reading, so errors name the source and position. */
  registry?: PluginRegistry;
}

/** A selection read from one source, and which one. */
export interface PluginsOption {
  readonly choices: PluginChoice[];
  /** `'--plugins'`, `'PLUGINS'` (environment), `'config plugins'`, or `'default'` when nothing was set. */
  readonly source: string;
  /**
   * For each choice, whether it was read from selection text (`'ddp(workers=4)'`) or from an `{ alias, options }`
   * object of a config array; `explainPluginSelection` shows it as the origin of the choice's options.
   */
  readonly forms?: readonly ('text' | 'object')[];
}

/**
 * Reads a `plugins` option from the command line, the environment and a config file, in that order of
 * precedence: the first source that sets it wins whole. Errors name the source and point at the text.
 *
 * @example
 * const { choices } = readPluginsOption({ argv: process.argv.slice(2), env: process.env, registry });
 * const plugins = resolver.resolveAll(choices);
 */
export function readPluginsOption(sources: PluginsOptionSources): PluginsOption {
  try {
    return readSources(sources);
  } catch (error) {
    if (PluginError.is(error)) throw error;
    throw new PluginSelectionError(`Could not read the plugins option: ${messageOf(error)}.`);
  }
}

function readSources(sources: PluginsOptionSources): PluginsOption {
  if (typeof sources !== 'object' || (sources as unknown) === null) {
    throw new PluginSelectionError(
      `readPluginsOption() takes { argv?, env?, config?, registry? }, got ${describeValue(sources)}.`,
    );
  }
  assertKnownKeys(sources, SOURCE_KEYS, 'readPluginsOption()', (message) => new PluginSelectionError(message));
  const flag = name(sources.flag, 'plugins', 'flag');
  const envVar = name(sources.envVar, 'PLUGINS', 'envVar');
  const configKey = name(sources.configKey, 'plugins', 'configKey');
  const fromArgv = sources.argv ? flagValues(sources.argv, flag) : [];
  if (fromArgv.length > 0) return read(`--${flag}`, fromArgv, sources.registry);
  const fromEnv: unknown = sources.env?.[envVar];
  if (fromEnv !== undefined && typeof fromEnv !== 'string') {
    throw new PluginSelectionError(
      `In ${envVar}: an environment value must be a string, got ${describeValue(fromEnv)}.`,
    );
  }
  if (fromEnv !== undefined && fromEnv.trim() !== '') return read(envVar, [fromEnv], sources.registry);
  const fromConfig = sources.config?.[configKey];
  if (fromConfig !== undefined) return read(`config ${configKey}`, fromConfig, sources.registry);
  return { choices: [], source: 'default' };
}

/** A flag, variable or key name given by the caller, checked: a short run of letters, digits, "_" or "-". */
function name(value: unknown, fallback: string, what: string): string {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !/^[A-Za-z0-9_][A-Za-z0-9_-]{0,127}$/.test(value)) {
    throw new PluginSelectionError(
      `readPluginsOption(): ${what} must be letters, digits, "_" or "-", got ${describeValue(value)}.`,
    );
  }
  return value;
}

function flagValues(argv: readonly string[], flag: string): string[] {
  if (!Array.isArray(argv) || argv.length > MAX_ARGS || !argv.every((arg) => typeof arg === 'string')) {
    throw new PluginSelectionError(
      `readPluginsOption(): argv must be an array of at most ${String(MAX_ARGS)} strings.`,
    );
  }
  const { values } = util.parseArgs({
    args: [...argv],
    options: { [flag]: { type: 'string', multiple: true } },
    strict: false,
    allowPositionals: true,
  });
  const found = values[flag];
  if (found === undefined) return [];
  const list = Array.isArray(found) ? found : [found];
  return list.map((value) => {
    if (typeof value !== 'string') throw new PluginSelectionError(`--${flag} needs a value, such as --${flag} ddp.`);
    return value;
  });
}

function read(source: string, value: unknown, registry: PluginRegistry | undefined): PluginsOption {
  try {
    const items = normalizeSelection(value, registry, undefined, true).map((item) => {
      if ('instance' in item) throw new PluginSelectionError('a selection from text or config cannot hold instances');
      return item;
    });
    const choices = items.map((item) => item.choice as PluginChoice);
    return { choices, source, forms: items.map((item) => (item.text === true ? 'text' : 'object')) };
  } catch (error) {
    if (error instanceof PluginError) error.message = boundedMessage(`In ${source}: ${error.message}`);
    throw error;
  }
}
