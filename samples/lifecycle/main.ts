/**
 * Plugins as a DI container manages them (issue 14): kind defaults, rules between plugins checked before
 * anything is built, async set-up, and a resolution scope that tears the strategy down when `fit` ends.
 *
 *   npx tsx samples/lifecycle/main.ts ['selection']
 */
import {
  PluginError,
  PluginRegistry,
  PluginResolver,
  createPluginContainer,
  pluginSetup,
  type PluginSelection,
} from 'plugboard';

const log = (line: string): void => {
  console.log(line);
};

class WorkerStrategy {
  constructor(readonly options: { workers: number; offload?: boolean }) {}
  async [pluginSetup](): Promise<void> {
    await Promise.resolve(); // spawn the workers
    log(`strategy: ${String(this.options.workers)} worker(s) started`);
  }
  async [Symbol.asyncDispose](): Promise<void> {
    await Promise.resolve(); // stop them
    log('strategy: workers stopped');
  }
}

class Precision {
  constructor(readonly options: { bits: number }) {}
}

const registry = new PluginRegistry();
registry.defineKind('strategy', { exclusive: true, default: 'single_device' });
registry.defineKind('precision', { exclusive: true, default: '32-true' });
registry.register(WorkerStrategy, { alias: 'single_device', kind: 'strategy', params: { workers: 1 } });
registry.register(WorkerStrategy, { alias: 'ddp', kind: 'strategy', params: { workers: 4 } });
registry.register(WorkerStrategy, {
  alias: 'deepspeed_zero_3_offload',
  kind: 'strategy',
  params: { workers: 4, offload: true },
  incompatibleWith: ['64-true'],
});
registry.register(Precision, { alias: '32-true', kind: 'precision', params: { bits: 32 } });
registry.register(Precision, { alias: '64-true', kind: 'precision', params: { bits: 64 } });
registry.register(Precision, {
  alias: 'bf16-mixed',
  kind: 'precision',
  params: { bits: 16 },
  requires: { strategy: ['ddp', 'deepspeed_zero_3_offload'] },
});

const resolver = createPluginContainer({ registry }).get(PluginResolver);

/** Trains with the plugins of `selection`; the strategy is torn down when it ends, also when it throws. */
async function fit(selection: PluginSelection): Promise<void> {
  await using scope = resolver.scope();
  const { strategy, precision } = await scope.resolveAllAsync(selection);
  const bits = (precision?.[0] as Precision).options.bits;
  log(`fit: ${String((strategy?.[0] as WorkerStrategy).options.workers)} worker(s), ${String(bits)}-bit`);
}

try {
  await fit(process.argv[2] ?? 'ddp, bf16-mixed');
} catch (error) {
  if (!PluginError.is(error)) throw error;
  console.error(`${error.code}: ${error.message}`);
  process.exitCode = 2;
}
