const MAX_QUOTED = 80;

/** Quotes text from a user for a message, cut to a bounded length so hostile input cannot flood logs. */
export function quote(value: unknown): string {
  return JSON.stringify(truncate(toText(value)));
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
