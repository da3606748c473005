import { readFile } from 'node:fs/promises';
import { RegisterPlugin } from 'plugboard';
import type { CheckpointIO } from './checkpoint-io.js';
import { OptionsReader } from './options-reader.js';
import type { Checkpoint } from '../checkpoint/checkpoint.js';
import {
  decodeSpecialNumbers,
  encodeSpecialNumbers,
  joinCheckpoint,
  splitCheckpoint,
} from '../checkpoint/checkpoint-header.js';
import { writeFileAtomic } from '../checkpoint/write-file-atomic.js';
import { trainerRegistry } from '../registry.js';

/** Options of the JSON checkpoint format. */
export interface JsonCheckpointOptions {
  /** Indent the file for reading. Default false. */
  readonly pretty?: boolean;
}

/**
 * Checkpoints as one JSON document. Numbers are written in JavaScript's shortest round-trip form, so every
 * float64 reads back bit for bit and a resumed run continues exactly.
 */
@RegisterPlugin({
  alias: 'json',
  kind: 'checkpoint_io',
  registry: trainerRegistry,
  description: 'Checkpoints as JSON: readable and exact, several times larger than binary',
  recommendedWhen: 'you want to inspect or diff checkpoints',
})
export class JsonCheckpointIO implements CheckpointIO {
  readonly label = 'json';
  readonly extension = '.json';
  readonly #pretty: boolean;

  constructor(options: JsonCheckpointOptions = {}) {
    const reader = new OptionsReader(options);
    this.#pretty = reader.boolean('pretty', false);
    reader.done();
  }

  async save(checkpoint: Checkpoint, path: string): Promise<void> {
    const { header, vectors } = splitCheckpoint(checkpoint);
    const document = {
      ...header,
      parameters: Array.from(vectors.parameters),
      firstMoment: Array.from(vectors.firstMoment),
      secondMoment: Array.from(vectors.secondMoment),
    };
    await writeFileAtomic(path, `${JSON.stringify(document, encodeSpecialNumbers, this.#pretty ? 2 : undefined)}\n`);
  }

  async load(path: string): Promise<Checkpoint> {
    let document: unknown;
    try {
      document = JSON.parse(await readFile(path, 'utf8'), decodeSpecialNumbers);
    } catch (error) {
      if (error instanceof SyntaxError)
        throw new Error(`${path} is not a JSON checkpoint: ${error.message}`, { cause: error });
      throw error;
    }
    const record = typeof document === 'object' && document !== null ? (document as Record<string, unknown>) : {};
    const vector = (key: string): Float64Array => {
      const values = record[key];
      if (!Array.isArray(values) || !values.every((value) => typeof value === 'number')) {
        throw new Error(`${path} is not a trainer checkpoint: ${key} is not an array of numbers.`);
      }
      return Float64Array.from(values);
    };
    const vectors = {
      parameters: vector('parameters'),
      firstMoment: vector('firstMoment'),
      secondMoment: vector('secondMoment'),
    };
    return joinCheckpoint(document, vectors, path);
  }

  recognizes(head: Uint8Array): boolean {
    const text = new TextDecoder().decode(head).trimStart();
    return text.startsWith('{');
  }
}
