import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { compiler, createConsumer, makeTempDir, packPlugboard, runAsync } from '../../scripts/pack-consumer.mjs';
import { markdownFiles, snippetsOf, type Snippet } from './markdown-snippets.js';

// Issue 13: docs that cannot rot. Every ```ts block of README.md and docs/**/*.md is type-checked, as a module of
// its own, against the packed package installed in a consumer project, with standard decorators and with
// experimentalDecorators. A block marked `<!-- snippet: no-compile -->` is skipped (and counted below); one marked
// `<!-- snippet: experimental-decorators -->` is checked in that mode only. One tsc program per mode holds every
// block, except blocks that augment PluginTypes, which would change the others' types: each gets its own.
const typescript = compiler('typescript');
const snippets = markdownFiles().flatMap(snippetsOf);
const skipped = snippets.filter((snippet) => snippet.skipped);
const checked = snippets.filter((snippet) => !snippet.skipped);

/** What a reader of the docs installs besides plugboard and its peers. */
const tools = ['@types/node', '@jest/globals', 'vitest', 'zod', 'valibot'];

const modes = {
  standard: {},
  'experimental-decorators': { experimentalDecorators: true, emitDecoratorMetadata: true },
};
type Mode = keyof typeof modes;

let workDir: string | undefined;
let consumer = '';

beforeAll(() => {
  workDir = makeTempDir('plugboard-snippets');
  const { tarball } = packPlugboard(workDir);
  consumer = createConsumer(tarball, path.join(workDir, 'consumer'), { tools });
}, 120_000);

afterAll(() => {
  if (workDir !== undefined) rmSync(workDir, { recursive: true, force: true });
});

/** The name of a snippet's file: `docs_testing_md_L12.ts`. */
function fileNameOf(snippet: Snippet): string {
  return `${snippet.file.replace(/[^\w]/g, '_')}_L${String(snippet.line)}.ts`;
}

/** Writes a project of the given snippets (relative to the consumer) and returns its tsconfig file. */
function project(folder: string, mode: Mode, members: readonly Snippet[]): string {
  const directory = path.join(consumer, folder);
  mkdirSync(directory, { recursive: true });
  for (const snippet of members) writeFileSync(path.join(directory, fileNameOf(snippet)), `${snippet.code}\n`);
  const tsconfig = path.join(directory, `tsconfig.${mode}.json`);
  const compilerOptions = {
    target: 'ES2022',
    lib: ['ES2022', 'ESNext.Disposable'],
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    moduleDetection: 'force',
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: ['node'],
    ...modes[mode],
  };
  writeFileSync(tsconfig, JSON.stringify({ compilerOptions, files: members.map(fileNameOf) }, null, 2));
  return tsconfig;
}

/** Compiles one project; its errors as `README.md:42:5 TS2304 Cannot find name 'x'.`, mapped back to the docs. */
async function errorsOf(tsconfig: string, members: readonly Snippet[]): Promise<string[]> {
  const result = await runAsync(process.execPath, [typescript.tsc, '-p', tsconfig, '--pretty', 'false'], consumer);
  const byName = new Map(members.map((snippet) => [fileNameOf(snippet), snippet]));
  const errors = result.stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const match = /^(?:.*\/)?([^/(]+)\((\d+),(\d+)\): error (TS\d+): (.*)$/.exec(line);
      const snippet = match ? byName.get(match[1] ?? '') : undefined;
      if (!match || !snippet) return line;
      return `${snippet.file}:${String(snippet.line + Number(match[2]) - 1)}:${match[3] ?? ''} ${match[4] ?? ''} ${match[5] ?? ''}`;
    });
  if (result.status !== 0 && errors.length === 0)
    errors.push(`tsc exited with ${String(result.status)}: ${result.output}`);
  return errors;
}

/** Every program of one mode: the shared one, and one per augmenting snippet. */
async function check(mode: Mode): Promise<string[]> {
  const members = checked.filter((snippet) => mode === 'experimental-decorators' || !snippet.legacyOnly);
  const shared = members.filter((snippet) => !snippet.augments);
  const own = members.filter((snippet) => snippet.augments);
  const programs = [
    { tsconfig: project(`snippets-${mode}`, mode, shared), members: shared },
    ...own.map((snippet) => ({
      tsconfig: project(`snippet-${mode}-${fileNameOf(snippet).replace(/\.ts$/, '')}`, mode, [snippet]),
      members: [snippet],
    })),
  ];
  const errors: string[] = [];
  for (const program of programs) errors.push(...(await errorsOf(program.tsconfig, program.members)));
  return errors;
}

describe(`the ts blocks of README.md and docs/ (${String(checked.length)} checked, ${String(skipped.length)} marked no-compile)`, () => {
  it('finds the blocks, and most of them compile', () => {
    expect(checked.length).toBeGreaterThanOrEqual(15);
    expect(skipped.length).toBeLessThan(checked.length / 4);
  });

  it.each(Object.keys(modes) as Mode[])(
    `type-check against the packed package with TypeScript ${typescript.version}, %s decorators`,
    async (mode) => {
      expect(await check(mode)).toEqual([]);
    },
    120_000,
  );
});
