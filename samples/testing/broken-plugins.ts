// Deliberately broken plugins, one per conformance check, for conformance.test.ts and conformance.vitest.ts:
// each breaks the host's contract in one way that checkPluginConformance reports.
import { z } from 'zod';
import { PluginRegistry, pluginSetup, type StandardSchemaV1 } from 'plugboard';

/** A registry of broken plugins only. */
export const brokenRegistry = new PluginRegistry();

/** construct: the constructor throws with the variant's own params. */
class NeedsGpu {
  constructor() {
    throw new Error('no GPU found');
  }
}
brokenRegistry.register(NeedsGpu, { alias: 'needs_gpu', kind: 'strategy' });

/** schema: the schema accepts mode "safe", the constructor does not. */
const modeOptions = z.object({ mode: z.enum(['fast', 'safe']).default('fast') });
class FastOnly {
  constructor(readonly options: z.output<typeof modeOptions>) {
    if (options.mode !== 'fast') throw new Error(`mode ${options.mode} is not implemented`);
  }
}
brokenRegistry.register(FastOnly, { alias: 'fast_only', kind: 'strategy', schema: modeOptions, optionKeys: ['mode'] });

/**
 * schema: its JSON Schema says `workers` is a number and there are no other keys, but its validation accepts
 * anything, so a string reaches the constructor, which throws. (A typo such as `worker` is refused by plugboard
 * itself, which takes the plugin's keys from that JSON Schema.)
 */
const permissive: StandardSchemaV1 & { '~standard': { jsonSchema: { input: () => Record<string, unknown> } } } = {
  '~standard': {
    version: 1,
    vendor: 'hand-written',
    validate: (value: unknown) => ({ value }),
    jsonSchema: {
      input: () => ({
        type: 'object',
        properties: { workers: { type: 'number', default: 2 } },
        additionalProperties: false,
      }),
    },
  },
};
class TrustsItsInput {
  constructor(readonly options: { workers: unknown }) {
    if (typeof options.workers !== 'number') throw new TypeError('workers.toFixed is not a function');
  }
}
brokenRegistry.register(TrustsItsInput, {
  alias: 'trusts_input',
  kind: 'strategy',
  schema: permissive,
  params: { workers: 2 },
});

/** dispose: disposing twice throws. */
class DisposesOnce {
  #open = true;
  [Symbol.dispose](): void {
    if (!this.#open) throw new Error('already closed');
    this.#open = false;
  }
}
brokenRegistry.register(DisposesOnce, { alias: 'disposes_once', kind: 'logger' });

/** dispose: disposing before set-up reads what only set-up makes (after set-up, it is fine). */
class NeedsSetupToDispose {
  connection: { close(): void } | undefined;
  closed = false;
  async [pluginSetup](): Promise<void> {
    await Promise.resolve();
    this.connection = { close: () => undefined };
  }
  [Symbol.dispose](): void {
    if (this.closed) return;
    (this.connection as { close(): void }).close();
    this.closed = true;
  }
}
brokenRegistry.register(NeedsSetupToDispose, { alias: 'needs_setup_to_dispose', kind: 'logger' });

/** setup-dispose: after set-up, disposal never finishes (a worker that is never told to stop). */
class NeverStops {
  started = false;
  async [pluginSetup](): Promise<void> {
    await Promise.resolve();
    this.started = true;
  }
  [Symbol.asyncDispose](): Promise<void> {
    return this.started ? new Promise<void>(() => undefined) : Promise.resolve();
  }
}
brokenRegistry.register(NeverStops, { alias: 'never_stops', kind: 'callback' });

/** rules: names an alias and a kind that do not exist, and requires what it is incompatible with. */
class Contradictory {}
brokenRegistry.register(Contradictory, {
  alias: 'contradictory',
  kind: 'callback',
  requires: ['fast_onyl', 'needs_gpu'],
  incompatibleWith: ['needs_gpu', { kind: 'precison' }],
});
