import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PluginRegistry } from 'plugboard';

/**
 * Plugin modules on disk for the discovery tests. jest imports them into the test's own context, where they find
 * the test's registry on `globalThis.plugboardTestRegistry` (a temp folder cannot resolve 'plugboard'; the
 * end-to-end tests in test/cli use real `import { registerPlugin } from 'plugboard'` modules).
 */
const globals = globalThis as { plugboardTestRegistry?: PluginRegistry; plugboardImported?: string[] };
const made: string[] = [];

/** A fresh registry that the fixture modules register into (and forgets which modules were imported). */
export function useTestRegistry(options?: ConstructorParameters<typeof PluginRegistry>[0]): PluginRegistry {
  globals.plugboardTestRegistry = new PluginRegistry(options);
  globals.plugboardImported = [];
  return globals.plugboardTestRegistry;
}

/** The classes of the fixture modules imported since `useTestRegistry`, in order. */
export function importedModules(): readonly string[] {
  return globals.plugboardImported ?? [];
}

/** A new empty folder under the system's temp folder (symlinks resolved), removed by `removeTempDirs`. */
export function tempDir(): string {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'plugboard-discovery-')));
  made.push(dir);
  writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Writes `files` (path relative to `root` -> content), making folders as needed. */
export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }
}

/** An ES module that exports `className` and registers it under each registration (JavaScript object literals). */
export function pluginModule(className: string, ...registrations: string[]): string {
  return [
    'const registry = globalThis.plugboardTestRegistry;',
    `globalThis.plugboardImported?.push(${JSON.stringify(className)});`,
    `export class ${className} { constructor(options) { this.options = options; } }`,
    ...registrations.map((options) => `registry.register(${className}, ${options});`),
    '',
  ].join('\n');
}

/** The same as a CommonJS module, which jest can also load synchronously (as `loadManifest` does). */
export function commonJsPluginModule(className: string, ...registrations: string[]): string {
  return [
    'const registry = globalThis.plugboardTestRegistry;',
    `globalThis.plugboardImported?.push(${JSON.stringify(className)});`,
    `class ${className} { constructor(options) { this.options = options; } }`,
    ...registrations.map((options) => `registry.register(${className}, ${options});`),
    `module.exports = { ${className} };`,
    '',
  ].join('\n');
}
