/**
 * Benchmark 4: fresh processes. Listing 1,000 plugins from the lazy manifest against importing all 1,000
 * modules; the `plugboard list --manifest --json` command against a bare `node` start; and what
 * `import('plugboard')` costs on top of inversify's own import. Rows run interleaved, round after round.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { differences, ratioSpread, ratios, root, spread, table, verdict, type Runs } from './lib/summary.js';

const COUNT = 1000;
const dist = pathToFileURL(path.join(root, 'dist/index.js')).href;
// A program that only lists plugins imports plugboard/registry, which does not load inversify.
const registryEntry = pathToFileURL(path.join(root, 'dist/registry.js')).href;
/** How many fresh processes each cold-start figure is the median of (BENCH_COLD_RUNS, default 9). */
const RUNS = Number(process.env.BENCH_COLD_RUNS ?? 9);

const C = {
  bare: "bare `node -e ''`",
  cli: "`plugboard list --manifest --json`, as installed (the package's bin: dist/cli/main.js)",
  cliCheckout: 'the same from this checkout (bin/plugboard.js first checks that dist/ is up to date)',
  cliEmpty: 'the same command on a manifest of no plugins: what it costs before the first plugin',
  floor:
    'floor: an ES module script that reads the manifest, hashes each listed file (size and SHA-256) and prints its plugins as JSON',
  manifest: 'list from the manifest (plugboard/registry: loadManifest + availablePlugins)',
  byImport: `list by importing all ${String(COUNT)} modules (discover + availablePlugins)`,
  inversify: "`await import('inversify')`, timed inside the process",
  plugboard: "`await import('plugboard')`, timed inside the process",
  registry: "`await import('plugboard/registry')`, timed inside the process",
  added: "`await import('plugboard')` just after `await import('inversify')` in the same process: what plugboard adds",
} as const;

/**
 * The floor of the command: what any listing that checks the manifest's files costs, in one ES module of Node's
 * own functions (read and parse the manifest, read and hash every file it lists, print the plugins sorted by
 * alias as indented JSON). It checks nothing else and loads no library.
 */
const FLOOR_SCRIPT = `import { readFileSync } from 'node:fs';
import { hash } from 'node:crypto';
const manifest = JSON.parse(readFileSync('plugboard.manifest.json', 'utf8'));
let stale = false;
for (const [file, { size, sha256 }] of Object.entries(manifest.files)) {
  const content = readFileSync(file);
  if (content.length !== size || hash('sha256', content) !== sha256) stale = true;
}
const plugins = [...manifest.plugins].sort((a, b) => (a.alias < b.alias ? -1 : a.alias > b.alias ? 1 : 0));
process.stdout.write(JSON.stringify(plugins, null, 2) + '\\n');
if (stale) process.exitCode = 1;
`;

/** Wall time of one fresh process, in ms; with `inner`, the number the process prints instead. */
function once(args: string[], cwd: string, inner = false): number {
  const start = process.hrtime.bigint();
  const output = execFileSync(process.execPath, args, { cwd, encoding: 'utf8', stdio: 'pipe', maxBuffer: 1 << 26 });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  return inner ? Number(output.trim()) : wall;
}

/** Times importing `specifier` after `first` was imported (and is cached) in the same process. */
const timedImportAfter = (first: string, specifier: string) => [
  '--input-type=module',
  '-e',
  `await import(${JSON.stringify(first)}); const t = performance.now(); await import(${JSON.stringify(specifier)}); console.log(performance.now() - t);`,
];

const timedImport = (specifier: string) => [
  '--input-type=module',
  '-e',
  `const t = performance.now(); await import(${JSON.stringify(specifier)}); console.log(performance.now() - t);`,
];

export function manifestBenchmark(): Runs {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'plugboard-bench-'));
  try {
    mkdirSync(path.join(dir, 'plugins'));
    for (let i = 0; i < COUNT; i += 1) {
      writeFileSync(
        path.join(dir, 'plugins', `plugin-${String(i)}.mjs`),
        [
          `import { registerPlugin } from ${JSON.stringify(dist)};`,
          `export class Plugin${String(i)} { constructor(options) { this.options = options; } }`,
          `registerPlugin(Plugin${String(i)}, { alias: 'plugin_${String(i)}', kind: 'strategy',`,
          `  description: 'Plugin number ${String(i)}', recommendedWhen: 'benchmarking', params: { index: ${String(i)} } });`,
        ].join('\n'),
      );
    }
    const writer = [
      `import { discover, writeManifest } from ${JSON.stringify(dist)};`,
      `const report = await discover(['plugins/*.mjs']);`,
      `await writeManifest('plugboard.manifest.json', report);`,
    ].join('\n');
    execFileSync(process.execPath, ['--input-type=module', '-e', writer], { cwd: dir, stdio: 'pipe' });
    const listCheck = `.length !== ${String(COUNT)}) process.exit(1);`;
    const fromManifest = [
      `import { loadManifest, pluginsRegistry } from ${JSON.stringify(registryEntry)};`,
      `loadManifest('plugboard.manifest.json');`,
      `if (pluginsRegistry.availablePlugins({ withDescriptions: true })${listCheck}`,
    ].join('\n');
    const byImport = [
      `import { discover, pluginsRegistry } from ${JSON.stringify(dist)};`,
      `await discover(['plugins/*.mjs']);`,
      `if (pluginsRegistry.availablePlugins({ withDescriptions: true })${listCheck}`,
    ].join('\n');
    // The package as npm installs it: its bin and dist/, without the checkout's scripts/ (the dev build check).
    const installed = path.join(dir, 'installed');
    mkdirSync(installed);
    copyFileSync(path.join(root, 'package.json'), path.join(installed, 'package.json'));
    symlinkSync(path.join(root, 'dist'), path.join(installed, 'dist'));
    const { bin } = JSON.parse(readFileSync(path.join(installed, 'package.json'), 'utf8')) as {
      bin: { plugboard: string };
    };
    const command = ['list', '--manifest', 'plugboard.manifest.json', '--json'];
    const cliArgs = [path.join(installed, bin.plugboard), ...command];
    // A project whose plugin folder is empty: the command's fixed cost.
    const empty = path.join(dir, 'empty');
    mkdirSync(path.join(empty, 'plugins'), { recursive: true });
    writeFileSync(path.join(empty, 'package.json'), '{ "type": "module" }\n');
    const writeEmpty = ['manifest', '--allow-empty', '--plugins', 'plugins/*.mjs'];
    execFileSync(process.execPath, [path.join(installed, bin.plugboard), ...writeEmpty], {
      cwd: empty,
      stdio: 'pipe',
    });
    writeFileSync(path.join(dir, 'floor.mjs'), FLOOR_SCRIPT);
    const checkoutArgs = [path.join(root, 'bin/plugboard.js'), ...command];
    // Checked before timing: the command and the floor list every plugin, the command on no plugins none.
    for (const [args, cwd, count] of [
      [cliArgs, dir, COUNT],
      [checkoutArgs, dir, COUNT],
      [[path.join(dir, 'floor.mjs')], dir, COUNT],
      [cliArgs, empty, 0],
    ] as const) {
      const listed = JSON.parse(execFileSync(process.execPath, args, { cwd, encoding: 'utf8' })) as unknown;
      if (!Array.isArray(listed) || listed.length !== count)
        throw new Error(`${args.join(' ')} did not list ${String(count)} plugins`);
    }

    const rows: [string, () => number][] = [
      [C.bare, () => once(['-e', ''], dir)],
      [C.cli, () => once(cliArgs, dir)],
      [C.cliCheckout, () => once(checkoutArgs, dir)],
      [C.cliEmpty, () => once(cliArgs, empty)],
      [C.floor, () => once([path.join(dir, 'floor.mjs')], dir)],
      [C.manifest, () => once(['--input-type=module', '-e', fromManifest], dir)],
      [C.inversify, () => once(timedImport('inversify'), root, true)],
      [C.plugboard, () => once(timedImport('plugboard'), root, true)],
      [C.registry, () => once(timedImport('plugboard/registry'), root, true)],
      [C.added, () => once(timedImportAfter('inversify', 'plugboard'), root, true)],
    ];
    const runs: Runs = {};
    for (let round = 0; round < RUNS; round += 1) {
      for (let k = 0; k < rows.length; k += 1) {
        const [name, run] = rows[(k + round) % rows.length] as [string, () => number];
        (runs[name] ??= []).push(run());
      }
      // Importing a thousand modules takes seconds: three runs are enough to see it.
      if (round < 3) (runs[C.byImport] ??= []).push(once(['--input-type=module', '-e', byImport], dir));
    }
    return runs;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function manifestSection(runs: Runs): string {
  const faster = (runs[C.byImport] ?? []).map((ms, index) => ms / (runs[C.manifest]?.[index] ?? NaN));
  const cli = ratios(runs, C.cli, C.bare);
  const extra = differences(runs, C.plugboard, C.inversify);
  return [
    `### 4. Fresh processes: listing ${COUNT.toLocaleString('en')} plugins, the command's cold start, import cost`,
    '',
    table(
      ['fresh process', 'ms, median (min..max)', 'ratio', 'goal'],
      [
        [
          C.manifest,
          spread(runs[C.manifest] ?? []),
          `${ratioSpread(faster)} faster than importing`,
          verdict(
            faster.map((x) => 1 / x),
            0.1,
            '≥ 10x faster',
          ),
        ],
        [C.byImport, spread(runs[C.byImport] ?? []), '', ''],
        [
          C.cli,
          spread(runs[C.cli] ?? []),
          `${ratioSpread(cli)} of a bare node start`,
          verdict(cli, 2, '≤ 2.0x bare node'),
        ],
        [
          C.cliCheckout,
          spread(runs[C.cliCheckout] ?? []),
          `${ratioSpread(ratios(runs, C.cliCheckout, C.bare))} of a bare node start`,
          '',
        ],
        [
          C.cliEmpty,
          spread(runs[C.cliEmpty] ?? []),
          `${ratioSpread(ratios(runs, C.cliEmpty, C.bare))} of a bare node start`,
          '',
        ],
        [
          C.floor,
          spread(runs[C.floor] ?? []),
          `${ratioSpread(ratios(runs, C.floor, C.bare))} of a bare node start`,
          '',
        ],
        [C.bare, spread(runs[C.bare] ?? []), '1.00x', ''],
        [
          C.added,
          spread(runs[C.added] ?? [], 1),
          `inversify's + ${spread(runs[C.added] ?? [], 1)} ms`,
          verdict(runs[C.added] ?? [], 15, "≤ inversify's + 15 ms"),
        ],
        [
          C.plugboard,
          spread(runs[C.plugboard] ?? [], 1),
          `inversify's + ${spread(extra, 1)} ms (different processes)`,
          '',
        ],
        [C.inversify, spread(runs[C.inversify] ?? [], 1), '', ''],
        [C.registry, spread(runs[C.registry] ?? [], 1), '', ''],
      ],
    ),
    '',
    `Figures of ${String(RUNS)} processes per row (3 for importing all modules); the import rows are timed inside the`,
    'process, from just before the `import()` to just after, so that the start of node itself does not weigh on them.',
  ].join('\n');
}
