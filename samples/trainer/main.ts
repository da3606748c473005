/**
 * The trainer's command line (`npm start -- --help`). Ctrl-C stops training, ends every worker thread and exits
 * with 130 (a second Ctrl-C exits at once); output into a closed pipe (`| head`) ends the program quietly.
 */
import 'reflect-metadata';
import { runCli } from './cli/run-cli.js';

const output = (stream: NodeJS.WriteStream): { write(text: string): void; isTTY: boolean } => ({
  write: (text) => void stream.write(text),
  isTTY: stream.isTTY,
});

for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    // The reader went away (`npm start -- --list-plugins | head`): stop quietly, as Unix tools do.
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

const interrupt = new AbortController();
process.on('SIGINT', () => {
  if (interrupt.signal.aborted) process.exit(130);
  interrupt.abort();
});

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: output(process.stdout),
  stderr: output(process.stderr),
  env: process.env,
  signal: interrupt.signal,
});
