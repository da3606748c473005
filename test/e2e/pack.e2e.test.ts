import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cpSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { compiler, createConsumer, makeTempDir, packPlugboard, repoRoot, run } from '../../scripts/pack-consumer.mjs';

// GitHub issue 2: the package as npm delivers it (built, packed, installed in a project of its own) works.
// The consumer programs are in test/fixtures/pack; scripts/pack-consumer.mjs explains how they are installed.
const fixtures = join(repoRoot, 'test', 'fixtures', 'pack');
const typescript = compiler('typescript');
const typescript7 = compiler('typescript7');
const timeout = 60_000;

let workDir: string | undefined;
let consumer = '';
let packedFiles: readonly string[] = [];

beforeAll(() => {
  workDir = makeTempDir('plugboard-pack');
  const { tarball, files } = packPlugboard(workDir);
  packedFiles = files;
  consumer = createConsumer(tarball, join(workDir, 'consumer'));
  cpSync(fixtures, consumer, { recursive: true });
}, timeout);

afterAll(() => {
  if (workDir !== undefined) rmSync(workDir, { recursive: true, force: true });
});

/** What test/fixtures/pack/consumer.{mjs,cjs} print after resolving their plugins. */
const resolvedByConsumer = {
  resolver: { class: 'DeepSpeedStrategy', options: { stage: 3, offloadOptimizer: true } },
  token: { class: 'DeepSpeedStrategy', options: { stage: 3, offloadOptimizer: true } },
  decorated: { class: 'DdpStrategy', options: { workers: 2 } },
};

/** Runs a consumer program with node and parses what it prints; a failure shows its stderr. */
function runConsumer(program: string): unknown {
  const result = run(process.execPath, [program], consumer);
  if (result.status !== 0) throw new Error(`node ${program} exited with ${String(result.status)}:\n${result.stderr}`);
  return JSON.parse(result.stdout);
}

/** The strings under the given keys of an object, however deeply nested (the targets of `exports`). */
function stringsIn(value: unknown, keys?: readonly string[]): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value)
    .filter(([key]) => keys === undefined || keys.includes(key))
    .flatMap(([, nested]) => stringsIn(nested));
}

/** The `file(line,col): TSnnnn` of every error in tsc's output. */
function compileErrors(output: string): string[] {
  return output.split('\n').flatMap((line) => {
    const match = /^(?:(\S.*\(\d+,\d+\)): )?error (TS\d+):/.exec(line);
    return match ? [`${match[1] ?? '(global)'}: ${match[2] ?? ''}`] : [];
  });
}

describe('the packed package', () => {
  it('ships the built entry point and its types, and no sources or tests', () => {
    expect(packedFiles).toEqual(expect.arrayContaining(['package.json', 'dist/index.js', 'dist/index.d.ts']));
    expect(packedFiles.filter((file) => /^(src|test)\//.test(file))).toEqual([]);
  });

  it('ships its LICENSE and no source maps (issue 13)', () => {
    expect(packedFiles).toContain('LICENSE');
    expect(packedFiles.filter((file) => file.endsWith('.map'))).toEqual([]);
  });

  it('takes inversify from the application, as a peer dependency (issue 13)', () => {
    const manifest = JSON.parse(readFileSync(join(consumer, 'node_modules', 'plugboard', 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      peerDependencies?: Record<string, string>;
    };

    expect(manifest.dependencies).not.toHaveProperty('inversify');
    expect(manifest.peerDependencies).toMatchObject({ inversify: '^8.0.0', 'reflect-metadata': '~0.2.2' });
  });

  it('installs its command as the built program itself, which starts with a shebang (issue 28)', () => {
    const installed = join(consumer, 'node_modules', 'plugboard');
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as {
      version: string;
      bin: { plugboard: string };
    };
    expect(manifest.bin).toEqual({ plugboard: 'dist/cli/main.js' });
    expect(readFileSync(join(installed, manifest.bin.plugboard), 'utf8').split('\n', 1)[0]).toBe('#!/usr/bin/env node');
    const version = run(process.execPath, [join(installed, manifest.bin.plugboard), '--version'], consumer);
    expect([version.status, version.stdout.trim()]).toEqual([0, manifest.version]);
    expect(packedFiles.filter((file) => file.startsWith('bin/'))).toEqual([]);
  });

  it('ships every file that package.json exports', () => {
    const manifest: unknown = JSON.parse(
      readFileSync(join(consumer, 'node_modules', 'plugboard', 'package.json'), 'utf8'),
    );
    const targets = stringsIn(manifest, ['exports', 'types', 'main', 'bin']).map((path) => path.replace(/^\.\//, ''));

    expect(targets).toContain('dist/index.js');
    expect(targets.filter((path) => !packedFiles.includes(path))).toEqual([]);
  });

  it(
    'registers and resolves plugins by alias from an ESM import',
    () => {
      expect(runConsumer('consumer.mjs')).toEqual(resolvedByConsumer);
    },
    timeout,
  );

  it(
    'registers and resolves plugins by alias from a CommonJS require()',
    () => {
      expect(runConsumer('consumer.cjs')).toEqual(resolvedByConsumer);
    },
    timeout,
  );

  it(
    'keeps one copy and the name of each class across its bundled entry points (issue 17)',
    () => {
      expect(runConsumer('entry-points.mjs')).toEqual({
        shared: [true, true, true],
        thrown: { isPluginError: true, isUnknown: true, name: 'UnknownPluginError' },
        names: ['PluginRegistry', 'PluginError', 'PluginResolver', 'PluginManifestError'],
        testing: 'function',
      });
    },
    timeout,
  );

  it('ships one rolled-up declaration file and one re-exporting .d.ts per entry point (issue 27)', () => {
    expect(packedFiles.filter((file) => file.endsWith('.d.ts')).sort()).toEqual([
      'dist/index.d.ts',
      'dist/plugboard.d.ts',
      'dist/registry.d.ts',
      'dist/testing.d.ts',
      'dist/tsyringe.d.ts',
    ]);
  });

  it('declares the public API only: no internal module or helper is exported (issue 27)', () => {
    const declarations = readFileSync(join(consumer, 'node_modules/plugboard/dist/plugboard.d.ts'), 'utf8');

    expect(declarations).not.toMatch(/from '\.\.?\//);
    expect(declarations).not.toMatch(/^export declare (?:function|class) (?:internals|RegistryCore|readOptions)\b/m);
  });

  for (const { packageName, version, tsc } of [typescript, typescript7]) {
    for (const [mode, project] of [
      ['standard', 'tsconfig.json'],
      ['legacy (experimentalDecorators)', 'tsconfig.legacy.json'],
    ] as const) {
      it(
        `type-checks a strict NodeNext consumer using ${mode} decorators with ${packageName} ${version}`,
        () => {
          const result = run(process.execPath, [tsc, '-p', project], consumer);

          expect(result.output).toBe('');
          expect(result.status).toBe(0);
        },
        timeout,
      );
    }
  }

  it(
    'rejects misuse of the API at compile time',
    () => {
      const result = run(process.execPath, [typescript.tsc, '-p', 'tsconfig.misuse.json'], consumer);

      expect(compileErrors(result.stdout)).toEqual([
        'misuse.ts(4,17): TS2769', // RegisterPlugin(42): neither an alias nor options
        'misuse.ts(8,41): TS2345', // register() without an alias
        'misuse.ts(11,4): TS1241', // @RegisterPlugin on a method
        'misuse.ts(15,14): TS2322', // resolve() of an undeclared alias is unknown, not any
      ]);
      expect(result.status).toBe(2);
    },
    timeout,
  );
});
