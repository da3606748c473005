import { join } from 'node:path';
import { z } from 'zod';
import { PLUGIN_OPTIONS, RegisterPlugin, type SelectedPlugin, type SelectionView } from 'plugboard';
import type { LoggedMetrics, MetricsLogger } from './metrics-logger.js';
import { trainerRegistry } from '../registry.js';
import { FILE_SYSTEM, type FileSystem } from '../services/file-system.js';
import { claimVersionFile } from './version-file.js';

/** Options of jsonl_logger. */
export const jsonlLoggerOptions = z.object({
  /** The folder of the runs' `version_<n>/metrics.jsonl`. */
  dir: z.string().min(1).default('logs'),
});

/** Options of jsonl_logger, as a user writes them. */
export type JsonlLoggerOptions = z.input<typeof jsonlLoggerOptions>;

/**
 * Appends one JSON object per epoch to `<dir>/version_<n>/metrics.jsonl`, through the injected FileSystem; each
 * run (a resumed one too) gets the next free version.
 */
@RegisterPlugin({
  alias: 'jsonl_logger',
  kind: 'logger',
  registry: trainerRegistry,
  inject: [PLUGIN_OPTIONS, FILE_SYSTEM],
  schema: jsonlLoggerOptions,
  optionKeys: ['dir'],
  // Two of these writing into one folder would write one file: refused before anything is built.
  check: ({ self, ofKind }: SelectionView): string | undefined => {
    const dir = (plugin: SelectedPlugin): string => (plugin.options as JsonlLoggerOptions | undefined)?.dir ?? 'logs';
    const same = ofKind('logger').filter((p) => p.alias === 'jsonl_logger' && dir(p) === dir(self));
    // Reported once, on the second of them.
    return same.length > 1 && same[1] === self
      ? `${String(same.length)} jsonl_loggers would write the same files, ${join(dir(self), 'version_<n>', 'metrics.jsonl')}`
      : undefined;
  },
  description: 'Metrics as JSON lines, one object per epoch',
  recommendedWhen: 'another program reads the metrics (jq, a dashboard)',
})
export class JsonlLogger implements MetricsLogger {
  readonly outputDirectory: string;
  readonly #fs: FileSystem;
  #path: string | undefined;

  constructor(options: JsonlLoggerOptions, fs: FileSystem) {
    this.outputDirectory = jsonlLoggerOptions.parse(options).dir;
    this.#fs = fs;
  }

  /** `<dir>/version_<n>/metrics.jsonl` once this run claimed its version (at fit start). */
  get path(): string | undefined {
    return this.#path;
  }

  get label(): string {
    return `jsonl_logger (${this.#path ?? join(this.outputDirectory, 'version_<n>', 'metrics.jsonl')})`;
  }

  /** Claims the next free `version_<n>` folder: a new or resumed run never rewrites an earlier one's file. */
  async onFitStart(): Promise<void> {
    this.#path ??= await claimVersionFile(this.#fs, this.outputDirectory, 'metrics.jsonl');
  }

  async logMetrics(metrics: LoggedMetrics): Promise<void> {
    await this.onFitStart();
    await this.#fs.appendFile(this.#path ?? '', `${JSON.stringify(metrics)}\n`);
  }
}
