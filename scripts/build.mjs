// `npm run build`: dist/ as the package publishes it. The JavaScript is bundled with esbuild, one file per entry
// point (index, registry, testing, tsyringe and the command's cli/main) and the code they share in dist/chunks/,
// so that a class keeps one identity across entry points (a PluginError thrown through 'plugboard/registry' is an
// instance of the one 'plugboard' exports). Loading a handful of files instead of about a hundred ES modules is
// most of what `import('plugboard')` and the command's start-up cost. Dependencies and peer dependencies stay
// imports. The types are rolled up by API Extractor into one dist/plugboard.d.ts holding every public declaration
// once (a class declared twice, with its #private fields, would be two types that do not mix), and each entry
// point's .d.ts re-exports its own names from it: users' editors see the public API, not plugboard's internals.
//
// node scripts/build.mjs [--outdir <dir>] [--no-types]: the end-to-end tests build JavaScript only, elsewhere.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { rollUpDeclarations } from './roll-up-declarations.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const at = args.indexOf('--outdir');
const outdir = at < 0 ? path.join(root, 'dist') : path.resolve(args[at + 1] ?? 'dist');
const types = !args.includes('--no-types');

rmSync(outdir, { recursive: true, force: true });
if (types) {
  // tsc's per-file declarations, read by API Extractor and then removed: outside dist/, one folder per build.
  const declarations = mkdtempSync(path.join(tmpdir(), 'plugboard-declarations-'));
  const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
  const tscArgs = ['-p', path.join(root, 'tsconfig.build.json'), '--emitDeclarationOnly', '--outDir', declarations];
  const compiled = spawnSync(process.execPath, [tsc, ...tscArgs, '--declarationMap', 'false'], { stdio: 'inherit' });
  if (compiled.status !== 0) process.exit(compiled.status ?? 1);
  if (!rollUpDeclarations(declarations, outdir)) process.exit(1);
  rmSync(declarations, { recursive: true, force: true });
}
const { outputFiles } = await build({
  absWorkingDir: root,
  entryPoints: {
    index: 'src/index.ts',
    registry: 'src/registry.ts',
    testing: 'src/testing.ts',
    tsyringe: 'src/tsyringe.ts',
    'cli/main': 'src/cli/main.ts',
  },
  outdir,
  // The code entry points share, one file per set of entry points that use it.
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'es2023',
  tsconfig: path.join(root, 'tsconfig.build.json'),
  // Dependencies, peer dependencies and node: builtins are imported, never copied in.
  packages: 'external',
  legalComments: 'none',
  logLevel: 'warning',
  write: false,
});

// A class keeps its name (`PluginError.name`, `new.target.name` in errors, the registry's name in messages). esbuild
// writes a top-level class as `var Name = class {`, whose name is still Name; but it renames a class whose name two
// modules share, and gives a class that names itself in its own body an inner name (`var Name = class _Name {`),
// which becomes its `name`. `keepNames` would fix both with a call per function created at run time, in the resolve
// path too; instead the build fails, and the class is written so that it does not happen (see emptyRegistry).
const classes = new Set();
for (const entry of readdirSync(path.join(root, 'src'), { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
  const text = readFileSync(path.join(entry.parentPath, entry.name), 'utf8');
  for (const match of text.matchAll(/^(?:export )?(?:abstract )?class (\w+)/gm)) classes.add(match[1]);
}
// A class keeps its name only as `var Name = class {` or `var Name = class extends Base {`.
const emitted = new Set();
for (const file of outputFiles) {
  for (const match of file.text.matchAll(/^var (\w+) = class (?:extends\b|\{)/gm)) emitted.add(match[1]);
  mkdirSync(path.dirname(file.path), { recursive: true });
  writeFileSync(file.path, file.text);
}
const renamed = [...classes].filter((name) => !emitted.has(name));
if (renamed.length > 0) {
  console.error(
    `build: classes renamed in the bundle (two modules share a name, or the class names itself in its body): ${renamed.join(', ')}`,
  );
  process.exit(1);
}
