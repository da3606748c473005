const MAX_QUOTED = 80;

/** Quotes text from a user for a message, cut to a bounded length so hostile input cannot flood logs. */
export function quote(value: unknown): string {
  // JSON escapes C0 controls; DEL, C1 and bidirectional controls are escaped the same way.
  return escapeControls(JSON.stringify(truncate(toText(value))), false);
}

/** Text from a user cut to the same bounded length as `quote`, for messages that show it without quotes. */
export function truncate(text: string): string {
  return text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED)}…` : text;
}

/** `String(value)`, or its `[object Type]` tag when it has no string form (no prototype, a throwing toString). */
function toText(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** `"a"`, `"a" or "b"`, `"a", "b" or "c"`. */
export function quoteList(values: readonly string[], conjunction: 'and' | 'or'): string {
  const quoted = values.map((value) => quote(value));
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} ${conjunction} ${quoted.at(-1) ?? ''}`;
}

/** The longest text `safeText` keeps by default. */
const MAX_SAFE = 2_000;

/**
 * C0 controls but line feed, DEL, C1 controls (0x80-0x9f) and the Unicode controls that reorder or break what a
 * terminal shows (bidirectional overrides and isolates, line and paragraph separators).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;

/**
 * Text from a user or a plugin made safe to print: every control character (ESC, BEL, CSI, OSC, DEL, C0 and C1,
 * bidirectional controls) written as a visible `\uXXXX` escape, so no escape sequence reaches a terminal, and
 * the result cut to `max` characters (`…` marks the cut). Line feeds are kept unless `oneLine` is set.
 */
export function safeText(value: unknown, options: { max?: number; oneLine?: boolean } = {}): string {
  const text = escapeControls(toText(value), options.oneLine === true);
  const max = options.max ?? MAX_SAFE;
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
