import { join } from 'node:path';
import { z } from 'zod';
import { PLUGIN_OPTIONS, RegisterPlugin, type SelectedPlugin, type SelectionView } from 'plugboard';
import type { LoggedMetrics, MetricsLogger } from './metrics-logger.js';
import { trainerRegistry } from '../registry.js';
import { FILE_SYSTEM, type FileSystem } from '../services/file-system.js';
import { claimVersionFile } from './version-file.js';

/** Options of csv_logger. */
export const csvLoggerOptions = z.object({
  /** The folder of the runs' `version_<n>/metrics.csv`. */
  dir: z.string().min(1).default('logs'),
});

/** Options of csv_logger, as a user writes them. */
export type CsvLoggerOptions = z.input<typeof csvLoggerOptions>;

/**
 * Writes `<dir>/version_<n>/metrics.csv`, a header and one row per epoch, through the injected FileSystem; each run
 * (a resumed one too) gets the next free version, as Lightning's CSVLogger.
 */
@RegisterPlugin({
  alias: 'csv_logger',
  kind: 'logger',
  registry: trainerRegistry,
  inject: [PLUGIN_OPTIONS, FILE_SYSTEM],
  schema: csvLoggerOptions,
  optionKeys: ['dir'],
  // Two of these writing into one folder would write one file: refused before anything is built.
  check: ({ self, ofKind }: SelectionView): string | undefined => {
    const dir = (plugin: SelectedPlugin): string => (plugin.options as CsvLoggerOptions | undefined)?.dir ?? 'logs';
    const same = ofKind('logger').filter((p) => p.alias === 'csv_logger' && dir(p) === dir(self));
    // Reported once, on the second of them.
    return same.length > 1 && same[1] === self
      ? `${String(same.length)} csv_loggers would write the same files, ${join(dir(self), 'version_<n>', 'metrics.csv')}`
      : undefined;
  },
  description: 'Metrics as CSV, one row per epoch (Lightning CSVLogger)',
  recommendedWhen: 'you want the metrics in a spreadsheet or pandas',
})
export class CsvLogger implements MetricsLogger {
  readonly outputDirectory: string;
  readonly #fs: FileSystem;
  #path: string | undefined;
  #columns: readonly string[] | undefined;

  constructor(options: CsvLoggerOptions, fs: FileSystem) {
    this.outputDirectory = csvLoggerOptions.parse(options).dir;
    this.#fs = fs;
  }

  /** `<dir>/version_<n>/metrics.csv` once this run claimed its version (at fit start). */
  get path(): string | undefined {
    return this.#path;
  }

  get label(): string {
    return `csv_logger (${this.#path ?? join(this.outputDirectory, 'version_<n>', 'metrics.csv')})`;
  }

  /** Claims the next free `version_<n>` folder: a new or resumed run never rewrites an earlier one's file. */
  async onFitStart(): Promise<void> {
    this.#path ??= await claimVersionFile(this.#fs, this.outputDirectory, 'metrics.csv');
  }

  async logMetrics(metrics: LoggedMetrics): Promise<void> {
    await this.onFitStart();
    const path = this.#path ?? '';
    if (this.#columns === undefined) {
      this.#columns = Object.keys(metrics);
      await this.#fs.writeFile(path, `${this.#columns.join(',')}\n`);
    }
    await this.#fs.appendFile(path, `${this.#columns.map((key) => String(metrics[key] ?? '')).join(',')}\n`);
  }
}
