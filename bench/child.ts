/**
 * One child process of `npm run bench`: `node --expose-gc --import tsx bench/child.ts <suite>` measures one
 * suite and prints its figures as one JSON line. bench/run.ts runs several and reports medians.
 */
import 'reflect-metadata';
import type { Figures } from './lib/measure.js';
import { measureResolve } from './resolve.bench.js';
import { measureMemory, measureStartup } from './startup.bench.js';
import { measureTracing } from './tracing.bench.js';

const suites: Record<string, () => Figures> = {
  resolve: measureResolve,
  startup: measureStartup,
  memory: measureMemory,
  tracing: measureTracing,
};
const suite = suites[process.argv[2] ?? ''];
if (!suite) throw new Error(`usage: bench/child.ts ${Object.keys(suites).join('|')}`);
console.log(JSON.stringify(suite()));
