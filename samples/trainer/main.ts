/**
 * The trainer's command line (`npm start -- --help`, which runs `node --import tsx` on this file: no launcher
 * process stands between the terminal's Ctrl-C and this one). Ctrl-C stops training, ends every worker thread and
 * exits with 130 (a second Ctrl-C exits at once); output into a closed pipe (`| head`) ends the program quietly.
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
// The first Ctrl-C stops training cleanly. The listener then goes away, so a second Ctrl-C gets the system's
// default action and ends the process at once, even while single_device keeps the main thread busy computing an
// epoch (a JavaScript listener would only run once the epoch is done).
process.once('SIGINT', () => {
  interrupt.abort();
});

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: output(process.stdout),
  stderr: output(process.stderr),
  env: process.env,
  signal: interrupt.signal,
});
