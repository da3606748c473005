/** The most characters of any one piece of outside text that a message shows. */
export const MAX_QUOTED = 80;
/** The most characters of a cause's message (a plugin's or Node's error) that a message shows. */
export const MAX_CAUSE = 200;
/** The most items of a list that a message names; the rest are counted. */
export const MAX_LISTED = 20;

/** Quotes text from a user for a message: cut to a bounded length, control characters escaped. */
export function quote(value: unknown): string {
  // JSON escapes C0 controls; DEL, C1 and bidirectional controls are escaped the same way.
  return escapeControls(JSON.stringify(cut(toText(value))), false);
}

/** Text from a user cut to the same bounded length as `quote` and made safe, for messages that show it unquoted. */
export function truncate(text: string): string {
  return escapeControls(cut(toText(text)));
}

function cut(text: string): string {
  return text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED)}…` : text;
}

/** `String(value)`, or its `[object Type]` tag when it has no string form (no prototype, a throwing toString). */
export function toText(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    const text = String(value);
    if (typeof text === 'string') return text;
  } catch {
    // No string form: the tag below.
  }
  try {
    return Object.prototype.toString.call(value);
  } catch {
    // A Proxy whose get trap throws even for Symbol.toStringTag.
    return typeof value === 'function' ? '[function]' : '[object]';
  }
}

/** `"a"`, `"a" or "b"`, `"a", "b" or "c"`; past MAX_LISTED items, the rest are counted. */
export function quoteList(values: readonly string[], conjunction: 'and' | 'or'): string {
  const quoted = values.slice(0, MAX_LISTED).map((value) => quote(value));
  if (values.length > MAX_LISTED) quoted.push(`${String(values.length - MAX_LISTED)} more`);
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} ${conjunction} ${quoted.at(-1) ?? ''}`;
}

/** `a, b, c` with each item made safe and cut, at most MAX_LISTED of them and then `(and N more)`. */
export function list(values: readonly string[], separator = ', '): string {
  const shown = values.slice(0, MAX_LISTED).map((value) => truncate(value));
  const more = values.length - MAX_LISTED;
  return more > 0 ? `${shown.join(separator)} (and ${String(more)} more)` : shown.join(separator);
}

/** The name of a class or function for a message, whatever its `name` is (a throwing getter, a Proxy, no name). */
export function nameOf(target: unknown, fallback = '(anonymous class)'): string {
  let name: unknown;
  try {
    name = (target as { name?: unknown }).name;
  } catch {
    return fallback;
  }
  return typeof name === 'string' && name !== '' ? truncate(name) : fallback;
}

/**
 * What `error` says, for a message: the first line of an Error's message, or the thrown value as text; never
 * throws (a getter that throws, a Proxy, an object without prototype), cut to MAX_CAUSE characters and made safe.
 */
export function messageOf(error: unknown): string {
  let text: string;
  try {
    if (isErrorLike(error)) {
      const message: unknown = error.message;
      text = typeof message === 'string' ? message : toText(message);
    } else {
      text = toText(error);
    }
  } catch {
    text = 'a value that cannot be shown';
  }
  // The first line only: Node's "Require stack" and a plugin's multi-line text stay on the error object.
  const newline = text.indexOf('\n');
  const line = newline < 0 ? text : `${text.slice(0, newline).trimEnd()} …`;
  // plugboard's own errors are bounded already; other causes are cut.
  const limit = isPluginError(error) ? MAX_OWN_CAUSE : MAX_CAUSE;
  return escapeControls(line.length > limit ? `${line.slice(0, limit)}…` : line);
}

/** The most characters of a cause that is itself a plugboard error (whose message is bounded and made safe). */
const MAX_OWN_CAUSE = 1_000;

function isPluginError(value: unknown): boolean {
  try {
    return typeof value === 'object' && value !== null && Symbol.for('plugboard.PluginError') in value;
  } catch {
    return false;
  }
}

function isErrorLike(value: unknown): value is { message: unknown } {
  try {
    return value instanceof Error;
  } catch {
    return false;
  }
}

/** The longest text `safeText` keeps by default. */
const MAX_SAFE = 2_000;

/**
 * C0 controls but line feed, DEL, C1 controls (0x80-0x9f) and the Unicode controls that reorder or break what a
 * terminal shows (bidirectional overrides and isolates, line and paragraph separators).
 */
const CONTROL_CLASS =
  '[\\u0000-\\u0009\\u000b-\\u001f\\u007f-\\u009f\\u061c\\u200e\\u200f\\u2028-\\u202e\\u2066-\\u2069]';
const CONTROL = new RegExp(CONTROL_CLASS, 'g');

/**
 * A global expression that matches what `mark` matches (its first group must be defined in such a match) or a
 * control character but line feed, for `escapeControlsOr`: escaping and one replacement in one pass over a text.
 */
export function controlsOr(mark: string): RegExp {
  return new RegExp(`${mark}|${CONTROL_CLASS}`, 'g');
}

/**
 * `text` with every control character but line feed written as `\uXXXX` (as `escapeControls(text, false)`) and
 * every match of `pattern`'s other alternative (made by `controlsOr`) replaced by `replace(group)`, in one pass.
 */
export function escapeControlsOr(text: string, pattern: RegExp, replace: (group: string) => string): string {
  return text.replace(pattern, (match: string, group: string | undefined) =>
    group === undefined ? unicodeEscape(match) : replace(group),
  );
}

/**
 * Text from a user or a plugin made safe to print: every control character (ESC, BEL, CSI, OSC, DEL, C0 and C1,
 * bidirectional controls) written as a visible `\uXXXX` escape, so no escape sequence reaches a terminal, and
 * the result cut to `max` characters (`…` marks the cut). Line feeds are kept unless `oneLine` is set.
 */
export function safeText(value: unknown, options: { max?: number; oneLine?: boolean } = {}): string {
  const max = options.max ?? MAX_SAFE;
  // Escaping only lengthens text: cut before escaping too, so that a megabyte of text costs no more than a page.
  const raw = toText(value);
  const text = escapeControls(raw.length > max ? raw.slice(0, max + 1) : raw, options.oneLine === true);
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** `text` with every control character (line feed too, when `lineFeed` is set) written as `\uXXXX`. */
export function escapeControls(text: string, lineFeed = true): string {
  const escaped = text.replace(CONTROL, unicodeEscape);
  return lineFeed ? escaped.replaceAll('\n', '\\u000a') : escaped;
}

function unicodeEscape(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}
