import { z } from 'zod';
import { PLUGIN_OPTIONS, RegisterPlugin } from 'plugboard';
import type { CheckpointIO } from './checkpoint-io.js';
import type { Checkpoint } from '../checkpoint/checkpoint.js';
import {
  decodeSpecialNumbers,
  encodeSpecialNumbers,
  joinCheckpoint,
  splitCheckpoint,
} from '../checkpoint/checkpoint-header.js';
import { trainerRegistry } from '../registry.js';
import { FILE_SYSTEM, type FileSystem } from '../services/file-system.js';

/** Options of the format, checked by plugboard when registered and when overridden. */
export const jsonCheckpointOptions = z.object({
  /** Indent the file for reading. Default false. */
  pretty: z.boolean().default(false),
});

/** Options of the format, as a user writes them. */
export type JsonCheckpointOptions = z.input<typeof jsonCheckpointOptions>;

/**
 * What every JSON checkpoint variant registers with: the schema checks options (plugboard lists every problem), and
 * the option keys let plugboard refuse an unknown key with a did-you-mean.
 */
const registration = {
  // The constructor's parameters, in order, as container tokens: no parameter decorators, no metadata.
  inject: [PLUGIN_OPTIONS, FILE_SYSTEM],
  kind: 'checkpoint_io',
  registry: trainerRegistry,
  schema: jsonCheckpointOptions,
  optionKeys: Object.keys(jsonCheckpointOptions.shape),
} as const;

/**
 * Checkpoints as one JSON document. Numbers are written in JavaScript's shortest round-trip form, so every
 * float64 reads back bit for bit and a resumed run continues exactly.
 */
@RegisterPlugin({
  alias: 'json',
  ...registration,
  description: 'Checkpoints as JSON: readable and exact, several times larger than binary',
  recommendedWhen: 'you want to inspect or diff checkpoints',
})
export class JsonCheckpointIO implements CheckpointIO {
  readonly label = 'json';
  readonly extension = '.json';
  readonly #pretty: boolean;

  readonly #fs: FileSystem;

  constructor(options: JsonCheckpointOptions, fs: FileSystem) {
    this.#fs = fs;
    this.#pretty = jsonCheckpointOptions.parse(options).pretty;
  }

  async save(checkpoint: Checkpoint, path: string): Promise<void> {
    const { header, vectors } = splitCheckpoint(checkpoint);
    const document = {
      ...header,
      parameters: Array.from(vectors.parameters),
      firstMoment: Array.from(vectors.firstMoment),
      secondMoment: Array.from(vectors.secondMoment),
    };
    await this.#fs.writeFile(path, `${JSON.stringify(document, encodeSpecialNumbers, this.#pretty ? 2 : undefined)}\n`);
  }

  async load(path: string): Promise<Checkpoint> {
    let document: unknown;
    try {
      document = JSON.parse(new TextDecoder().decode(await this.#fs.readFile(path)), decodeSpecialNumbers);
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
