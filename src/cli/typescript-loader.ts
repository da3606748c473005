import { createRequire, fs } from '../internal/builtins.js';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CommandUsageError } from './command-usage-error.js';

let registered = false;

/** True if a path or glob pattern names TypeScript files: `a.ts`, `*.mts`, `*.{js,ts}`. */
export function namesTypeScript(pattern: string): boolean {
  return /\.[cm]?tsx?$|[{,][cm]?tsx?[,}]/.test(pattern);
}

/**
 * Makes `import()` of `.ts` files work for the rest of the process: registers tsx as a loader (its public
 * `tsx/esm/api` `register()`) when the project in `cwd` has tsx installed. Does nothing if a loader already runs
 * (`node --import tsx ...`). Throws CommandUsageError, one line that says how to run it, if tsx is not installed.
 */
export async function useTypeScriptLoader(cwd: string, what: string, tsconfig: string | undefined): Promise<void> {
  if (registered || loaderInUse()) return;
  let api: string;
  try {
    api = resolveImport(cwd, 'tsx', './esm/api');
  } catch {
    throw new CommandUsageError(
      `${what} is TypeScript, which plugboard loads with tsx: install it in this project (npm install --save-dev tsx), ` +
        'or run the command with a loader of your own: node --import <loader> node_modules/plugboard/bin/plugboard.js ...',
      what,
    );
  }
  const tsx = (await import(pathToFileURL(api).href)) as {
    register: (options?: { tsconfig?: string }) => unknown;
  };
  tsx.register(tsconfig === undefined ? {} : { tsconfig: path.resolve(cwd, tsconfig) });
  registered = true;
}

/**
 * The file `import 'name/subpath'` loads for a module in `cwd`: the package found as `require` finds it, and the
 * `import` condition of its `exports` (require.resolve would give the CommonJS one). Throws if it is not installed.
 */
function resolveImport(cwd: string, name: string, subpath: string): string {
  const manifestFile = createRequire(path.join(cwd, 'package.json')).resolve(`${name}/package.json`);
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as { exports?: Record<string, unknown> };
  let target: unknown = manifest.exports?.[subpath];
  while (typeof target === 'object' && target !== null) {
    const conditions = target as Record<string, unknown>;
    target = conditions.import ?? conditions.default;
  }
  if (typeof target !== 'string') throw new Error(`${name} has no ${subpath} export`);
  return path.resolve(path.dirname(manifestFile), target);
}

/** True if the process was started with a TypeScript loader (`--import tsx`, `--loader ts-node/esm`, ...). */
function loaderInUse(): boolean {
  const flags = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].join(' ');
  return /(?:--import|--loader|--experimental-loader|--require|-r)[= ]\S*(?:tsx|ts-node)/.test(flags);
}
