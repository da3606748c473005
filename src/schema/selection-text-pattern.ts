import { normalizeAlias } from '../registry/alias.js';

/*
 * Every pattern here runs in time linear in its input on a backtracking engine (ajv and editors use
 * JavaScript's): at each point at most one branch can go on, so a failure never retries a longer part of the
 * input. Aliases are written as a trie (`[Dd](?:[Dd][Pp](?:[-_]4)?|...)`), whose branches differ in their first
 * character; items are scanned one at a time, with nothing that another repetition could also take.
 */

/** One plugin's `(key=value, ...)`: parentheses only inside quoted strings, one character per repetition. */
const OPTIONS = String.raw`\((?:[^()"']|"(?:[^"\\]|\\.)*"|'[^']*')*\)`;
const SEPARATOR = String.raw`\s*,\s*`;
/** What may follow an alias: not another character of an alias. */
const END = String.raw`(?![\w.-])`;
/** Any item, known or not: a word with optional options (the text grammar checks what it is). */
const ANY_ITEM = String.raw`[\w.-]+(?:\s*${OPTIONS})?`;

/** The aliases a text may name, split by whether they take `(options)`. */
export interface TextAliases {
  /** Aliases that may be followed by `(key=value, ...)`. */
  readonly withOptions: readonly string[];
  /** Singleton plugins: they take no options, so `alias()` is refused. */
  readonly withoutOptions: readonly string[];
}

/** Matches exactly one of `aliases`, as plugboard compares them (case ignored, `-` and `_` alike). */
export function anyAliasPattern(aliases: readonly string[]): string {
  return `^${aliasTrie(aliases)}$`;
}

/**
 * Matches a selection text (`'ddp(workers=4), bf16-mixed'`) whose every plugin is one of `all`. Option values
 * are not checked: the text only has to be well formed around them.
 */
export function selectionTextPattern(all: TextAliases): string {
  const parts: string[] = [];
  if (all.withOptions.length > 0) parts.push(String.raw`${aliasTrie(all.withOptions)}(?:\s*${OPTIONS})?`);
  if (all.withoutOptions.length > 0) parts.push(aliasTrie(all.withoutOptions));
  const item = parts.length === 0 ? '(?!)' : `(?:${parts.join('|')})${END}`;
  // The trailing spaces belong to the group, so that `^\s*` and them never share a run of spaces.
  return String.raw`^\s*(?:${item}(?:${SEPARATOR}${item})*\s*)?$`;
}

/**
 * Matches a text that names one of `aliases` (`count` 1), or two (`count` 2), in any of its items. It reads
 * items as the selection syntax does but does not check the rest of the text: `selectionTextPattern` does.
 */
export function textNamingPattern(aliases: readonly string[], count: 1 | 2): string {
  if (aliases.length === 0) return '(?!)';
  const named = `${aliasTrie(aliases)}${END}`;
  const skip = String.raw`(?:${ANY_ITEM}${SEPARATOR})*?`;
  const second = count === 2 ? String.raw`(?:\s*${OPTIONS})?${SEPARATOR}${skip}${named}` : '';
  return String.raw`^\s*${skip}${named}${second}`;
}

/** Matches a text that is one alias-like word (perhaps unknown), with spaces around it. */
export const ONE_WORD_PATTERN = String.raw`^\s*[A-Za-z0-9][\w.-]*\s*$`;

/** Matches a text whose first character (after spaces) is one of `chars` (normal form), in any case. */
export function startsWithPattern(chars: readonly string[]): string {
  return String.raw`^\s*[${chars.map(charClassBody).join('')}]`;
}

/** Matches a text that starts (after spaces) with none of `chars` (normal form), in any case. */
export function startsWithNonePattern(chars: readonly string[]): string {
  return chars.length === 0 ? '' : String.raw`^\s*(?![${chars.map(charClassBody).join('')}])`;
}

interface TrieNode {
  end: boolean;
  readonly next: Map<string, TrieNode>;
}

/**
 * The aliases as one regular expression in the form of a trie over their normal form: at every point the
 * branches start with different characters, so matching never backtracks further than one alias.
 */
function aliasTrie(aliases: readonly string[]): string {
  if (aliases.length === 0) return '(?!)';
  const root: TrieNode = { end: false, next: new Map() };
  for (const alias of aliases) {
    let node = root;
    for (const char of normalizeAlias(alias)) {
      let child = node.next.get(char);
      if (!child) {
        child = { end: false, next: new Map() };
        node.next.set(char, child);
      }
      node = child;
    }
    node.end = true;
  }
  return trieSource(root);
}

function trieSource(node: TrieNode): string {
  const branches = [...node.next.keys()].sort().map((char) => {
    let source = charPattern(char);
    let child = node.next.get(char) as TrieNode;
    // A chain of single children is written as one run of characters.
    while (!child.end && child.next.size === 1) {
      const [only] = child.next.keys() as unknown as [string];
      source += charPattern(only);
      child = child.next.get(only) as TrieNode;
    }
    return source + trieSource(child);
  });
  if (branches.length === 0) return '';
  const body = branches.join('|');
  if (node.end) return `(?:${body})?`;
  return branches.length === 1 ? body : `(?:${body})`;
}

/** One character of an alias's normal form, matching it as plugboard compares aliases. */
function charPattern(char: string): string {
  if (char === '_') return '[-_]';
  if (char === '.') return String.raw`\.`;
  return /[a-z]/.test(char) ? `[${char.toUpperCase()}${char}]` : char;
}

function charClassBody(char: string): string {
  if (char === '_') return '\\-_';
  if (char === '.') return '.';
  return /[a-z]/.test(char) ? `${char.toUpperCase()}${char}` : char;
}
