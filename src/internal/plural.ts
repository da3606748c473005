/** `1 plugin`, `3 plugins`, `0 plugins`: a count and an English noun, `s` added unless the count is 1. */
export function plural(count: number, noun: string): string {
  return `${String(count)} ${count === 1 ? noun : `${noun}s`}`;
}
