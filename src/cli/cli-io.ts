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
