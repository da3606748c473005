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
import { resolveSection } from './resolve.report.js';
import { schemaBenchmark, schemaSection } from './schema.bench.js';
import { startupSection } from './startup.bench.js';
import { tracingSection } from './tracing.bench.js';
import { trainerStartBenchmark, trainerStartSection } from './trainer-start.bench.js';
import { PROCESSES, RESOLVE_PROCESSES, inChildren } from './lib/summary.js';

const benchmarksFile = new URL('../BENCHMARKS.md', import.meta.url);

/**
 * Benchmark 6 runs the trainer sample's worker threads, in a process of its own. With BENCH_SKIP_DDP=1 the
 * section already in BENCHMARKS.md is kept as it is.
 */
function ddpBenchmark(): string {
  if (process.env.BENCH_SKIP_DDP === '1') {
    const previous = /^### 6\.[\s\S]*?(?=\n## |\n### (?!6\.)|(?![\s\S]))/m.exec(
      readFileSync(benchmarksFile, 'utf8'),
    )?.[0];
    return (
      previous?.trim() ?? '### 6. Data-parallel speed-up of the trainer sample\n\n(not measured: BENCH_SKIP_DDP=1)'
    );
  }
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

const load = () =>
  os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(', ');
const oneMinuteAtStart = os.loadavg()[0] ?? 0;
const loadAtStart = load();
const only = process.env.BENCH_ONLY?.split(',');
const wanted = (name: string) => !only || only.includes(name);
const sections: string[] = [];
if (wanted('resolve')) sections.push(resolveSection(inChildren('resolve', RESOLVE_PROCESSES)));
if (wanted('tracing')) sections.push(tracingSection(inChildren('tracing', RESOLVE_PROCESSES)));
if (wanted('startup')) sections.push(startupSection(inChildren('startup'), inChildren('memory')));
if (wanted('manifest')) sections.push(manifestSection(manifestBenchmark()));
if (wanted('ddp')) sections.push(ddpBenchmark());
if (wanted('schema')) sections.push(schemaSection(await schemaBenchmark()));
if (wanted('trainer')) sections.push(trainerStartSection(await trainerStartBenchmark()));
const loadAtEnd = load();

/** What profiling (node --cpu-prof) found behind the figures; true of the code, whatever the machine. */
const FINDINGS = `## Findings

- **Resolve.** The common case takes a short path: \`PluginResolver.resolve\` (outside a scope) and a
  \`container.get\` made outside another build, of a loaded plain class (no \`@inject\`, no async set-up), transient,
  with no test override of it in the current async flow, in an open container. It reads the alias (one map look-up),
  copies the params from an unfrozen template (V8 spreads frozen objects on a slow path) or merges flat per-call
  overrides in the same pass (no nested object or array, no prototype key, no schema; anything else takes the general
  path: copy and check the overrides, merge, validate, copy), guards against a constructor that needs itself, and
  calls \`new\`: no batch, record or closure is made per call, and a batch for clean-up is made only if the
  constructor builds plugins through the container. Everything else (scopes, injected classes, test overrides,
  manifest entries, async set-up) takes the general path. A plain class is bound as an inversify dynamic value that
  ignores the resolution context (one shared builder serves every call); a class with injected dependencies as a
  dynamic value that builds through the context. In the benchmark's process the raw row of the binding kind
  plugboard does not use is always the faster one: plugboard's bindings and the raw bindings of the same kind
  share inversify's resolution code, and V8's feedback for it is then shared too. Bound as resolved values instead,
  \`container.get\` took 49-53 ns while raw resolved values went to 50-62 ns and raw dynamic values to 41-45 ns:
  the same 1.2x against the faster raw row, and about 65 B more memory per binding (memory 1.55x, over its goal).
  What \`container.get\` adds over inversify's own resolution is the short path, about 9 ns.
- **Singletons.** \`resolve\` returns a singleton already built from the factory's map, before any other
  work. A singleton is bound in inversify's singleton scope, so \`container.get\` returns inversify's
  cached instance (the one the container's factory built). While a test override of it is active in any async flow,
  a transient twin binding takes its place (the cached binding's condition turns false, and binding the twin makes
  inversify plan again) and each flow gets its own replacement, or the real singleton, from the factory; when the
  last override ends the twin is unbound and the cached binding serves again. Switching never unbinds the cached
  binding, so it runs no deactivation. A disposed container switches to the twin for good (it throws).
- **Start-up.** Binding costs what raw inversify's own binding does: the row "of which ... createPluginContainer +
  first container.get" binds a registry made before the timing at about raw's figure. inversify invalidates its plan
  cache on every \`bind\`, also inside one \`ContainerModule\` load, and no public API batches that. plugboard's
  binding adds two closures sharing a context of two slots (raw's \`whenNamed\` makes one too) and reads a class's
  inversify metadata once per run of its variants. What plugboard adds is the registration, about 1 µs: the options
  are read once with a spread, one pass over their keys notes which are given (the checks of the others are
  skipped), an alias already valid and in normal form costs one test, flat params are copied once by a spread, and
  one record goes into one map; no known-keys table, \`dispose\` function or rules object is made until something
  asks (the row "of which ... registrations"). Taking each step out of a copy of the build in turn (10,000
  registrations without sources, about 10 ms; median of 80 in one process): the map entry saved 1.6 ms (the minimal
  registry of the floor rows makes one too), reading and checking the options 0.9 ms, and every other step (the
  params' copy, the change notice, the alias check, the deprecation check, the handle) at most 0.6 ms, most within
  the 0.5 ms the measurement wanders: no one step dominates. The rest of the gap
  to the floor is garbage collection: the registry's records are young when the container is built, and each
  collection of the young generation copies every one of them. With \`node --trace-gc\`, median of 5 in one process
  on a quiet machine: raw inversify 42.5 ms with 2 young collections (6-13 ms); plugboard without sources 64.4 ms,
  of which 15 ms in 3 young collections, while its 10,000 registrations alone took 14.3 ms with none; the floor's
  minimal registry keeps a map entry and a params copy, plugboard a record of about 120 B per registration, its
  params, description and texts (section 5: about 500 B per variant). Unless \`sources: false\`, each registration
  also takes its call site: an Error subclass made in the public function itself (\`register\`, \`RegisterPlugin\`,
  \`registerPlugin\`), so that V8 captures two frames, that function's and its caller's, unformatted; V8 formats
  them (applying source maps, so the line stays right under tsx and jest) only when \`describe\` or an error reads
  them. The capture is the floor here: interleaved in one process, 10,000 captures took 16.0 ms with two frames,
  14.3 ms with one, 19.6 ms with \`Error.captureStackTrace(site, register)\` after an Error made with none, and
  2.1 ms with no frame at all (\`Error.stackTraceLimit = 0\`): V8's cost is in capturing at all, not in the frames
  kept; the captured frames are about 170 B more per registration for the young collections to copy. Both rows
  sit above their floor rows by about what a registry that checks each registration and keeps a record of it adds:
  its registrations (the row "of which ... registrations") and the collections that copy them. Measured with a
  young generation large enough that no collection runs during 10,000 registrations (one process, idle machine),
  a registration allocates about 565 B, of which 293 B are live after a full collection (767 B and 464 B with its
  call site); the floor's minimal registry 285 B and 190 B (486 B and 366 B): plugboard fills the young generation
  about twice as fast. In this benchmark's process the call sites cost plugboard more than they cost the floor
  (compare each row with sources to the one without); that the collections are why is not shown: with a young
  generation of 64 MB the ratios did not fall, and in a process that loads a second build, which captures each
  call site and drops it at once, dropping it changed nothing and the row with call sites stood at the floor's
  ratio. Without sources the distance fits within the goal in a quiet run; with call sites the floor row itself
  takes most of what the goal leaves.
- **Memory.** Per variant, inversify's binding and its indexes are about 800 B on either side. plugboard's
  binding adds the context its two closures share and keeps inversify's fluent object (about 30 B, smaller than an
  identifier) to unbind it later; a map entry per binding. The registry's record is about 110 B: what few
  registrations have (schema, option keys, rules, manifest source, frozen params, container identity) is in a
  side object made only for them, scope and copy mode are bits, and params are copied by a method (not a closure
  per entry) from a template that has exactly their fields. The call site is about 170 B more: an Error's captured
  frames are kept compactly, while \`Error.captureStackTrace\` on any other object makes it a dictionary (about
  350 B with the frames).
- **The command.** The package's bin is the program itself, \`dist/cli/main.js\` (until this round a launcher,
  \`bin/plugboard.js\`, imported it: one module more, and an ES import of node:fs); \`plugboard list --manifest\` loads
  it and the shared chunks it imports (esbuild bundles, scripts/build.mjs), and Node's built-ins only as the
  CommonJS modules. It reads the manifest with one read of its size, registers it and checks it in one pass over
  the file (sharing one listing per plugin folder and one real-path look-up per file between the two), and hashes
  each plugin file through one reused buffer (\`openSync\`, \`readSync\`, \`closeSync\`: \`readFileSync\` also asked
  each file's size and made a buffer per file); staleness is still decided by content. The floor row is the
  experiment the goal is measured against: an ES module of Node's own functions that reads the manifest, reads and
  hashes every file it lists and prints its plugins as indented JSON, checking nothing else (about 1.45x of a bare
  node start); the command on a manifest of no plugins (its fixed cost: loading its modules, node:crypto for the
  colour key and the hashes, reading its own package.json) takes about 1.4x. Beside that fixed cost the goal leaves
  about 0.6x for the 1,000 plugins; reading, hashing and printing them take about 0.4x (the floor less the start of
  an empty ES module, 1.05-1.07x measured apart), which leaves about 0.2x for registering them, proving each module
  path lies inside the root and working out each plugin's information: what the command spends beyond that is the
  distance to the goal in the table. A profile of the command on the
  benchmark's 1,000 plugins (12 runs, 50 µs samples, about 85 ms of the process's 113 ms): loading modules about
  20 ms, reading and checking the manifest 6.5 ms, registering the 1,000 lazy entries 11 ms (4 ms of it proving each
  module path lies inside the root), the freshness check 12 ms (8 ms of it the system calls that open, read and
  close 1,000 files, about 2-3 µs each on this machine), the listing's information about each plugin 6 ms, garbage
  collection 7 ms (6 young collections; the floor script makes 2). Run interleaved with the build from before this
  round's changes (21 processes each, dist/cli/main.js run directly, bare node 56 ms): 125 ms before, 113 ms after.
  The checkout's row runs bin/plugboard.js, which first checks that dist/ is newer than src/ (a folder listing and
  one more module), which installed copies never do.
- **JSON Schema compile (ajv).** The CPU time of the 100-plugin compile is the compile's own work: with V8's
  optimizing kept on the main thread (\`node --no-concurrent-recompilation\`, 15 compiles in one process on an idle
  machine) wall and CPU time are the same, 88-89 ms, where with the optimizing thread the wall time is 50-54 ms and
  the CPU time 77-84 ms (three processes). The CPU time moves with the machine less than the wall time but it moves:
  with two other processes spinning on both cores the same compiles took 98-109 ms wall and 87-91 ms CPU, and one full
  run of this round, at a load of 1.2 and before the pause below, showed a median of 116 ms. The pause after each
  compile (section 7) counts in each compile's figure the optimizing it starts; if the figure errs for it, it errs on
  the high side (on an idle machine, one process each, within the spread of one process: 61 ms without pauses, 63 ms
  with 20 ms pauses, 68 ms with 150 ms). Two parts of the schema take most of it (rows "of which"): the 20 rules, and
  the conditions that name each plugin in the description of its options for plugins that share one options schema
  (the hover over \`options\` that docs/json-schema.md describes): ajv compiles each condition into code of its own
  that collects errors and, in its 2020-12 class, tracks evaluated properties. Other spellings of the rules compiled
  no faster (one process, 11 compiles each, CPU time): each plugin's condition written out without its reference to
  itself, 110 ms against 92 ms; each rule a definition of its own, 96 against 82; "if A and not B, fail" in one
  condition, 126 against 122. The margin to the goal on a busy machine lies in the per-plugin descriptions (about a
  third of the CPU time, their row): dropping that hover text, or sharing it between the plugins of a shared schema,
  is a decision about what the schema offers editors, not made here.
- **Import.** \`plugboard\` loads inversify and its own bundled files (instead of about 100 modules); node:crypto is
  loaded at the first hash, semver at the first host or range check, fastest-levenshtein at the first
  did-you-mean, and node:fs, node:fs/promises, node:module and node:util are taken with
  \`process.getBuiltinModule\` where they are used: one ES import of node:fs (for the folder listing) built a
  facade that read every export, which loaded fs/promises and about twenty modules of Node's streams (what the
  import adds after inversify: about 14.5 ms -> 13 ms, median of 9 in one loop). What is left is mostly compiling
  the bundle. The goal's row imports inversify and then plugboard in one process and times the second import; a
  difference between separate processes (the row below it) spreads wider than the figure itself.
- **scoped().** Each registry had an AsyncLocalStorage of its own; Node 20 keeps every AsyncLocalStorage that has
  run for the life of the process and updates each on every promise, so after \`scoped()\` on 1,000 registries
  100,000 awaits took 12.6 s instead of 12 ms. All registries share one now (13 ms after the same 1,000).
- **Did-you-mean.** The scan keeps only the best three candidates and reuses normalised keys.
- **Discovery.** \`discover\` credits each plugin to the module that registered it (its source) after each import:
  it asks every entry after every import, so each entry's source is worked out once per call (parsing a stack
  since call sites are formatted on reading: without that, importing 1,000 modules took 3.2 s instead of 0.9 s).
- **Transient resolve, this round.** After the lifecycle and hardening work of this round, the run of 2026-11-29
  before this change had \`PluginResolver.resolve\` at 166 ns (3.4x the faster raw row) and a resolve with 2 flat
  overrides at 247 ns (3.5x). A profile (\`node --cpu-prof\`, with and without inlining) put the time in what every
  call allocated and ran around the constructor: a batch object with its array and one record per instance, three
  closures (the batch's scope, the cycle guard, the build), an object per step of the cycle guard, \`splice\` and
  \`lastIndexOf\` on the batch stack (and, once, a \`length\` write, which V8 runs in its runtime: 10% of a call), and
  the async set-up check per call; the short path above makes none of these, and the set-up check is made once
  per registration (with scope, injection and copy mode, a bit of the record: one test answers all of them).
  \`--trace-turbo-inlining\` then showed V8 stopping at its inlining budget (about 900 bytes of bytecode per
  optimised function) partway down the path, so the rare branches (the cycle error, the search through override
  layers, a constructor's failure, the general options merge, an alias not in normalised spelling) are functions
  of their own. What remains over raw inversify is the look-up, the checks and the cycle guard around \`new\`;
  a resolve with flat overrides adds the key-by-key merge (each key checked, \`__proto__\` and nested values sent
  to the general path) where the raw factory spreads without checking.
- **Main thread vs worker (trainer sample).** \`single_device\` in the main thread was about 27% slower than the
  same fit in a worker thread. The thread is not the cause: from compiled JavaScript the two take the same time
  (main over worker 0.99x, spread 0.96-1.01 over 5 repeats on a quiet machine, section 6; 1.04x, 0.95-1.08, in an earlier run under load), and under tsx too when tsx is registered in the main
  thread through its API, as the workers do (1.02x, spread 0.77-1.23 over 3 repeats). Loaded with
  \`node --import tsx\` (or the \`tsx\` command, which \`npm start\` and the old benchmark used) the main thread is
  1.26x slower (spread 1.18-1.42 over 4 repeats): the cost comes with how tsx is loaded into the main thread; the
  mechanism inside tsx was not isolated. Hence \`npm run bench:ddp\` runs compiled JavaScript
  (\`bench/ddp/ddp-speedup.ts --runs single,single-worker\` repeats the comparison).
`;

/** The rows that miss their goal, for the summary at the top. */
function missed(sections: readonly string[]): string[] {
  const rows: string[] = [];
  let heading = '';
  let table: string | undefined; // the first header cell of the table a row is in: transient, overrides, ...
  for (const line of sections.join('\n').split('\n')) {
    if (!line.startsWith('|')) table = undefined;
    else table ??= line.split('|')[1]?.trim() ?? '';
    if (line.startsWith('### '))
      heading = line
        .slice(4)
        .replace(/ \(.*$/, '')
        .replace(/:.*$/, '');
    if (!line.startsWith('| ') || !line.includes('**missed**')) continue;
    const [, goal = '', by = ''] = /\| ([^|]*): \*\*missed\*\*(?: \((by [^)]*)\))? \|$/.exec(line) ?? [];
    const where = table ? `${heading}, ${table}` : heading;
    rows.push(`- ${where}: ${line.split(' | ')[0]?.slice(2) ?? ''} (goal ${goal}${by ? `, missed ${by}` : ''})`);
  }
  return rows;
}

const cpus = os.cpus();
// Busy: more runnable threads than cores while the benchmarks ran (the 1-minute averages at start and end;
// the 5- and 15-minute ones also remember what ran before).
const busy = Math.max(oneMinuteAtStart, os.loadavg()[0] ?? 0) > cpus.length;
const machine = `${String(cpus.length)} x ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}, Node.js ${process.version}`;
const body = [
  '# Benchmarks',
  '',
  'Written by `npm run bench` (which builds first and runs `bench/run.ts`). Each figure is the median of several',
  `separate processes (${String(RESOLVE_PROCESSES)} child processes for sections 1 and 1b, ${String(PROCESSES)} for sections 2, 3 and`,
  '5; one fresh process per sample in section 4), shown with the smallest and largest; a ratio is taken inside each',
  'process, between rows measured there side by side and interleaved, and then its median is shown. Every timed',
  'call is checked to return the right result before and while it is timed. Absolute figures depend on the machine',
  'and on what else it is doing: see the load average.',
  '',
  `Measured: ${new Date().toISOString().slice(0, 10)}, ${machine}.`,
  `Load average (1, 5, 15 min): ${loadAtStart} at the start, ${loadAtEnd} at the end.`,
  ...(busy
    ? [
        '',
        `**The machine was busy** (1-minute load average above its ${String(cpus.length)} cores): figures spread widely (see min..max),`,
        'and a ratio near its goal can fall on either side of it. Run again on a quiet machine before relying on one.',
      ]
    : []),
  '',
  '## Goals missed in this run',
  '',
  ...(missed(sections).length > 0 ? missed(sections) : ['None.']),
  '',
  ...sections.flatMap((section) => [section, '']),
  FINDINGS,
].join('\n');
// A partial run (BENCH_ONLY) only prints its sections.
if (!only) writeFileSync(benchmarksFile, body);
console.log(body);
