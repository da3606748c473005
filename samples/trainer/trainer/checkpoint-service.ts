import { join } from 'node:path';
import { inject, injectable } from 'inversify';
import { PluginResolver, type PluginRegistry } from 'plugboard';
import { SELECTED } from './plugin-tokens.js';
import { TRAINER_REGISTRY } from './trainer-tokens.js';
import type { Checkpoint } from '../checkpoint/checkpoint.js';
import { readCheckpoint } from '../checkpoint/read-checkpoint.js';
import { isCheckpointIO, type CheckpointIO } from '../plugins/checkpoint-io.js';
import { FILE_SYSTEM, type FileSystem } from '../services/file-system.js';

/**
 * Saves checkpoints in the selected format and reads them in whichever registered format they are in. The
 * trainer and the model_checkpoint callback share the one the container makes.
 */
@injectable()
export class CheckpointService {
  readonly format: CheckpointIO;
  readonly #fs: FileSystem;
  readonly #resolver: PluginResolver;
  readonly #registry: PluginRegistry;

  constructor(
    @inject(SELECTED.checkpointIO) format: CheckpointIO,
    @inject(FILE_SYSTEM) fs: FileSystem,
    @inject(PluginResolver) resolver: PluginResolver,
    @inject(TRAINER_REGISTRY) registry: PluginRegistry,
  ) {
    [this.format, this.#fs, this.#resolver, this.#registry] = [format, fs, resolver, registry];
  }

  /** Writes `checkpoint` as `<directory>/<name><extension>` and returns the path. */
  async save(directory: string, name: string, checkpoint: Checkpoint): Promise<string> {
    const path = join(directory, `${name}${this.format.extension}`);
    await this.format.save(checkpoint, path);
    return path;
  }

  /**
   * Reads a checkpoint in whichever registered format it is: the selected one if it recognizes the file,
   * otherwise the first checkpoint_io plugin of the registry that does.
   */
  load(path: string): Promise<Checkpoint> {
    const others = (): CheckpointIO[] =>
      this.#registry
        .list({ kind: 'checkpoint_io' })
        .map((entry) => this.#resolver.resolve(entry.alias))
        .filter(isCheckpointIO);
    const formats = this.#registry.availablePlugins({ kind: 'checkpoint_io' });
    return readCheckpoint(this.#fs, path, this.format, others, formats);
  }
}
