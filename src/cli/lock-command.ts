import { fsPromises } from '../internal/builtins.js';
import path from 'node:path';
import { Command } from 'commander';
import { ExitCode } from './cli-io.js';
import { styles, warnAboutSources, type CommandContext } from './command-context.js';
import { loadPlugins } from './load-plugins.js';
import { readCliSelection, withoutDeprecationWarnings } from './read-cli-selection.js';
import { addSourceOptions, type SourceOptions } from './source-options.js';
import { MAX_MANIFEST_BYTES, readBoundedFile } from '../discovery/read-bounded-file.js';
import { PluginError } from '../errors/plugin-error.js';
import { PluginLockError } from '../errors/plugin-lock-error.js';
import { errorText } from '../internal/error-text.js';
import { messageOf, quote } from '../internal/quote.js';
import { checkPluginLock } from '../lock/check-plugin-lock.js';
import { createPluginLock } from '../lock/create-plugin-lock.js';

interface LockOptions extends SourceOptions {
  readonly selection?: string;
  readonly out?: string;
  readonly check?: string;
  readonly json?: boolean;
}

/**
 * `plugboard lock --selection TEXT [--out FILE]` writes a lock; `plugboard lock --check FILE [--selection TEXT]`
 * compares one with the current code: exit 0 identical, 1 with the differences, 2 on bad input.
 */
export function lockCommand(context: CommandContext): Command {
  const command = new Command('lock')
    .summary('lock a selection (plugins, code, options), or check a lock: exit 1 on drift')
    .description(
      'Write a lock of a selection: each plugin with its package and version or module path, a fingerprint of ' +
        'its module, and its fully resolved options, plus one hash. With --check, compare a lock with the ' +
        'current code and the selection (default: the one the lock holds): exit 0 if identical, 1 listing each ' +
        'difference, 2 on bad input.',
    )
    .option('-s, --selection <plugins>', "the selection, such as 'ddp(workers=4), bf16-mixed'")
    .option('-o, --out <file>', 'write the lock to this file instead of stdout')
    .option('-c, --check <file>', 'check this lock instead of writing one')
    .option('--json', 'with --check: print the differences as JSON');
  addSourceOptions(command, true).action(async (options: LockOptions) => {
    const { io } = context;
    const style = styles(io, options.color);
    const fail = (message: string): void => {
      io.stderr.write(`${style.err.red('error:')} ${message}\n`);
      context.exit(ExitCode.usage);
    };
    if (options.check === undefined && options.selection === undefined) {
      fail('plugboard lock needs --selection TEXT (to write a lock) or --check FILE (to check one).');
      return;
    }
    if (options.check !== undefined && options.out !== undefined) {
      fail('--out writes a new lock; --check compares one: give one of them.');
      return;
    }
    const plugins = await loadPlugins(options, io);
    if (warnAboutSources(plugins, io, style.err)) context.exit(ExitCode.problems);
    const where = { registry: plugins.registry, root: plugins.root };
    try {
      if (options.check === undefined) {
        const lock = withoutDeprecationWarnings(() =>
          createPluginLock(readCliSelection(options.selection ?? '', plugins.registry), where),
        );
        const text = `${JSON.stringify(lock, null, 2)}\n`;
        if (options.out === undefined) {
          io.stdout.write(text);
          return;
        }
        await fsPromises().writeFile(path.resolve(io.cwd, options.out), text);
        io.stdout.write(`Wrote ${options.out}: ${String(lock.plugins.length)} plugin(s), ${lock.hash}\n`);
        return;
      }
      const file = options.check;
      const lock = readLockFile(path.resolve(io.cwd, file), file);
      const selection = options.selection;
      const result = withoutDeprecationWarnings(() =>
        checkPluginLock(
          lock,
          selection === undefined ? where : { ...where, selection: readCliSelection(selection, plugins.registry) },
        ),
      );
      if (options.json === true) {
        const { identical, differences } = result;
        io.stdout.write(`${JSON.stringify({ identical, differences }, null, 2)}\n`);
      } else if (result.identical) {
        io.stdout.write(`${style.out.green('✔')} ${file}: the selection and code match the lock.\n`);
      } else {
        const lines = result.differences.map((difference) => `  - ${difference.message}`);
        io.stdout.write(
          `${style.out.red('✖')} ${file}: ${String(result.differences.length)} difference(s) from the lock:\n` +
            `${lines.join('\n')}\n`,
        );
      }
      context.exit(result.identical ? ExitCode.ok : ExitCode.problems);
    } catch (error) {
      if (!PluginError.is(error)) throw error;
      fail(errorText(error));
    }
  });
  return command;
}

/** The largest lock the command reads: a lock of thousands of plugins is a few megabytes. */
const MAX_LOCK_BYTES = MAX_MANIFEST_BYTES;

function readLockFile(file: string, shown: string): unknown {
  let text: string;
  try {
    // Bounded, and without blocking: a FIFO, /dev/zero or a 100 MB file is refused at once instead of read.
    const read = readBoundedFile(file, MAX_LOCK_BYTES);
    if ('problem' in read) {
      const why = {
        missing: 'there is no such file',
        'not a file': 'it is not a regular file',
        'too large': `it is larger than ${String(MAX_LOCK_BYTES / 1024 / 1024)} MiB`,
      }[read.problem];
      throw new PluginLockError(`Cannot read the lock ${quote(shown)}: ${why}.`);
    }
    text = read.text;
  } catch (error) {
    if (PluginError.is(error)) throw error;
    throw new PluginLockError(`Cannot read the lock ${quote(shown)}: ${messageOf(error)}.`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new PluginLockError(`The lock ${quote(shown)} is not JSON: ${messageOf(error)}.`);
  }
}
