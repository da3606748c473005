import { controlsOr, escapeControlsOr } from '../internal/quote.js';

/** A stream the command writes to: `process.stdout`, or a stand-in in tests. */
export interface OutputStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  /** The terminal's width, when it is one. */
  readonly columns?: number;
}

/** What the command reads and writes besides its arguments, so that it can run in a test. */
export interface CliIo {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  /** The project folder: where package.json is read and relative paths start. */
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** The exit codes scripts can rely on. */
export const ExitCode = {
  /** Done; nothing wrong. */
  ok: 0,
  /** Problems found: a stale manifest, plugin modules that failed to load, a doctor finding. */
  problems: 1,
  /** The command line is wrong: an unknown command, option or alias. */
  usage: 2,
} as const;

/**
 * Where a colour starts or ends in text the command builds: a private-use character and a random key, in place
 * of ESC, which `safeStream` turns back into ESC. Text from plugins, manifests or the command line cannot carry
 * the key, so every escape sequence it holds is printed escaped, and only the command's own colours reach a
 * terminal.
 */
const STYLE_KEY = `\uE000${process.getBuiltinModule('node:crypto').randomBytes(8).toString('hex')}`;
/** A colour mark, or a control character to escape: `safeOutput` finds both in one pass over the text. */
const MARK_OR_CONTROL = controlsOr(`${STYLE_KEY}(\\d{1,3})m`);

/** The marked form of the SGR sequence `ESC [ code m` (a colour or weight), for `safeStream` to print. */
export function styleMark(code: number): string {
  return `${STYLE_KEY}${String(code)}m`;
}

/**
 * The output choke point of the command: `text` with every control character but line feed written as `\uXXXX`
 * (ESC, BEL, CSI, OSC, DEL, C0, C1 and bidirectional controls: see `safeText`), then the colours the command
 * marked with `styleMark` turned into real escape sequences.
 */
export function safeOutput(text: string): string {
  // One pass: the command's JSON output alone can be half a megabyte. The key holds no control character, so
  // escaping first and then turning the marks into escape sequences would give the same text.
  return escapeControlsOr(text, MARK_OR_CONTROL, (code) => `\u001b[${code}m`);
}

/** `stream`, writing everything through `safeOutput`. */
export function safeStream(stream: OutputStream): OutputStream {
  return {
    write: (text: string) => stream.write(safeOutput(text)),
    ...(stream.isTTY === undefined ? {} : { isTTY: stream.isTTY }),
    ...(stream.columns === undefined ? {} : { columns: stream.columns }),
  };
}
