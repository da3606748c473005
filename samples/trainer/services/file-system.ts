import { access, constants, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { ServiceIdentifier } from 'inversify';

/** What the trainer's checkpoint formats, loggers and reports write through. Tests bind an in-memory one. */
export interface FileSystem {
  readFile(path: string): Promise<Uint8Array>;
  /** Writes `data` to `path`, creating its folder; a reader never sees half a file. */
  writeFile(path: string, data: string | Uint8Array): Promise<void>;
  /** Appends to `path`, creating the file and its folder. */
  appendFile(path: string, data: string): Promise<void>;
  /** Throws, with the system's reason, if files cannot be created in `directory` (creating it if needed). */
  assertWritable(directory: string): Promise<void>;
  /** Creates an empty file at `path` (and its folder) unless one exists: true if this call created it. */
  createFile(path: string): Promise<boolean>;
  /** Removes the file at `path`; nothing if there is none. */
  remove(path: string): Promise<void>;
}

/** The container token of the FileSystem. */
export const FILE_SYSTEM: ServiceIdentifier<FileSystem> = Symbol.for('plugboard.samples.trainer.FileSystem');

/** The real file system (node:fs). Writes go through a temporary file and a rename. */
export const nodeFileSystem: FileSystem = {
  async readFile(path) {
    return new Uint8Array(await readFile(path));
  },
  async writeFile(path, data) {
    await makeDirectory(dirname(path));
    const temporary = `${path}.${String(process.pid)}.tmp`;
    await writeFile(temporary, data);
    await rename(temporary, path);
  },
  async appendFile(path, data) {
    await makeDirectory(dirname(path));
    await writeFile(path, data, { flag: 'a' });
  },
  async assertWritable(directory) {
    await makeDirectory(directory);
    await access(directory, constants.W_OK);
    // access() trusts mode bits; a probe file also catches read-only mounts and ACLs.
    const probe = join(directory, `.trainer-probe-${String(process.pid)}`);
    await writeFile(probe, '');
    await rm(probe, { force: true });
  },
  async createFile(path) {
    await makeDirectory(dirname(path));
    try {
      await writeFile(path, '', { flag: 'wx' });
      return true;
    } catch (error) {
      if ((error as { code?: unknown }).code === 'EEXIST') return false;
      throw error;
    }
  },
  async remove(path) {
    await rm(path, { force: true });
  },
};

/**
 * Creates `directory` and its missing parents, one level at a time. Node's `mkdir(..., { recursive: true })`
 * never settles under a folder that refuses new entries with ENOENT, such as `/proc`; this fails with the
 * system's error after at most one attempt per level.
 */
async function makeDirectory(directory: string): Promise<void> {
  const missing: string[] = [];
  for (let path = resolve(directory); ; path = dirname(path)) {
    try {
      if ((await stat(path)).isDirectory()) break;
      throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${path}'`), { code: 'ENOTDIR' });
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'ENOENT' || dirname(path) === path) throw error;
      missing.unshift(path);
    }
  }
  for (const path of missing) {
    try {
      await mkdir(path);
    } catch (error) {
      // Another writer may have made it meanwhile.
      if ((error as { code?: unknown }).code !== 'EEXIST') throw error;
    }
  }
}
