import { tracingChannel } from 'node:diagnostics_channel';
import { PLUGIN_TRACE_CHANNELS, type PluginTraceContext } from 'plugboard';
import { format } from './output.js';

/**
 * `--trace`: subscribes to plugboard's tracing channels (`plugboard:resolve`, `plugboard:setup`,
 * `plugboard:dispose`) and writes one line per finished step, with its time and any error:
 * `trace: resolve ddp (strategy) 2.1 ms`. Disposing the returned handle unsubscribes.
 */
export function tracePlugins(write: (line: string) => void, now: () => number = () => performance.now()): Disposable {
  const began = new WeakMap<PluginTraceContext, number>();
  const unsubscribes = Object.entries(PLUGIN_TRACE_CHANNELS).map(([step, name]) => {
    const finish = (context: PluginTraceContext): void => {
      const ms = now() - (began.get(context) ?? now());
      const failed = context.error === undefined ? '' : `, failed: ${format(messageOf(context.error))}`;
      write(`trace: ${step} ${context.alias} (${context.kind}) ${ms.toFixed(1)} ms${failed}`);
    };
    const handlers = {
      start: (context: PluginTraceContext) => void began.set(context, now()),
      end: (context: PluginTraceContext) => {
        if (!context.async) finish(context);
      },
      asyncStart: () => undefined,
      asyncEnd: finish,
      error: () => undefined,
    };
    const channel = tracingChannel<unknown, PluginTraceContext>(name);
    channel.subscribe(handlers);
    return () => {
      channel.unsubscribe(handlers);
    };
  });
  return {
    [Symbol.dispose]: () => {
      for (const unsubscribe of unsubscribes) unsubscribe();
    },
  };
}

function messageOf(error: unknown): string {
  const message = typeof error === 'object' && error !== null ? (error as { message?: unknown }).message : undefined;
  return typeof message === 'string' ? message : String(error);
}
