// The published types: API Extractor's rollup of tsc's declarations (scripts/build.mjs). Every entry point's
// public declarations go into one dist/plugboard.d.ts, each declared once, and dist/<entry>.d.ts re-exports the
// names that entry point exports, so that `plugboard` and `plugboard/registry` name the same PluginRegistry.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor';
import { extractorCompilerOptions, extractorMessages } from './extractor-settings.mjs';
import ts from 'typescript';

const root = fileURLToPath(new URL('..', import.meta.url));
/** The entry points whose declarations are published (the command, cli/main, has none). */
export const typedEntries = ['index', 'registry', 'testing', 'tsyringe'];

/**
 * Rolls up the declarations tsc wrote into `declarations` (the layout of src/) into `outdir`; false if API
 * Extractor reported errors.
 * @param {string} declarations
 * @param {string} outdir
 */
export function rollUpDeclarations(declarations, outdir) {
  const all = path.join(declarations, 'plugboard-all.d.ts');
  writeFileSync(all, typedEntries.map((entry) => `export * from './${entry}.js';\n`).join(''));
  const config = ExtractorConfig.prepare({
    packageJsonFullPath: path.join(root, 'package.json'),
    configObjectFullPath: path.join(root, 'api', 'api-extractor.json'),
    configObject: {
      projectFolder: root,
      mainEntryPointFilePath: all,
      compiler: {
        overrideTsconfig: {
          compilerOptions: extractorCompilerOptions,
          files: [all],
        },
      },
      apiReport: { enabled: false },
      docModel: { enabled: false },
      dtsRollup: { enabled: true, untrimmedFilePath: path.join(outdir, 'plugboard.d.ts') },
      tsdocMetadata: { enabled: false },
      messages: extractorMessages,
    },
  });
  const result = Extractor.invoke(config, {
    localBuild: true,
    showVerboseMessages: false,
    // Its notes ("Analysis will use the bundled TypeScript version") would land in the command's output when
    // scripts/plugboard-dev.mjs builds a checkout; warnings and errors still print.
    messageCallback: (message) => {
      if (message.logLevel === 'info' || message.logLevel === 'verbose') message.handled = true;
    },
  });
  if (!result.succeeded) {
    console.error(`build: API Extractor reported ${String(result.errorCount)} error(s) rolling up the declarations.`);
    return false;
  }
  const program = ts.createProgram(
    typedEntries.map((entry) => path.join(declarations, `${entry}.d.ts`)),
    { lib: ['lib.es2023.d.ts', 'lib.esnext.disposable.d.ts'], types: ['node'], skipLibCheck: true, noEmit: true },
  );
  const checker = program.getTypeChecker();
  for (const entry of typedEntries) {
    const source = program.getSourceFile(path.join(declarations, `${entry}.d.ts`));
    const symbol = source && checker.getSymbolAtLocation(source);
    if (!symbol) throw new Error(`build: no declarations for entry point ${entry}`);
    const names = checker
      .getExportsOfModule(symbol)
      .map((exported) => exported.getName())
      .sort();
    const text = `export {\n${names.map((name) => `  ${name},`).join('\n')}\n} from './plugboard.js';\n`;
    writeFileSync(path.join(outdir, `${entry}.d.ts`), text);
  }
  return true;
}
