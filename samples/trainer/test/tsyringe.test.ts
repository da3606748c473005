// The trainer's plugins from a tsyringe container: plugboard/tsyringe binds the same registry, and
// plugboard/testing overrides a plugin there the same way as in the inversify container.
import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { container as rootContainer } from 'tsyringe';
import { PluginResolver } from 'plugboard';
import { overridePlugin } from 'plugboard/testing';
import { registerPlugins } from 'plugboard/tsyringe';
import { EarlyStopping } from '../plugins/early-stopping.js';
import '../plugins/index.js';
import type { LoggedMetrics, MetricsLogger } from '../plugins/metrics-logger.js';
import { trainerRegistry } from '../registry.js';
import { PluginPlan } from '../trainer/plugin-plan.js';

/** A logger that keeps what it is given. */
class MemoryLogger implements MetricsLogger {
  readonly label = 'memory';
  readonly rows: LoggedMetrics[] = [];
  logMetrics(metrics: LoggedMetrics): void {
    this.rows.push(metrics);
  }
}

describe('trainer plugins with tsyringe', () => {
  it('overridePlugin replaces csv_logger in a tsyringe container; early_stopping is built with its options', () => {
    const container = rootContainer.createChildContainer();
    using _registration = registerPlugins(container, trainerRegistry);
    const memory = new MemoryLogger();
    using _override = overridePlugin(container, 'csv_logger', memory);
    const resolver = container.resolve(PluginResolver);
    const plan = new PluginPlan('csv_logger(dir=out), early_stopping(patience=2)', trainerRegistry);

    const [logger] = plan.build('logger', resolver);
    const [callback] = plan.build('callback', resolver);

    expect(logger).toBe(memory);
    expect(callback).toBeInstanceOf(EarlyStopping);
    expect((callback as EarlyStopping).label).toBe('early_stopping (val_loss, patience 2)');
  });
});
