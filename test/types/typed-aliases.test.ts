// Type-level behaviour, checked with the TypeScript compiler API: each fixture is its own program, because
// declaring PluginTypes (declaration merging) changes the types of every file in a program.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixture = (name: string) => `${root}test/fixtures/types/${name}`;

type Diagnostic = { file: string; line: number; message: string };

/** Compiles `files` as one program and returns their diagnostics. */
function compile(...files: string[]): Diagnostic[] {
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    skipLibCheck: true,
    types: ['node'],
    paths: { plugboard: [`${root}src/index.ts`], 'plugboard/*': [`${root}src/*.ts`] },
  };
  const program = ts.createProgram(files, options);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((diagnostic) => files.includes(diagnostic.file?.fileName ?? ''))
    .map((diagnostic) => ({
      file: diagnostic.file?.fileName ?? '',
      line: diagnostic.file?.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line ?? -1,
      message: ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'),
    }));
}

/** The lines after each `// expect-error: message` comment, with the message expected there. */
function expectations(file: string): { line: number; message: string }[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((text, index) => {
      const match = /\/\/ expect-error: (.+)$/.exec(text);
      return match?.[1] ? [{ line: index + 1, message: match[1] }] : [];
    });
}

describe('type-safe aliases', () => {
  // Both typed fixtures declare the same PluginTypes, so they share one (slow to build) program.
  const positive = fixture('typed-positive.ts');
  const negative = fixture('typed-negative.ts');
  const typed = compile(positive, negative);

  it('type a declared alias, its overrides and its test replacements', () => {
    expect(typed.filter((d) => d.file === positive)).toEqual([]);
  });

  it('reject a mistyped alias listing the valid ones, and wrong options or result types', () => {
    const file = negative;
    const found = typed.filter((d) => d.file === negative);

    for (const { line, message } of expectations(file)) {
      expect(found.filter((d) => d.line === line).map((d) => d.message)).toEqual([expect.stringContaining(message)]);
    }
    expect(found).toHaveLength(expectations(file).length);
  });

  it('stay out of the way when no PluginTypes are declared', () => {
    expect(compile(fixture('untyped.ts'))).toEqual([]);
  });
});
