import { z } from 'zod';
import { PLUGIN_OPTIONS, RegisterPlugin } from 'plugboard';
import type { Callback, EpochContext } from './callback.js';
import { improves, monitoredMetric } from './monitored-metric.js';
import type { Stateful } from './stateful.js';
import { trainerRegistry } from '../registry.js';
import { FILE_SYSTEM, type FileSystem } from '../services/file-system.js';
import { CheckpointService } from '../trainer/checkpoint-service.js';

/** The placeholders a filename template may use: `{epoch}`, `{step}`, a monitored metric; `:.Nf` sets decimals. */
const placeholder = /\{([a-z_]+)(?::\.(\d)f)?\}/g;
const placeholderNames = ['epoch', 'step', ...monitoredMetric.options];

/** Options of model_checkpoint (Lightning's ModelCheckpoint: dirpath, monitor, save_top_k, every_n_epochs, filename). */
export const modelCheckpointOptions = z
  .object({
    /** The folder of the saved checkpoints. */
    dir: z.string().min(1).default('checkpoints'),
    monitor: monitoredMetric.default('val_loss'),
    /** Keep the best k checkpoints by `monitor` (files that drop out are removed); -1 keeps every one, 0 none. */
    saveTopK: z.int().min(-1).default(1),
    /** Consider saving every n epochs. */
    everyNEpochs: z.int().min(1).default(1),
    /** The file name without extension: `{epoch}` gives `epoch=3`, `{val_loss:.2f}` gives `val_loss=0.41`. */
    filename: z
      .string()
      .min(1)
      .regex(/^[^/\\]+$/, 'a file name, without folders')
      .default('{epoch}-{step}'),
  })
  .refine((o) => [...o.filename.matchAll(placeholder)].every((m) => placeholderNames.includes(m[1] ?? '')), {
    error: `filename may use {epoch}, {step} and ${monitoredMetric.options.map((m) => `{${m}}`).join(', ')}`,
    path: ['filename'],
  })
  .refine((o) => o.saveTopK === 1 || /\{(epoch|step)[}:]/.test(o.filename), {
    error: 'filename needs {epoch} or {step} when saveTopK is not 1, or the saved checkpoints overwrite each other',
    path: ['filename'],
  });

/** Options of model_checkpoint, as a user writes them. */
export type ModelCheckpointOptions = z.input<typeof modelCheckpointOptions>;

/** One checkpoint model_checkpoint keeps. */
interface Kept {
  readonly score: number;
  readonly epoch: number;
  readonly path: string;
}

/**
 * Saves the best `saveTopK` checkpoints by a monitored metric (Lightning ModelCheckpoint) into `dir`, named by a
 * template, in the selected checkpoint format, through the CheckpointService the container injects; files that
 * drop out of the top k are removed. What it keeps is saved in every checkpoint, so a resumed run goes on
 * comparing with the same best values.
 */
@RegisterPlugin({
  alias: 'model_checkpoint',
  kind: 'callback',
  registry: trainerRegistry,
  inject: [PLUGIN_OPTIONS, CheckpointService, FILE_SYSTEM],
  // Saves after early_stopping has decided, so the checkpoint holds its state for this epoch.
  after: ['early_stopping'],
  schema: modelCheckpointOptions,
  optionKeys: ['dir', 'monitor', 'saveTopK', 'everyNEpochs', 'filename'],
  description: 'Save the best checkpoints by a monitored metric',
  recommendedWhen: 'you want the best epochs, not the last',
})
export class ModelCheckpoint implements Callback, Stateful {
  readonly label: string;
  readonly outputDirectory: string;
  readonly stateKey: string;
  readonly stateVersion = 1;
  readonly #options: z.output<typeof modelCheckpointOptions>;
  readonly #checkpoints: CheckpointService;
  readonly #fs: FileSystem;
  /** Best first. */
  #kept: Kept[] = [];

  constructor(options: ModelCheckpointOptions, checkpoints: CheckpointService, fs: FileSystem) {
    this.#options = modelCheckpointOptions.parse(options);
    const { dir, monitor, saveTopK } = this.#options;
    [this.outputDirectory, this.#checkpoints, this.#fs] = [dir, checkpoints, fs];
    const top = saveTopK === -1 ? 'every' : `top ${String(saveTopK)}`;
    this.label = `model_checkpoint (${dir}, ${top} by ${monitor})`;
    this.stateKey = `model_checkpoint(${dir}, ${monitor})`;
  }

  /** The paths of the checkpoints kept, best first. */
  get bestPaths(): readonly string[] {
    return this.#kept.map((kept) => kept.path);
  }

  async onEpochEnd(context: EpochContext): Promise<void> {
    const { monitor, saveTopK, everyNEpochs } = this.#options;
    const value = context.metrics[monitor];
    if (value === undefined || saveTopK === 0 || context.epoch % everyNEpochs !== 0) return;
    const worst = this.#kept.at(-1);
    const full = saveTopK !== -1 && this.#kept.length >= saveTopK;
    if (full && !improves(monitor, value, worst?.score)) return;
    const name = this.#name(context);
    const path = await this.#checkpoints.save(this.outputDirectory, name, await context.checkpoint());
    const better = (a: Kept, b: Kept): number => (improves(monitor, a.score, b.score) ? -1 : 1);
    this.#kept = [...this.#kept.filter((kept) => kept.path !== path), { score: value, epoch: context.epoch, path }];
    this.#kept.sort(better);
    const dropped = saveTopK === -1 ? [] : this.#kept.splice(saveTopK);
    for (const kept of dropped) await this.#fs.remove(kept.path);
  }

  stateDict(): { kept: Kept[] } {
    return { kept: this.#kept.map((kept) => ({ ...kept })) };
  }

  loadStateDict(state: unknown, version: number): void {
    if (version !== this.stateVersion) {
      throw new Error(`model_checkpoint reads state version ${String(this.stateVersion)}, got ${String(version)}`);
    }
    const kept = (state as { kept?: unknown } | null)?.kept;
    const valid = (item: unknown): item is Kept =>
      typeof item === 'object' &&
      item !== null &&
      typeof (item as Kept).score === 'number' &&
      typeof (item as Kept).epoch === 'number' &&
      typeof (item as Kept).path === 'string';
    if (!Array.isArray(kept) || !kept.every(valid)) {
      throw new Error('model_checkpoint state needs { kept: [{ score, epoch, path }] }');
    }
    this.#kept = kept.map(({ score, epoch, path }) => ({ score, epoch, path }));
  }

  #name(context: EpochContext): string {
    const values: Record<string, number> = { ...context.metrics, epoch: context.epoch, step: context.globalStep };
    return this.#options.filename.replace(placeholder, (_, key: string, decimals: string | undefined) => {
      const value = values[key] ?? NaN;
      const text = key === 'epoch' || key === 'step' ? String(value) : value.toFixed(Number(decimals ?? 4));
      return `${key}=${text}`;
    });
  }
}
