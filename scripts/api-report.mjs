// Checks the published types against the committed API reports in api/ (one per package entry point), so
// that a change to the public API shows as a diff in review. `npm run api:check` fails when a report is
// out of date; `npm run api:update` rewrites the reports after an intended change.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CompilerState, Extractor, ExtractorConfig } from '@microsoft/api-extractor';
import { extractorCompilerOptions, extractorMessages } from './extractor-settings.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const update = process.argv.includes('--update');
const declarations = path.join(root, '.tmp', 'api-types');
const entries = {
  plugboard: 'index',
  'plugboard-registry': 'registry',
  'plugboard-testing': 'testing',
  'plugboard-tsyringe': 'tsyringe',
};

rmSync(declarations, { recursive: true, force: true });
// The .d.ts files `npm run build` publishes, without the JavaScript.
execFileSync(
  process.execPath,
  [
    path.join(root, 'node_modules/typescript/bin/tsc'),
    ...['-p', path.join(root, 'tsconfig.build.json'), '--emitDeclarationOnly', '--sourceMap', 'false'],
    ...['--inlineSources', 'false', '--declarationMap', 'false', '--outDir', declarations],
  ],
  { stdio: 'inherit' },
);

/** API Extractor's settings for the report of one entry point. */
function configOf(name, entry) {
  return ExtractorConfig.prepare({
    packageJsonFullPath: path.join(root, 'package.json'),
    configObjectFullPath: path.join(root, 'api', 'api-extractor.json'),
    configObject: {
      projectFolder: root,
      mainEntryPointFilePath: path.join(declarations, `${entry}.d.ts`),
      compiler: {
        overrideTsconfig: {
          compilerOptions: extractorCompilerOptions,
          files: [path.join(declarations, `${entry}.d.ts`)],
        },
      },
      apiReport: {
        enabled: true,
        reportFileName: `${name}.api.md`,
        reportFolder: path.join(root, 'api'),
        reportTempFolder: path.join(root, '.tmp', 'api-reports'),
      },
      docModel: { enabled: false },
      dtsRollup: { enabled: false },
      tsdocMetadata: { enabled: false },
      messages: extractorMessages,
    },
  });
}

const configs = Object.entries(entries).map(([name, entry]) => [name, configOf(name, entry)]);
// One TypeScript program for the four reports (API Extractor's documented way to run it on several entry points):
// each report made its own, and reading the declarations was most of this phase's time.
const compilerState = CompilerState.create(configs[0][1], {
  additionalEntryPoints: configs.map(([, config]) => config.mainEntryPointFilePath),
});
let failed = false;
for (const [name, config] of configs) {
  const result = Extractor.invoke(config, { localBuild: update, showVerboseMessages: false, compilerState });
  if (!result.succeeded) {
    failed = true;
    console.error(
      update
        ? `${name}: API Extractor reported ${String(result.errorCount)} error(s).`
        : `${name}: the public API changed. Review the diff, then run \`npm run api:update\` and commit api/${name}.api.md.`,
    );
  }
}
process.exitCode = failed ? 1 : 0;
