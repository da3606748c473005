import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { repoRoot, runAsync } from '../../scripts/pack-consumer.mjs';

// GitHub issue 7: the packed package works with TypeScript 5.2, 6.0 and 7.0, both decorator modes, ESM and CommonJS.
// Issue 13: and with the lowest and highest inversify 8 of its peer range as the application's own copy, and
// docs/setup.md's Node 20 setup (tsconfig target, jest, vitest) works as that page says.
const script = join(repoRoot, 'scripts', 'compat-matrix.mjs');

/** `TypeScript major.minor, decorators, module: result` for every cell; n/a cells are what TypeScript 5.2 cannot do. */
const expectedCells = [
  '5.2 standard esm: ok',
  '5.2 standard cjs: n/a',
  '5.2 experimentalDecorators esm: ok',
  '5.2 experimentalDecorators cjs: n/a',
  '6.0 standard esm: ok',
  '6.0 standard cjs: ok',
  '6.0 experimentalDecorators esm: ok',
  '6.0 experimentalDecorators cjs: ok',
  '7.0 standard esm: ok',
  '7.0 standard cjs: ok',
  '7.0 experimentalDecorators esm: ok',
  '7.0 experimentalDecorators cjs: ok',
];

/** The cells of the printed table, in the form of `expectedCells`. */
function cellsOf(output: string): string[] {
  return output.split('\n').flatMap((line) => {
    const match = /^(\d+\.\d+)\.\S+\s+(\S+)\s+(\S+)\s+(\S+)/.exec(line);
    return match ? [`${match[1] ?? ''} ${match[2] ?? ''} ${match[3] ?? ''}: ${match[4] ?? ''}`] : [];
  });
}

/** The rows of the inversify table: `version: result`. */
function inversifyRowsOf(output: string): string[] {
  return output.split('\n').flatMap((line) => {
    const match = /^(8\.\d+\.\d+)\s+\d+\.\d+\.\S+\s+(\S+)$/.exec(line);
    return match ? [`inversify ${match[1] ?? ''}: ${match[2] ?? ''}`] : [];
  });
}

describe('scripts/compat-matrix.mjs', () => {
  it('builds, compiles and runs every TypeScript x decorators x module cell', async () => {
    const result = await runAsync(process.execPath, [script], repoRoot);
    if (result.status !== 0) throw new Error(`compat-matrix exited with ${String(result.status)}:\n${result.output}`);

    expect(cellsOf(result.stdout)).toEqual(expectedCells);
    expect(result.stdout).toContain('peer range ^8.0.0');
    expect(inversifyRowsOf(result.stdout)).toEqual([
      'inversify 8.0.0: ok',
      'inversify 8.1.3: ok',
      'inversify 8.2.3: ok',
    ]);
    // docs/setup.md: what it says works, and what it says fails without its settings.
    expect(result.stdout).toMatch(/^vitest \S+\s+ok\s+without oxc\.decorator\.legacy: SyntaxError/m);
    expect(result.stdout).toMatch(/^jest \S+\s+ok\s+without --experimental-vm-modules: Must use import/m);
    expect(result.stdout).toMatch(/^tsc \S+, target ES2022\s+ok\s+with target ESNext: SyntaxError/m);
  }, 300_000);
});
