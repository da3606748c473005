import { ExitCode, safeStream, type CliIo } from './cli-io.js';
import { CommandUsageError } from './command-usage-error.js';
import { parseListArguments } from './list-arguments.js';
import { listPlugins } from './list-plugins.js';
import { terminalStyle } from './terminal-style.js';
import { PluginError } from '../errors/plugin-error.js';
import { errorText } from '../internal/error-text.js';

/**
 * Runs `plugboard` with `argv` (the arguments after the program name) and returns the exit code:
 * 0 ok, 1 problems found, 2 a usage error (also a registry module or export that is not there) or an unknown alias. Errors are printed for people, without a stack
 * (set PLUGBOARD_DEBUG=1 to see it).
 */
export async function runCli(argv: readonly string[], given: CliIo): Promise<number> {
  // Everything the command prints goes through safeStream: no control character from a plugin reaches a terminal.
  const io: CliIo = { ...given, stdout: safeStream(given.stdout), stderr: safeStream(given.stderr) };
  let code: number = ExitCode.ok;
  const context = { io, exit: (exit: number) => (code = Math.max(code, exit)) };
  // Loaded only when the arguments need it: commander is CommonJS and compiling it is a good part of a listing's time.
  let commander: typeof import('commander') | undefined;
  try {
    const list = parseListArguments(argv);
    if (list) {
      await listPlugins(list.filter, list.options, context);
      return code;
    }
    commander = await import('commander');
    const { createProgram } = await import('./create-program.js');
    await createProgram(io, context).parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    if (commander && error instanceof commander.CommanderError) {
      // Commander printed the message (with a suggestion) or the help already.
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    const red = terminalStyle(io.stderr, io.env, undefined).red;
    const message = errorText(error);
    const debug = io.env.PLUGBOARD_DEBUG !== undefined && io.env.PLUGBOARD_DEBUG !== '' && error instanceof Error;
    io.stderr.write(`${red('error:')} ${debug ? (error.stack ?? message) : message}\n`);
    if (!PluginError.is(error)) return ExitCode.problems;
    return error.code === 'PLUGIN_NOT_FOUND' || error instanceof CommandUsageError ? ExitCode.usage : ExitCode.problems;
  }
}
