import { tracingChannel } from 'node:diagnostics_channel';
import type { PluginRegistry } from '../registry/plugin-registry.js';

/**
 * The names of the `node:diagnostics_channel` tracing channels plugboard publishes on: `resolve` (every plugin
 * built or served by alias, through `resolve`, `resolveAll`, `resolveAsync`, `resolveAllAsync` or `container.get`),
 * `setup` (every `[pluginSetup]()` awaited) and `dispose` (every instance disposed). Each message is a
 * PluginTraceContext. Nothing is published, and no context is made, while nobody subscribes.
 *
 * @example
 * import { tracingChannel } from 'node:diagnostics_channel';
 * tracingChannel(PLUGIN_TRACE_CHANNELS.setup).subscribe({
 *   start: (context) => console.log('setting up', context.alias),
 *   end: () => {}, asyncStart: () => {}, asyncEnd: () => {}, error: () => {},
 * });
 */
export const PLUGIN_TRACE_CHANNELS = Object.freeze({
  resolve: 'plugboard:resolve',
  setup: 'plugboard:setup',
  dispose: 'plugboard:dispose',
} as const);

/**
 * The message of every event on PLUGIN_TRACE_CHANNELS: one object per traced step, the same in each of its
 * events (so a subscriber can keep a span on it). Node adds `error` when the step fails.
 */
export interface PluginTraceContext {
  /** The alias as registered. */
  readonly alias: string;
  /** The plugin's kind. */
  readonly kind: string;
  /** The registry the plugin came from (the container's registry). */
  readonly registry: PluginRegistry;
  /**
   * True for a step that settles later (an async resolve, a set-up, an async disposal): it ends at `asyncEnd`.
   * False for a synchronous one, which ends at `end`.
   */
  readonly async: boolean;
  /** What the resolve, set-up or disposal threw or rejected with (set by Node before the error event). */
  error?: unknown;
}

/** The plugin a traced step works on: a RegisteredPlugin, or an owned instance's record of one. */
interface TracedPlugin {
  readonly alias: string;
  readonly kind: string;
}

/** The tracing channel of resolves; ask `hasSubscribers` before making a context. */
export const resolveChannel = tracingChannel<unknown, PluginTraceContext>(PLUGIN_TRACE_CHANNELS.resolve);
const setupChannel = tracingChannel<unknown, PluginTraceContext>(PLUGIN_TRACE_CHANNELS.setup);
const disposeChannel = tracingChannel<unknown, PluginTraceContext>(PLUGIN_TRACE_CHANNELS.dispose);

/** The context of one traced step. */
export function traceContext(plugin: TracedPlugin, registry: PluginRegistry, async: boolean): PluginTraceContext {
  return { alias: plugin.alias, kind: plugin.kind, registry, async };
}

/** Runs `setUp()` (which returns a real promise), published on `plugboard:setup` when someone listens. */
export function traceSetup(plugin: TracedPlugin, registry: PluginRegistry, setUp: () => Promise<void>): Promise<void> {
  if (!setupChannel.hasSubscribers) return setUp();
  return setupChannel.tracePromise(setUp, traceContext(plugin, registry, true));
}

/** Disposes one instance with `dispose`, published on `plugboard:dispose` when someone listens. */
export function traceDispose(
  plugin: TracedPlugin,
  registry: PluginRegistry,
  instance: unknown,
  dispose: (instance: unknown) => void,
): void {
  if (!disposeChannel.hasSubscribers) dispose(instance);
  else disposeChannel.traceSync(dispose, traceContext(plugin, registry, false), undefined, instance);
}

/** Disposes one instance with the async `dispose`, published on `plugboard:dispose` when someone listens. */
export function traceDisposeAsync(
  plugin: TracedPlugin,
  registry: PluginRegistry,
  instance: unknown,
  dispose: (instance: unknown) => Promise<void>,
): Promise<void> {
  if (!disposeChannel.hasSubscribers) return dispose(instance);
  return disposeChannel.tracePromise(dispose, traceContext(plugin, registry, true), undefined, instance);
}
