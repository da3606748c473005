/**
 * Runs every benchmark in one process (after `npm run build`) and writes BENCHMARKS.md with the figures,
 * each beside its target, and the machine they were measured on.
 *
 *   npm run bench
 */
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { manifestBenchmark } from './manifest.bench.js';
import { resolveBenchmark } from './resolve.bench.js';
import { startupBenchmark } from './startup.bench.js';

/** Benchmark 6 runs the trainer sample's worker threads, in a process of its own. */
function ddpBenchmark(): string {
  // From compiled JavaScript, as users run it (npm run bench:ddp compiles the sample with tsc first).
  const output = execFileSync('npm', ['run', '--silent', 'bench:ddp'], {
    cwd: new URL('..', import.meta.url),
    encoding: 'utf8',
  });
  return [
    '### 6. Data-parallel speed-up of the trainer sample (goal: at least 1.8x with 2 workers on an idle 2-core machine)',
    '',
    '```text',
    output.trim(),
    '```',
  ].join('\n');
}

/** What profiling (node --cpu-prof) found behind the figures; true of the code, whatever the machine. */
const FINDINGS = `## Findings

- **Resolve.** \`PluginResolver.resolve\` skips inversify's planning for plain plugin classes and builds them
  directly; a class is asked once whether it carries injection metadata, and params are copied from an unfrozen
  template (V8 spreads frozen objects on a slow path). \`container.get(token, { name })\` pays inversify's own
  resolution of a dynamic value. For a singleton, that path is slower than a raw inversify singleton binding:
  plugboard cannot let inversify cache the instance, because a test override (\`overridePlugin\`,
  \`withPluginOverrides\`) must be able to replace it after it was first built. Use \`PluginResolver\` on hot paths.
- **Start-up.** Registering costs more than binding: each registration checks its options, freezes a copy of the
  params and captures three stack frames (about 2 µs, a third of a registration), which is what lets
  \`DuplicatePluginError\` and \`plugboard describe\` name the file and line. A program that registers many
  generated variants can turn that off with \`new PluginRegistry({ sources: false })\`. Building the container is
  inversify's own \`bind\` per variant, close to the hand-written bindings.
- **Manifest.** A program that lists plugins imports \`plugboard/registry\`, which does not load inversify
  (loading inversify's modules alone takes about 150 ms); the command checks the manifest's file hashes in parallel.
- **Did-you-mean.** The scan keeps only the best three candidates and reuses normalised keys.
- **Main thread vs worker (trainer sample).** \`single_device\` in the main thread was about 27% slower than the
  same fit in a worker thread. The thread is not the cause: from compiled JavaScript the two take the same time
  (main over worker 1.04x, spread 0.95-1.08 over 5 repeats), and under tsx too when tsx is registered in the main
  thread through its API, as the workers do (1.02x, spread 0.77-1.23 over 3 repeats). Loaded with
  \`node --import tsx\` (or the \`tsx\` command, which \`npm start\` and the old benchmark used) the main thread is
  1.26x slower (spread 1.18-1.42 over 4 repeats): the cost comes with how tsx is loaded into the main thread; the
  mechanism inside tsx was not isolated. Hence \`npm run bench:ddp\` runs compiled JavaScript
  (\`bench/ddp/ddp-speedup.ts --runs single,single-worker\` repeats the comparison).
`;

const sections = [await resolveBenchmark(), await startupBenchmark(), manifestBenchmark(), ddpBenchmark()];
const cpus = os.cpus();
const machine = `${String(cpus.length)} x ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}, Node.js ${process.version}`;
const body = [
  '# Benchmarks',
  '',
  'Written by `npm run bench` (which builds first and runs `bench/run.ts`); every ratio compares figures taken',
  'in the same run. Absolute figures depend on the machine and on what else it is doing.',
  '',
  `Measured: ${new Date().toISOString().slice(0, 10)}, ${machine}.`,
  '',
  ...sections.flatMap((section) => [section, '']),
  FINDINGS,
].join('\n');
writeFileSync(new URL('../BENCHMARKS.md', import.meta.url), body);
console.log(body);
