/**
 * The trainer's command line:
 * `tsx samples/trainer/main.ts [--plugins "ddp(workers=4), bf16-mixed"] [--list-plugins] [--epochs N] [--checkpoint-dir DIR]
 * [--resume PATH] [--report DIR]`.
 */
import 'reflect-metadata';
import { runCli } from './cli/run-cli.js';

const output = (stream: NodeJS.WriteStream): { write(text: string): void; isTTY: boolean } => ({
  write: (text) => void stream.write(text),
  isTTY: stream.isTTY,
});

process.exitCode = await runCli(process.argv.slice(2), output(process.stdout), output(process.stderr), process.env);
