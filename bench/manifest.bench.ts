/**
 * Benchmark 4: listing 1,000 plugins from the lazy manifest against importing all 1,000 modules, each in a
 * fresh process; and the `plugboard list` command's cold start against a bare `node` start.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ratio } from './lib/measure.js';

const COUNT = 1000;
const root = fileURLToPath(new URL('..', import.meta.url));
const dist = pathToFileURL(path.join(root, 'dist/index.js')).href;
// A program that only lists plugins imports plugboard/registry, which does not load inversify.
const registryEntry = pathToFileURL(path.join(root, 'dist/registry.js')).href;

/** Best wall time of `runs` fresh processes, in ms. */
function coldStart(args: string[], cwd: string, runs = 7): number {
  let best = Infinity;
  for (let run = 0; run < runs; run += 1) {
    const start = process.hrtime.bigint();
    execFileSync(process.execPath, args, { cwd, stdio: 'pipe' });
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return best;
}

export function manifestBenchmark(): string {
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

    const fromManifest = [
      `import { loadManifest, pluginsRegistry } from ${JSON.stringify(registryEntry)};`,
      `loadManifest('plugboard.manifest.json');`,
      `if (pluginsRegistry.availablePlugins({ withDescriptions: true }).length !== ${String(COUNT)}) process.exit(1);`,
    ].join('\n');
    const byImport = [
      `import { discover, pluginsRegistry } from ${JSON.stringify(dist)};`,
      `await discover(['plugins/*.mjs']);`,
      `if (pluginsRegistry.availablePlugins({ withDescriptions: true }).length !== ${String(COUNT)}) process.exit(1);`,
    ].join('\n');
    const bare = coldStart(['-e', ''], dir);
    const manifestMs = coldStart(['--input-type=module', '-e', fromManifest], dir);
    const importMs = coldStart(['--input-type=module', '-e', byImport], dir, 3);
    const cli = path.join(root, 'bin/plugboard.js');
    const cliMs = coldStart([cli, 'list', '--manifest', 'plugboard.manifest.json', '--json'], dir);

    return [
      `### 4. Listing ${COUNT.toLocaleString('en')} plugins from the manifest, and the command's cold start`,
      '',
      '| fresh process | ms | | target |',
      '| --- | ---: | ---: | --- |',
      `| list from the manifest (plugboard/registry: loadManifest + availablePlugins) | ${manifestMs.toFixed(0)} | ${ratio(importMs, manifestMs)} faster than importing | at least 10x |`,
      `| list by importing all ${String(COUNT)} modules (discover + availablePlugins) | ${importMs.toFixed(0)} | 1.00x | |`,
      `| \`plugboard list --manifest --json\` | ${cliMs.toFixed(0)} | ${ratio(cliMs, bare)} of a bare node start | |`,
      `| bare \`node -e ''\` | ${bare.toFixed(0)} | 1.00x | |`,
    ].join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) console.log(manifestBenchmark());
