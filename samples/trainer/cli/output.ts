/** Where the CLI writes: a stream and whether it is a terminal. */
export interface Output {
  write(text: string): void;
  readonly isTTY: boolean;
}

/** `text` without control characters (a message may quote what a user typed), newlines and tabs kept. */
export function format(text: string): string {
  return text.replace(
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
