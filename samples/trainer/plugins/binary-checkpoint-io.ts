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
import { crc32 } from '../checkpoint/crc32.js';
import { trainerRegistry } from '../registry.js';
import { FILE_SYSTEM, type FileSystem } from '../services/file-system.js';

const MAGIC = [0x50, 0x42, 0x43, 0x4b, 0x50, 0x54, 0x0a, 0x01]; // "PBCKPT\n" and format version 1
const VECTORS = ['parameters', 'firstMoment', 'secondMoment'] as const;

type VectorName = (typeof VECTORS)[number];
type Dtype = 'float32' | 'float64';

/** Options of the format, checked by plugboard when registered and when overridden. */
export const binaryCheckpointOptions = z.object({
  /** Store a vector as float32 when that is lossless (float32 master weights). Default true. */
  compact: z.boolean().default(true),
});

/** Options of the format, as a user writes them. */
export type BinaryCheckpointOptions = z.input<typeof binaryCheckpointOptions>;

/**
 * What every binary checkpoint variant registers with: the schema checks options (plugboard lists every problem), and
 * the option keys let plugboard refuse an unknown key with a did-you-mean.
 */
const registration = {
  // The constructor's parameters, in order, as container tokens: no parameter decorators, no metadata.
  inject: [PLUGIN_OPTIONS, FILE_SYSTEM],
  kind: 'checkpoint_io',
  registry: trainerRegistry,
  schema: binaryCheckpointOptions,
  optionKeys: Object.keys(binaryCheckpointOptions.shape),
} as const;

/**
 * Checkpoints in a compact binary file: magic bytes, a JSON header, the vectors as little-endian floats (as
 * float32 when every value is exactly a float32, which halves the file and loses nothing), and a CRC-32.
 *
 * Layout: magic (8) | header length (u32) | header (UTF-8 JSON) | padding to 8 | vectors | CRC-32 (u32).
 */
@RegisterPlugin({
  alias: 'binary',
  ...registration,
  description: 'Compact binary checkpoints with a CRC-32, lossless float32 packing',
  recommendedWhen: 'by default; large models or frequent checkpoints',
  recommend: () => 1,
})
export class BinaryCheckpointIO implements CheckpointIO {
  readonly label = 'binary';
  readonly extension = '.ckpt';
  readonly #compact: boolean;

  readonly #fs: FileSystem;

  constructor(options: BinaryCheckpointOptions, fs: FileSystem) {
    this.#fs = fs;
    this.#compact = binaryCheckpointOptions.parse(options).compact;
  }

  async save(checkpoint: Checkpoint, path: string): Promise<void> {
    await this.#fs.writeFile(path, this.encode(checkpoint));
  }

  async load(path: string): Promise<Checkpoint> {
    return this.decode(await this.#fs.readFile(path), path);
  }

  recognizes(head: Uint8Array): boolean {
    return MAGIC.every((byte, i) => head[i] === byte);
  }

  /** The bytes of `checkpoint` in this format. */
  encode(checkpoint: Checkpoint): Uint8Array {
    const { header, vectors } = splitCheckpoint(checkpoint);
    const dtypes = VECTORS.map((name): Dtype => (this.#compact && isFloat32(vectors[name]) ? 'float32' : 'float64'));
    const layout = VECTORS.map((name, i) => ({ name, length: vectors[name].length, dtype: dtypes[i] ?? 'float64' }));
    const headerBytes = new TextEncoder().encode(JSON.stringify({ ...header, vectors: layout }, encodeSpecialNumbers));
    const dataStart = align8(MAGIC.length + 4 + headerBytes.length);
    const dataLength = layout.reduce((sum, v) => sum + v.length * (v.dtype === 'float32' ? 4 : 8), 0);
    const bytes = new Uint8Array(dataStart + dataLength + 4);
    const view = new DataView(bytes.buffer);
    bytes.set(MAGIC, 0);
    view.setUint32(MAGIC.length, headerBytes.length, true);
    bytes.set(headerBytes, MAGIC.length + 4);
    let offset = dataStart;
    for (const { name, dtype } of layout) {
      for (const value of vectors[name]) {
        if (dtype === 'float32') view.setFloat32(offset, value, true);
        else view.setFloat64(offset, value, true);
        offset += dtype === 'float32' ? 4 : 8;
      }
    }
    view.setUint32(offset, crc32(bytes.subarray(0, offset)), true);
    return bytes;
  }

  /** The checkpoint in `bytes`; `source` names the file in errors. */
  decode(bytes: Uint8Array, source: string): Checkpoint {
    const fail = (problem: string): never => {
      throw new Error(`${source} is not a binary trainer checkpoint: ${problem}.`);
    };
    if (bytes.length < MAGIC.length + 8 || !this.recognizes(bytes)) fail('wrong magic bytes');
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const end = bytes.length - 4;
    if (crc32(bytes.subarray(0, end)) !== view.getUint32(end, true)) fail('CRC-32 mismatch (the file is damaged)');
    const headerLength = view.getUint32(MAGIC.length, true);
    const headerEnd = MAGIC.length + 4 + headerLength;
    if (headerEnd > end) fail('header runs past the end');
    let header: unknown;
    try {
      header = JSON.parse(new TextDecoder().decode(bytes.subarray(MAGIC.length + 4, headerEnd)), decodeSpecialNumbers);
    } catch {
      fail('header is not JSON');
    }
    const layout = readLayout(header) ?? fail('vector layout is malformed');
    let offset = align8(headerEnd);
    const vectors = {} as Record<VectorName, Float64Array>;
    for (const { name, length, dtype } of layout) {
      const size = dtype === 'float32' ? 4 : 8;
      if (offset + length * size > end) fail(`${name} runs past the end`);
      const values = new Float64Array(length);
      for (let i = 0; i < length; i++) {
        values[i] = dtype === 'float32' ? view.getFloat32(offset + i * 4, true) : view.getFloat64(offset + i * 8, true);
      }
      vectors[name] = values;
      offset += length * size;
    }
    return joinCheckpoint(header, vectors, source);
  }
}

function align8(offset: number): number {
  return Math.ceil(offset / 8) * 8;
}

function isFloat32(values: Float64Array): boolean {
  return values.every((value) => Math.fround(value) === value || Number.isNaN(value));
}

function readLayout(header: unknown): { name: VectorName; length: number; dtype: Dtype }[] | undefined {
  const vectors = typeof header === 'object' && header !== null ? (header as { vectors?: unknown }).vectors : undefined;
  if (!Array.isArray(vectors) || vectors.length !== VECTORS.length) return undefined;
  const layout: { name: VectorName; length: number; dtype: Dtype }[] = [];
  for (const [i, item] of vectors.entries()) {
    const { name, length, dtype } = (item ?? {}) as { name?: unknown; length?: unknown; dtype?: unknown };
    const expected = VECTORS[i];
    if (
      expected === undefined ||
      name !== expected ||
      typeof length !== 'number' ||
      !Number.isInteger(length) ||
      length < 0
    )
      return undefined;
    if (dtype !== 'float32' && dtype !== 'float64') return undefined;
    layout.push({ name: expected, length, dtype });
  }
  return layout;
}
