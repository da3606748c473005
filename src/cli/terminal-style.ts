import { util } from '../internal/builtins.js';
import { styleMark, type OutputStream } from './cli-io.js';

type Format = 'bold' | 'dim' | 'red' | 'yellow' | 'green' | 'cyan';

/** Colours for one stream, or none: the functions return the text unchanged when colour is off. */
export interface TerminalStyle {
  readonly enabled: boolean;
  readonly bold: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly red: (text: string) => string;
  readonly yellow: (text: string) => string;
  readonly green: (text: string) => string;
  readonly cyan: (text: string) => string;
}

/**
 * The functions mark where a colour starts and ends (`styleMark`); the command's output choke point
 * (`safeStream`) prints the marks as escape sequences and escapes every other control character.
 *
 * Colour only on a terminal, never with `--no-color` or `NO_COLOR` (https://no-color.org), always with
 * `FORCE_COLOR` (other than `0`).
 */
export function terminalStyle(
  stream: OutputStream,
  env: Readonly<Record<string, string | undefined>>,
  colorFlag: boolean | undefined,
): TerminalStyle {
  const force = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0';
  const enabled =
    colorFlag !== false &&
    !(env.NO_COLOR !== undefined && env.NO_COLOR !== '') &&
    (force || (stream.isTTY === true && env.TERM !== 'dumb'));
  const style = (format: Format) => {
    const [open = 0, close = 0] = util.inspect.colors[format] ?? [];
    return (text: string): string => (enabled ? `${styleMark(open)}${text}${styleMark(close)}` : text);
  };
  return {
    enabled,
    bold: style('bold'),
    dim: style('dim'),
    red: style('red'),
    yellow: style('yellow'),
    green: style('green'),
    cyan: style('cyan'),
  };
}
