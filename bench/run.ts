/**
 * Runs every benchmark in one process (after `npm run build`) and writes BENCHMARKS.md with the figures,
 * each beside its target, and the machine they were measured on.
 *
 *   npm run bench
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { manifestBenchmark } from './manifest.bench.js';
import { resolveBenchmark } from './resolve.bench.js';
import { startupBenchmark } from './startup.bench.js';

const sections = [await resolveBenchmark(), await startupBenchmark(), manifestBenchmark()];
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
].join('\n');
writeFileSync(new URL('../BENCHMARKS.md', import.meta.url), body);
console.log(body);
