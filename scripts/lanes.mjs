// Runs shell command lines side by side, one per core, and exits with the first non-zero exit code (0 if all
// pass). `npm test` runs its checks before jest this way: tsc, eslint, prettier and API Extractor each use one
// core, and one after the other they took about 50 s of a 2-core machine.
//   node scripts/lanes.mjs "npm run --silent typecheck && npm run --silent api:check" "npm run --silent lint"
// The lines scripts/phase.mjs prints (▶ a phase starts, ✔ it passed, ✖ it failed) are shown as they come, so
// that each phase still says what it is doing; everything else a lane prints is held and shown in one piece
// when the lane ends, so that two compilers' errors never interleave line by line.
// Written here rather than taken from a package: concurrently and npm-run-all2 either interleave every line
// (with a prefix) or hold all of a command's output, the start lines too, until it ends.
import { spawn } from 'node:child_process';

const lanes = process.argv.slice(2);
if (lanes.length === 0) {
  console.error('usage: node scripts/lanes.mjs "<command line>" ["<command line>" ...]');
  process.exit(2);
}

const phaseLine = /^[▶✔✖] /u;

/** Runs one command line; resolves with its exit status. */
function runLane(commandLine) {
  return new Promise((resolve) => {
    const child = spawn(commandLine, { shell: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const held = [];
    let partial = '';
    const take = (chunk) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        if (phaseLine.test(line)) process.stdout.write(`${line}\n`);
        else held.push(line);
      }
    };
    child.stdout.setEncoding('utf8').on('data', take);
    child.stderr.setEncoding('utf8').on('data', take);
    child.on('error', (error) => {
      process.stdout.write(`✖ could not start ${commandLine}: ${error.message}\n`);
      resolve(1);
    });
    child.on('close', (code, signal) => {
      if (partial !== '') held.push(partial);
      if (held.length > 0) process.stdout.write(`${held.join('\n')}\n`);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

const statuses = await Promise.all(lanes.map(runLane));
process.exitCode = statuses.find((status) => status !== 0) ?? 0;
