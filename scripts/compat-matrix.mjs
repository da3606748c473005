// The compatibility matrix of GitHub issue 7: the built and packed plugboard, installed in a consumer project,
// compiled by every TypeScript version installed here, with standard decorators and with experimentalDecorators +
// emitDecoratorMetadata, as ESM and as CommonJS, and then run with this node. Prints one row per cell and exits
// non-zero if any cell fails.
//
//   node scripts/compat-matrix.mjs
//
// The consumer programs are test/fixtures/compat/<mode>/main.ts; each asserts what it resolves and prints
// "plugboard compat: ok". They compile without @types/node (see test/fixtures/compat/node.d.ts).
//
// Two more tables (issue 13): plugboard with every inversify 8 release that package.json's peer range claims and
// this repository installs (the lowest and highest at least, as the `inversify-8.x.y` dev dependencies), with the
// application's own Container as parent (test/fixtures/compat/inversify); and the Node 20 setup of docs/setup.md,
// with that page's tsconfig.json, jest.config.js and vitest.config.ts: a program with decorators and `using`
// (test/fixtures/compat/setup), and samples/testing's jest and vitest tests, each against the packed package, each
// also without the setting the page says it needs, which must fail as the page says.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import {
  compiler,
  compilers,
  createConsumer,
  makeTempDir,
  packPlugboard,
  repoRoot,
  runAsync,
} from './pack-consumer.mjs';

const fixtures = join(repoRoot, 'test', 'fixtures', 'compat');
const success = 'plugboard compat: ok';

const decoratorModes = [
  { name: 'standard', fixture: 'standard' },
  { name: 'experimentalDecorators', fixture: 'legacy' },
];
const moduleSystems = [
  { name: 'esm', type: 'module' },
  { name: 'cjs', type: 'commonjs' },
];

/** The inversify releases checked against the peer range: dev dependencies installed under these names. */
const inversifyPackages = ['inversify-8.0.0', 'inversify-8.1.3', 'inversify'];

// Both limits below were also seen with TypeScript 5.5.4, 5.6.3 and 5.7.3, and are gone in 5.8.3.

/**
 * Errors that a compiler reports in another package's declarations. They are tolerated (the output is still
 * emitted and run) and named in the notes; any other compile error fails the cell.
 */
const foreignErrors = [
  {
    compilers: /^5\.[0-7]\./,
    error: /^\S*@inversifyjs\/core\/lib\/planning\/models\/LazyPlanServiceNode\.d\.ts\(\d+,\d+\): error TS1166:/,
    note: "TypeScript before 5.8 reports TS1166 in inversify 8's declarations (@inversifyjs/core): set skipLibCheck",
  },
];

/**
 * Cells a compiler cannot build. They must fail to compile with exactly this error (so the matrix notices when
 * that changes) and are not run.
 */
const unsupported = [
  {
    compilers: /^5\.[0-7]\./,
    module: 'cjs',
    error: 'TS1479',
    note: 'TypeScript before 5.8 rejects require() of an ES module (TS1479): a CommonJS project uses import() there',
  },
];

const compileError = /^(?:\S.*\(\d+,\d+\): )?error (TS\d+):/;

const workDir = makeTempDir('plugboard-compat');
try {
  const started = Date.now();
  const { tarball } = packPlugboard(workDir);
  const consumer = createConsumer(tarball, join(workDir, 'consumer'));
  const cells = compilers.flatMap((packageName) =>
    decoratorModes.flatMap((mode) => moduleSystems.map((module) => ({ ts: compiler(packageName), mode, module }))),
  );
  const typescript = compiler('typescript');
  const peerCells = inversifyPackages.map((packageName) => ({
    ts: typescript,
    mode: { name: 'standard', fixture: 'inversify' },
    module: moduleSystems[0],
    inversify: packageName,
  }));
  const jobs = [
    ...cells.map((cell) => () => check(cell, consumer)),
    ...peerCells.map((cell) => () => checkInversify(cell, tarball, join(workDir, cell.inversify))),
    () => checkVitest(tarball, join(workDir, 'vitest')),
    () => checkJest(tarball, join(workDir, 'jest')),
    () => checkTarget(tarball, join(workDir, 'target')),
  ];
  const results = await mapConcurrently(jobs, availableParallelism(), (job) => job());
  const failed = results.filter((result) => result.result === 'FAIL');
  console.log(render(results.filter((result) => result.cell.ts !== undefined && result.cell.inversify === undefined)));
  console.log(`\n${renderPeers(results.filter((result) => result.cell.inversify !== undefined))}`);
  console.log(`\n${renderSetup(results.filter((result) => result.cell.setup !== undefined))}`);
  for (const result of failed) console.log(`\n--- ${label(result.cell)} ---\n${result.details.trim()}`);
  console.log(`\n${results.length} cells, ${failed.length} failed, in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  process.exitCode = failed.length > 0 ? 1 : 0;
} catch (error) {
  // Packing failed (a broken build, say): no cell can run.
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 2;
} finally {
  rmSync(workDir, { recursive: true, force: true });
}

/** A consumer of its own whose `inversify` is the given release, running the inversify fixture. */
async function checkInversify(cell, tarball, directory) {
  const consumer = createConsumer(tarball, directory, { substitutes: { inversify: cell.inversify } });
  return check(cell, consumer);
}

/** A file of docs/setup.md: the code block under `<!-- file: NAME -->`. */
function fileFromSetupDoc(name) {
  const lines = readFileSync(join(repoRoot, 'docs', 'setup.md'), 'utf8').split('\n');
  const at = lines.findIndex((line) => line.trim() === `<!-- file: ${name} -->`);
  const end = lines.findIndex((line, index) => index > at + 1 && line.startsWith('```'));
  if (at === -1 || !lines[at + 1]?.startsWith('```') || end === -1) throw new Error(`docs/setup.md has no ${name}`);
  return `${lines.slice(at + 2, end).join('\n')}\n`;
}

/**
 * Runs a setup check: `ok` runs with what docs/setup.md says, `without` runs without one of its settings and
 * must fail with `expected` in its output.
 */
async function setupCheck(cell, ok, without, expected) {
  const good = await ok();
  if (!good.passed) return { cell, result: 'FAIL', notes: [], details: good.output };
  const bad = await without.run();
  if (bad.status === 0 || !stripColour(bad.output).includes(expected)) {
    const got = `status ${bad.status}:\n${bad.output}`;
    return { cell, result: 'FAIL', notes: [], details: `${without.label}: expected "${expected}", got ${got}` };
  }
  return { cell, result: 'ok', notes: [`${without.label}: ${expected}`], details: '' };
}

/** samples/testing's vitest file, with docs/setup.md's vitest.config.ts, against the packed package. */
async function checkVitest(tarball, directory) {
  const consumer = createConsumer(tarball, directory, { tools: ['vitest'] });
  copySample(consumer, ['plugins.ts', 'trainer-service.ts', 'trainer-service.vitest.ts']);
  writeFileSync(join(consumer, 'vitest.config.ts'), fileFromSetupDoc('vitest.config.ts'));
  writeFileSync(
    join(consumer, 'vitest.standard.config.ts'),
    "import { defineConfig } from 'vitest/config';\nexport default defineConfig({ test: { include: ['**/*.vitest.ts'] } });\n",
  );
  const vitest = join(consumer, 'node_modules', 'vitest', 'vitest.mjs');
  const cell = { setup: `vitest ${packageVersion('vitest')}` };
  return setupCheck(
    cell,
    async () => {
      const ran = await runAsync(process.execPath, [vitest, 'run'], consumer);
      return { passed: ran.status === 0 && /Tests\s+5 passed/.test(stripColour(ran.output)), output: ran.output };
    },
    {
      label: 'without oxc.decorator.legacy',
      run: () => runAsync(process.execPath, [vitest, 'run', '--config', 'vitest.standard.config.ts'], consumer),
    },
    'SyntaxError: Invalid or unexpected token',
  );
}

/** samples/testing's jest file, with docs/setup.md's jest.config.js and tsconfig.json, against the packed package. */
async function checkJest(tarball, directory) {
  const consumer = createConsumer(tarball, directory, { tools: ['jest', 'ts-jest', '@jest/globals', '@types/node'] });
  copySample(consumer, ['plugins.ts', 'trainer-service.ts', 'trainer-service.test.ts']);
  writeFileSync(join(consumer, 'jest.config.js'), fileFromSetupDoc('jest.config.js'));
  writeFileSync(join(consumer, 'tsconfig.json'), fileFromSetupDoc('tsconfig.json'));
  const jest = join(consumer, 'node_modules', 'jest', 'bin', 'jest.js');
  const cell = { setup: `jest ${packageVersion('jest')}` };
  return setupCheck(
    cell,
    async () => {
      const ran = await runAsync(process.execPath, ['--experimental-vm-modules', jest], consumer);
      return { passed: ran.status === 0 && /Tests:\s+4 passed/.test(stripColour(ran.output)), output: ran.output };
    },
    { label: 'without --experimental-vm-modules', run: () => runAsync(process.execPath, [jest], consumer) },
    'Must use import to load ES Module',
  );
}

/** test/fixtures/compat/setup, compiled with docs/setup.md's tsconfig.json, and again with target ESNext. */
async function checkTarget(tarball, directory) {
  const consumer = createConsumer(tarball, directory, { tools: ['@types/node'] });
  cpSync(join(fixtures, 'setup', 'main.ts'), join(consumer, 'main.ts'));
  writeFileSync(join(consumer, 'tsconfig.json'), fileFromSetupDoc('tsconfig.json'));
  const { tsc, version } = compiler('typescript');
  const cell = { setup: `tsc ${version}, target ES2022` };
  const compileAndRun = async (args, out) => {
    const compiled = await runAsync(process.execPath, [tsc, '-p', 'tsconfig.json', '--outDir', out, ...args], consumer);
    if (compiled.status !== 0) return compiled;
    return runAsync(process.execPath, [join(out, 'main.js')], consumer);
  };
  return setupCheck(
    cell,
    async () => {
      const ran = await compileAndRun([], 'out');
      return { passed: ran.status === 0 && ran.stdout.trim() === success, output: ran.output };
    },
    { label: 'with target ESNext', run: () => compileAndRun(['--target', 'ESNext'], 'out-esnext') },
    'SyntaxError: Invalid or unexpected token',
  );
}

function copySample(consumer, files) {
  for (const file of files) cpSync(join(repoRoot, 'samples', 'testing', file), join(consumer, file));
}

function stripColour(text) {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}

/** The version of a package installed in this repository (under its name or alias). */
function packageVersion(packageName) {
  return JSON.parse(readFileSync(join(repoRoot, 'node_modules', packageName, 'package.json'), 'utf8')).version;
}

/** Compiles one cell's project, checks the errors against what is known, and runs it. */
async function check(cell, consumer) {
  const directory = join(consumer, 'cells', `${cell.ts.packageName}-${cell.mode.fixture}-${cell.module.name}`);
  mkdirSync(directory, { recursive: true });
  cpSync(join(fixtures, cell.mode.fixture), directory, { recursive: true });
  cpSync(join(fixtures, 'node.d.ts'), join(directory, 'node.d.ts'));
  writeFileSync(join(directory, 'package.json'), JSON.stringify({ private: true, type: cell.module.type }));

  const compiled = await runAsync(process.execPath, [cell.ts.tsc, '-p', 'tsconfig.json'], directory);
  const errorLines = compiled.output.split('\n').filter((line) => compileError.test(line));
  const tolerated = foreignErrors.filter(
    (known) => known.compilers.test(cell.ts.version) && errorLines.some((line) => known.error.test(line)),
  );
  const errors = errorLines.filter((line) => !tolerated.some((known) => known.error.test(line)));
  const notes = tolerated.map((known) => known.note);

  const limitation = unsupported.find(
    (known) => known.compilers.test(cell.ts.version) && known.module === cell.module.name,
  );
  if (limitation) {
    const codes = new Set(errors.map((line) => compileError.exec(line)?.[1]));
    const expected = codes.size === 1 && codes.has(limitation.error);
    return expected
      ? { cell, result: 'n/a', notes: [limitation.note, ...notes], details: '' }
      : { cell, result: 'FAIL', notes, details: `expected only ${limitation.error}, got:\n${compiled.output}` };
  }
  if (errors.length > 0 || (compiled.status !== 0 && errorLines.length === 0)) {
    return { cell, result: 'FAIL', notes, details: `tsc exited with ${compiled.status}:\n${compiled.output}` };
  }

  const ran = await runAsync(process.execPath, [join('out', 'main.js')], directory);
  if (ran.status !== 0 || ran.stdout.trim() !== success) {
    return { cell, result: 'FAIL', notes, details: `node out/main.js exited with ${ran.status}:\n${ran.output}` };
  }
  return { cell, result: 'ok', notes, details: '' };
}

function label(cell) {
  if (cell.setup !== undefined) return cell.setup;
  const inversify = cell.inversify === undefined ? '' : `, inversify ${packageVersion(cell.inversify)}`;
  return `TypeScript ${cell.ts.version}, ${cell.mode.name}, ${cell.module.name}${inversify}`;
}

/** The inversify releases against the peer range. */
function renderPeers(results) {
  const { peerDependencies } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  const rows = results.map(({ cell, result }) => [packageVersion(cell.inversify), cell.ts.version, result]);
  return [
    `inversify as the application installs it (peer range ${peerDependencies.inversify}), its Container as parent`,
    '',
    ...table([['inversify', 'TypeScript', 'result'], ...rows]),
  ].join('\n');
}

/** The Node 20 setup of docs/setup.md. */
function renderSetup(results) {
  return [
    'docs/setup.md on this node, against the packed package',
    '',
    ...table([
      ['setup', 'result', 'and without the setting'],
      ...results.map(({ cell, result, notes }) => [cell.setup, result, notes.join('; ')]),
    ]),
  ].join('\n');
}

/** Rows as aligned columns, with a rule under the first. */
function table(rows) {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const lines = rows.map((row) =>
    row
      .map((text, column) => text.padEnd(widths[column]))
      .join('  ')
      .trimEnd(),
  );
  lines.splice(1, 0, widths.map((width) => '-'.repeat(width)).join('  '));
  return lines;
}

/** The matrix as a table, with the notes numbered below it. */
function render(results) {
  const notes = [...new Set(results.flatMap((result) => result.notes))];
  const rows = [
    ['TypeScript', 'decorators', 'module', 'result'],
    ...results.map(({ cell, result, notes: own }) => [
      cell.ts.version,
      cell.mode.name,
      cell.module.name,
      [
        result,
        ...own
          .map((note) => notes.indexOf(note) + 1)
          .sort((a, b) => a - b)
          .map((n) => `(${n})`),
      ].join(' '),
    ]),
  ];
  const lines = table(rows);
  return [
    `plugboard compatibility matrix (node ${process.version})`,
    '',
    ...lines,
    ...(notes.length > 0 ? ['', ...notes.map((note, index) => `(${index + 1}) ${note}`)] : []),
  ].join('\n');
}

/** `fn` over `items`, at most `limit` at a time, results in the order of `items`. */
async function mapConcurrently(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
