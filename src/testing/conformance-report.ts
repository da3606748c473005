/** The checks `checkPluginConformance` runs on each plugin. */
export type ConformanceCheck = 'construct' | 'schema' | 'dispose' | 'setup-dispose' | 'rules';

/** One way a plugin breaks the host's contract. */
export interface ConformanceFailure {
  /** Which check found it. */
  readonly check: ConformanceCheck;
  /** The plugin's alias. */
  readonly alias: string;
  /** The options (overrides of the variant's params) the check used, when it used some. */
  readonly input?: unknown;
  /** What went wrong, for people. */
  readonly message: string;
}

/** What `checkPluginConformance` found: `ok` when there are no failures. */
export interface ConformanceReport {
  /** True when every check of every plugin passed. */
  readonly ok: boolean;
  /** Every failure, plugin by plugin in alias order; empty when `ok`. */
  readonly failures: readonly ConformanceFailure[];
}
