/** The metrics of one epoch as loggers receive them: `epoch`, `train_loss`, `val_acc`, `lr`, ... */
export type LoggedMetrics = Readonly<Record<string, number>>;

/** A plugin of kind 'logger' (non-exclusive: a run may use several): where epoch metrics go. */
export interface MetricsLogger {
  /** For people, such as `csv_logger (out/metrics.csv)`. */
  readonly label: string;
  /** The folder it writes into, checked for write access before training starts. */
  readonly outputDirectory?: string | undefined;
  /** Before the first epoch: a file logger picks its folder for this run (never one a previous run wrote). */
  onFitStart?(): void | Promise<void>;
  logMetrics(metrics: LoggedMetrics): void | Promise<void>;
}

/** True if `value` has a logger's shape. */
export function isMetricsLogger(value: unknown): value is MetricsLogger {
  return typeof value === 'object' && value !== null && 'logMetrics' in value && typeof value.logMetrics === 'function';
}
