import type { EpochMetrics } from './epoch-metrics.js';
import type { RunConfig } from './run-config.js';
import type { StepReport } from '../engine/epoch-totals.js';
import type { MemoryReport } from '../engine/memory-report.js';

/** The labels of the plugins a trainer runs with. */
export interface PluginLabels {
  readonly strategy: string;
  readonly precision: string;
  readonly checkpointIO: string;
  readonly loggers?: readonly string[];
  readonly callbacks?: readonly string[];
}

/** What a trainer tells its `onEvent` listener while fitting: for progress bars, logs and reports. */
export type TrainerEvent =
  | {
      readonly type: 'start';
      readonly run: RunConfig;
      readonly plugins: PluginLabels;
      readonly memory: MemoryReport;
      readonly parameterCount: number;
      readonly firstEpoch: number;
      readonly maxEpochs: number;
      readonly resumedFrom: string | undefined;
    }
  | { readonly type: 'step'; readonly report: StepReport }
  | { readonly type: 'epoch'; readonly metrics: EpochMetrics }
  | { readonly type: 'checkpoint'; readonly path: string };
