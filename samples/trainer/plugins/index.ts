/**
 * The trainer's plugins. Importing this module registers all of them in `trainerRegistry`.
 */
export { BinaryCheckpointIO } from './binary-checkpoint-io.js';
export type { BinaryCheckpointOptions } from './binary-checkpoint-io.js';
export type { Callback, EpochContext } from './callback.js';
export type { CheckpointIO } from './checkpoint-io.js';
export { ConsoleLogger } from './console-logger.js';
export { CsvLogger } from './csv-logger.js';
export type { CsvLoggerOptions } from './csv-logger.js';
export { DataParallelStrategy } from './data-parallel-strategy.js';
export { DdpStrategy } from './ddp-strategy.js';
export type { DdpOptions } from './ddp-strategy.js';
export { DeepSpeedStrategy } from './deepspeed-strategy.js';
export type { DeepSpeedOptions } from './deepspeed-strategy.js';
export { EarlyStopping } from './early-stopping.js';
export type { EarlyStoppingOptions } from './early-stopping.js';
export { JsonCheckpointIO } from './json-checkpoint-io.js';
export type { JsonCheckpointOptions } from './json-checkpoint-io.js';
export { JsonlLogger } from './jsonl-logger.js';
export type { JsonlLoggerOptions } from './jsonl-logger.js';
export { LearningRateMonitor } from './lr-monitor.js';
export type { LoggedMetrics, MetricsLogger } from './metrics-logger.js';
export { ModelCheckpoint } from './model-checkpoint.js';
export type { ModelCheckpointOptions } from './model-checkpoint.js';
export { PrecisionPlugin } from './precision-plugin.js';
export type { PrecisionOptions } from './precision-plugin.js';
export { SingleDeviceStrategy } from './single-device-strategy.js';
export { SlowLogger } from './slow-logger.js';
export type { SlowLoggerOptions } from './slow-logger.js';
export type { Strategy, StrategySession, TrainingSetup } from './strategy.js';
