/**
 * Runs every benchmark in one process (after `npm run build`) and writes BENCHMARKS.md with the figures,
 * each beside its target, and the machine they were measured on.
 *
 *   npm run bench
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { manifestBenchmark, manifestSection } from './manifest.bench.js';
import { resolveSection } from './resolve.bench.js';
import { startupSection } from './startup.bench.js';
import { PROCESSES, inChildren } from './lib/summary.js';

const benchmarksFile = new URL('../BENCHMARKS.md', import.meta.url);

/**
 * Benchmark 6 runs the trainer sample's worker threads, in a process of its own. With BENCH_SKIP_DDP=1 the
 * section already in BENCHMARKS.md is kept as it is.
 */
function ddpBenchmark(): string {
  if (process.env.BENCH_SKIP_DDP === '1') {
    const previous = /^### 6\.[\s\S]*?(?=\n## |\n### (?!6\.)|$)/m.exec(readFileSync(benchmarksFile, 'utf8'))?.[0];
    return (
      previous?.trim() ?? '### 6. Data-parallel speed-up of the trainer sample\n\n(not measured: BENCH_SKIP_DDP=1)'
    );
  }
  const output = execFileSync(process.execPath, ['--import', 'tsx', 'bench/ddp-speedup.ts'], {
    cwd: new URL('..', import.meta.url),
    encoding: 'utf8',
  });
  return [
    '### 6. Data-parallel speed-up of the trainer sample (target: the 2x limit of 2 cores)',
    '',
    '```text',
    output.trim(),
    '```',
  ].join('\n');
}

const load = () =>
  os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(', ');
const loadAtStart = load();
const only = process.env.BENCH_ONLY?.split(',');
const wanted = (name: string) => !only || only.includes(name);
const sections: string[] = [];
if (wanted('resolve')) sections.push(resolveSection(inChildren('resolve')));
if (wanted('startup')) sections.push(startupSection(inChildren('startup'), inChildren('memory')));
if (wanted('manifest')) sections.push(manifestSection(manifestBenchmark()));
if (wanted('ddp')) sections.push(ddpBenchmark());
const loadAtEnd = load();

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
`;

const cpus = os.cpus();
const machine = `${String(cpus.length)} x ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}, Node.js ${process.version}`;
const body = [
  '# Benchmarks',
  '',
  'Written by `npm run bench` (which builds first and runs `bench/run.ts`). Each figure is the median of several',
  `separate processes (${String(PROCESSES)} child processes for sections 1, 2, 3 and 5; one fresh process per sample in`,
  'section 4), shown with the smallest and largest; a ratio is taken inside each process, between rows measured',
  'there side by side and interleaved, and then its median is shown. Every timed call is checked to return the',
  'right result before and while it is timed. Absolute figures depend on the machine and on what else it is',
  'doing: see the load average.',
  '',
  `Measured: ${new Date().toISOString().slice(0, 10)}, ${machine}.`,
  `Load average (1, 5, 15 min): ${loadAtStart} at the start, ${loadAtEnd} at the end.`,
  '',
  ...sections.flatMap((section) => [section, '']),
  FINDINGS,
].join('\n');
// A partial run (BENCH_ONLY) only prints its sections.
if (!only) writeFileSync(benchmarksFile, body);
console.log(body);
