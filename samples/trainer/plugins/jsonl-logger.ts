import { join } from 'node:path';
import { inject, injectable } from 'inversify';
import { z } from 'zod';
import { PLUGIN_OPTIONS, RegisterPlugin, type SelectedPlugin, type SelectionView } from 'plugboard';
import type { LoggedMetrics, MetricsLogger } from './metrics-logger.js';
import { trainerRegistry } from '../registry.js';
import { FILE_SYSTEM, type FileSystem } from '../services/file-system.js';

/** Options of jsonl_logger. */
export const jsonlLoggerOptions = z.object({
  /** The folder of `metrics.jsonl`. */
  dir: z.string().min(1).default('logs'),
});

/** Options of jsonl_logger, as a user writes them. */
export type JsonlLoggerOptions = z.input<typeof jsonlLoggerOptions>;

/** Appends one JSON object per epoch to `<dir>/metrics.jsonl`, through the injected FileSystem. */
@RegisterPlugin({
  alias: 'jsonl_logger',
  kind: 'logger',
  registry: trainerRegistry,
  schema: jsonlLoggerOptions,
  optionKeys: ['dir'],
  // Two of these writing into one folder would write one file: refused before anything is built.
  check: ({ self, ofKind }: SelectionView): string | undefined => {
    const dir = (plugin: SelectedPlugin): string => (plugin.options as JsonlLoggerOptions | undefined)?.dir ?? 'logs';
    const same = ofKind('logger').filter((p) => p.alias === 'jsonl_logger' && dir(p) === dir(self));
    // Reported once, on the second of them.
    return same.length > 1 && same[1] === self
      ? `${String(same.length)} jsonl_loggers would write the same file, ${join(dir(self), 'metrics.jsonl')}`
      : undefined;
  },
  description: 'Metrics as JSON lines, one object per epoch',
  recommendedWhen: 'another program reads the metrics (jq, a dashboard)',
})
@injectable()
export class JsonlLogger implements MetricsLogger {
  readonly label: string;
  readonly outputDirectory: string;
  readonly path: string;
  readonly #fs: FileSystem;

  constructor(@inject(PLUGIN_OPTIONS) options: JsonlLoggerOptions, @inject(FILE_SYSTEM) fs: FileSystem) {
    this.outputDirectory = jsonlLoggerOptions.parse(options).dir;
    this.path = join(this.outputDirectory, 'metrics.jsonl');
    this.label = `jsonl_logger (${this.path})`;
    this.#fs = fs;
  }

  async logMetrics(metrics: LoggedMetrics): Promise<void> {
    await this.#fs.appendFile(this.path, `${JSON.stringify(metrics)}\n`);
  }
}
