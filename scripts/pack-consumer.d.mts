/** The plugboard repository. */
export const repoRoot: string;

/** Package names of the TypeScript compilers installed as dev dependencies. */
export const compilers: readonly string[];

export interface Compiler {
  readonly packageName: string;
  readonly version: string;
  /** Path of its `bin/tsc`; run it with `node`. */
  readonly tsc: string;
}

/** The compiler of one of the installed TypeScript packages, and its version. */
export function compiler(packageName: string): Compiler;

export interface PackedPackage {
  /** Path of the `.tgz`. */
  readonly tarball: string;
  /** The files in the tarball, relative to the package root (`dist/index.js`). */
  readonly files: readonly string[];
}

/** Runs `npm run build`, then `npm pack` into `destination` (once per jest run: see PLUGBOARD_TEST_PACK). */
export function packPlugboard(destination: string): PackedPackage;

export interface ConsumerOptions {
  /** The consumer's package.json `type`. Default `'module'`. */
  type?: 'module' | 'commonjs';
  /** Further packages of this repository to link into the consumer, such as `@types/node`. */
  tools?: readonly string[];
  /** Packages of this repository installed under another name: `{ inversify: 'inversify-8.0.0' }`. */
  substitutes?: Readonly<Record<string, string>>;
}

/** Makes `directory` a consumer project with the tarball installed (offline); returns `directory`. */
export function createConsumer(tarball: string, directory: string, options?: ConsumerOptions): string;

/** A new empty directory under the OS temp directory. */
export function makeTempDir(prefix: string): string;

export interface RunResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout and stderr together. */
  readonly output: string;
}

/** Runs a command to completion without throwing. */
export function run(command: string, args: readonly string[], cwd: string): RunResult;

/** `run`, asynchronously. */
export function runAsync(command: string, args: readonly string[], cwd: string): Promise<RunResult>;

/** Within one jest run, makes the folder `name` once with `make` and returns it to every caller; undefined outside one. */
export function oncePerRun(name: string, make: (folder: string) => void): string | undefined;
