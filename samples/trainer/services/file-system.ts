import { access, constants, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
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
}

/** The container token of the FileSystem. */
export const FILE_SYSTEM: ServiceIdentifier<FileSystem> = Symbol.for('plugboard.samples.trainer.FileSystem');

/** The real file system (node:fs). Writes go through a temporary file and a rename. */
export const nodeFileSystem: FileSystem = {
  async readFile(path) {
    return new Uint8Array(await readFile(path));
  },
  async writeFile(path, data) {
    await mkdir(dirname(path), { recursive: true });
    const temporary = `${path}.${String(process.pid)}.tmp`;
    await writeFile(temporary, data);
    await rename(temporary, path);
  },
  async appendFile(path, data) {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, data, { flag: 'a' });
  },
  async assertWritable(directory) {
    await mkdir(directory, { recursive: true });
    await access(directory, constants.W_OK);
    // access() trusts mode bits; a probe file also catches read-only mounts and ACLs.
    const probe = join(directory, `.trainer-probe-${String(process.pid)}`);
    await writeFile(probe, '');
    await rm(probe, { force: true });
  },
};
