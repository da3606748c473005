// Runs one phase of `npm test` and says what it is doing: a line before it starts and a line with its time when
// it ends, so that minutes of type-checking or linting never look like a hang.
//   node scripts/phase.mjs "typecheck: tsc (standard decorators)" -- node node_modules/typescript/bin/tsc ...
// Exits with the command's exit code. Written here rather than taken from a package: it is twenty lines, and a
// task runner would change how `npm test` runs, not only what it prints.
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

const separator = process.argv.indexOf('--');
const title = process.argv.slice(2, separator < 0 ? undefined : separator).join(' ');
const [command, ...args] = separator < 0 ? [] : process.argv.slice(separator + 1);
if (!title || !command) {
  console.error('usage: node scripts/phase.mjs "<what it does>" -- <command> [args...]');
  process.exit(2);
}

const started = performance.now();
const seconds = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
console.log(`▶ ${title}…`);
const child = spawn(command, args, { stdio: 'inherit', shell: process.platform === 'win32' });
child.on('error', (error) => {
  console.error(`✖ ${title}: could not start ${command}: ${error.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  const status = code ?? (signal ? 1 : 0);
  console.log(status === 0 ? `✔ ${title} (${seconds()})` : `✖ ${title} failed after ${seconds()}`);
  process.exit(status);
});
