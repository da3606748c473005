/** One plugin's `(key=value, ...)`: parentheses only inside quoted strings, as the selection syntax allows. */
const OPTIONS = String.raw`\((?:[^()"']|"(?:[^"\\]|\\.)*"|'[^']*')*\)`;
const SEPARATOR = String.raw`\s*,\s*`;

/** The aliases a text may name, split by whether they take `(options)`. */
export interface TextAliases {
  /** Aliases that may be followed by `(key=value, ...)`. */
  readonly withOptions: readonly string[];
  /** Singleton plugins: they take no options, so `alias()` is refused. */
  readonly withoutOptions: readonly string[];
}

/**
 * A regular expression (source, for JSON Schema's `pattern`) matching `alias` as plugboard compares aliases:
 * ignoring case, with `-` and `_` alike.
 */
export function aliasPattern(alias: string): string {
  return alias.replace(/[-_.]|[A-Za-z]/g, (char) => {
    if (char === '.') return String.raw`\.`;
    if (char === '-' || char === '_') return '[-_]';
    return `[${char.toUpperCase()}${char.toLowerCase()}]`;
  });
}

/** Matches exactly one of `aliases` (as plugboard compares them). */
export function anyAliasPattern(aliases: readonly string[]): string {
  return `^(?:${alternatives(aliases)})$`;
}

/**
 * Matches a selection text (`'ddp(workers=4), bf16-mixed'`) whose every plugin is one of `all`. Option values
 * are not checked: the text only has to be well formed around them.
 */
export function selectionTextPattern(all: TextAliases): string {
  const item = itemPattern(all);
  return String.raw`^\s*(?:${item}(?:${SEPARATOR}${item})*)?\s*$`;
}

/** Matches a selection text that names at least `count` (1 or 2) plugins of `some`, every plugin one of `all`. */
export function textNamingPattern(all: TextAliases, some: TextAliases, count: 1 | 2): string {
  const item = itemPattern(all);
  const named = itemPattern(some);
  const before = String.raw`(?:${item}${SEPARATOR})*`;
  const after = String.raw`(?:${SEPARATOR}${item})*`;
  const second = count === 2 ? `${SEPARATOR}${before}${named}` : '';
  return String.raw`^\s*${before}${named}${second}${after}\s*$`;
}

function itemPattern(aliases: TextAliases): string {
  const parts: string[] = [];
  if (aliases.withOptions.length > 0)
    parts.push(String.raw`(?:${alternatives(aliases.withOptions)})(?:\s*${OPTIONS})?`);
  if (aliases.withoutOptions.length > 0) parts.push(`(?:${alternatives(aliases.withoutOptions)})`);
  // No alias at all: a pattern that matches nothing.
  return parts.length > 0 ? `(?:${parts.join('|')})` : '(?!)';
}

/** Longest first, so that `ddp_4` is tried before `ddp`. */
function alternatives(aliases: readonly string[]): string {
  if (aliases.length === 0) return '(?!)';
  return [...aliases]
    .sort((a, b) => b.length - a.length || (a < b ? -1 : 1))
    .map(aliasPattern)
    .join('|');
}
