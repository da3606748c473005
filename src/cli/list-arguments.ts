import type { ListOptions } from './list-plugins.js';

/** The options that take a value, by every spelling commander accepts for them here, and the field each sets. */
const VALUED: Readonly<Record<string, 'kind' | 'manifest' | 'root' | 'registry'>> = {
  '--kind': 'kind',
  '-k': 'kind',
  '--manifest': 'manifest',
  '-m': 'manifest',
  '--root': 'root',
  '--registry': 'registry',
  '-r': 'registry',
};

/** The flags, and what each sets. */
const FLAGS: Readonly<Record<string, readonly [keyof ListOptions, boolean]>> = {
  '--json': ['json', true],
  '--markdown': ['markdown', true],
  '--no-packages': ['packages', false],
  '--no-color': ['color', false],
  '--allow-incompatible': ['allowIncompatible', true],
};

/** A `plugboard list` call read without commander. */
export interface ListCall {
  readonly filter: string | undefined;
  readonly options: ListOptions;
}

/**
 * Reads `argv` when it is a `plugboard list` call in the plain forms scripts use (`list [filter] --manifest file
 * --json`), giving the options commander would give, so that the listing does not load commander. Undefined for
 * anything else: help, `--plugins`, an option given twice, an unknown or conflicting one, a value that looks like an
 * option, `--`; commander then reads it and words whatever message it needs.
 */
export function parseListArguments(argv: readonly string[]): ListCall | undefined {
  if (argv[0] !== 'list') return undefined;
  // Commander's defaults for the options `list` declares.
  const options: Record<string, unknown> = { root: '.', packages: true, color: true };
  const seen = new Set<string>();
  let filter: string | undefined;
  for (let index = 1; index < argv.length; index += 1) {
    const arg = argv[index] as string;
    if (!arg.startsWith('-')) {
      if (filter !== undefined) return undefined;
      filter = arg;
      continue;
    }
    const equals = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = equals < 0 ? arg : arg.slice(0, equals);
    const field = VALUED[name];
    const flag = FLAGS[name];
    const key = field ?? flag?.[0];
    if (key === undefined || seen.has(key)) return undefined;
    seen.add(key);
    if (flag) {
      if (equals >= 0) return undefined;
      options[flag[0]] = flag[1];
      continue;
    }
    const value = equals < 0 ? argv[(index += 1)] : arg.slice(equals + 1);
    if (value === undefined || value === '' || value.startsWith('-')) return undefined;
    options[key] = value;
  }
  if (options.json === true && options.markdown === true) return undefined;
  return { filter, options: options as unknown as ListOptions };
}
