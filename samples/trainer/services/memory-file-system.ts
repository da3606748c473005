import type { FileSystem } from './file-system.js';

/**
 * A FileSystem in a Map, for tests: bind it in place of the real one (or override a format with it) and
 * read what the trainer wrote with `files`. Folders listed in `readOnly` refuse writes with EACCES.
 */
export class InMemoryFileSystem implements FileSystem {
  readonly files = new Map<string, Uint8Array>();
  readonly readOnly = new Set<string>();

  readFile(path: string): Promise<Uint8Array> {
    const data = this.files.get(path);
    if (!data)
      return Promise.reject(Object.assign(new Error(`ENOENT: no such file, open '${path}'`), { code: 'ENOENT' }));
    return Promise.resolve(data);
  }

  writeFile(path: string, data: string | Uint8Array): Promise<void> {
    return this.#write(path, () => (typeof data === 'string' ? new TextEncoder().encode(data) : data.slice()));
  }

  appendFile(path: string, data: string): Promise<void> {
    const before = this.files.get(path) ?? new Uint8Array();
    const added = new TextEncoder().encode(data);
    return this.#write(path, () => {
      const joined = new Uint8Array(before.length + added.length);
      joined.set(before);
      joined.set(added, before.length);
      return joined;
    });
  }

  assertWritable(directory: string): Promise<void> {
    return this.#denied(`${directory}/`) ?? Promise.resolve();
  }

  createFile(path: string): Promise<boolean> {
    if (this.files.has(path)) return Promise.resolve(false);
    return this.#write(path, () => new Uint8Array()).then(() => true);
  }

  remove(path: string): Promise<void> {
    this.files.delete(path);
    return Promise.resolve();
  }

  /** The text of a file written as UTF-8. */
  text(path: string): string | undefined {
    const data = this.files.get(path);
    return data && new TextDecoder().decode(data);
  }

  #write(path: string, bytes: () => Uint8Array): Promise<void> {
    const denied = this.#denied(path);
    if (denied) return denied;
    this.files.set(path, bytes());
    return Promise.resolve();
  }

  #denied(path: string): Promise<never> | undefined {
    const folder = [...this.readOnly].find((prefix) => path.startsWith(`${prefix}/`));
    if (folder === undefined) return undefined;
    return Promise.reject(Object.assign(new Error(`EACCES: permission denied, open '${path}'`), { code: 'EACCES' }));
  }
}
