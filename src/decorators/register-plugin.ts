import { PluginRegistrationError } from '../errors/plugin-registration-error.js';
import { CapturedCallSite } from '../internal/call-site.js';
import { quote, toText, truncate } from '../internal/quote.js';
import { describeValue } from '../registry/alias.js';
import type { PluginClass, PluginHandle } from '../registry/plugin-entry.js';
import type { PluginRegistration, PluginRegistry } from '../registry/plugin-registry.js';
import { pluginsRegistry } from '../registry/plugins-registry.js';
import { readRegistration, type CheckedRegistration } from '../registry/registration.js';
import { internals } from '../registry/registry-internals.js';

/**
 * A class decorator that works under TypeScript's standard decorators and under `experimentalDecorators`.
 * It returns nothing: the class is registered, not replaced.
 */
export type PluginDecorator = <TClass extends PluginClass>(
  target: TClass,
  context?: ClassDecoratorContext<TClass>,
) => void;

/**
 * Registers the decorated class as a plugin. Stack several to register parameterised variants of one class.
 *
 * @example
 * \@RegisterPlugin({ alias: 'deepspeed_zero_3_offload', kind: 'strategy', params: { stage: 3, offload: true },
 *   description: 'ZeRO stage 3 with CPU offload', recommendedWhen: 'largest models, little GPU memory' })
 * \@RegisterPlugin('ddp_sharded', 'Sharded data parallel', 'optimizer state dominates memory')
 * class MyStrategy {}
 */
export function RegisterPlugin<TOptions = unknown>(options: PluginRegistration<TOptions>): PluginDecorator;
export function RegisterPlugin(alias: string, description?: string, recommendedWhen?: string): PluginDecorator;
export function RegisterPlugin(
  aliasOrOptions: string | PluginRegistration,
  description?: string,
  recommendedWhen?: string,
): PluginDecorator {
  const options = readRegistration(toRegistration(aliasOrOptions, description, recommendedWhen));
  // Any other value than a registry is refused by internals() in `decorator`.
  return decorator(options, (options.registry ?? pluginsRegistry) as PluginRegistry);
}

/**
 * The decorator that registers a class with `options` into `into`. Called by the function the user called, so
 * that the call site captured here is one frame above the user's decorator expression.
 */
export function decorator(options: CheckedRegistration, into: PluginRegistry): PluginDecorator {
  const registry = internals(into);
  // The decorator expression stands where the plugin is written: that is the place error messages name.
  const callSite = registry.sources ? new CapturedCallSite(1) : undefined;
  return (target: unknown, context?: unknown, ...rest: unknown[]): void => {
    assertClassDecoration(options.alias, target, context, rest.length);
    registry.registerAt(target, options, callSite);
  };
}

/**
 * Registers `target` in `options.registry` (default `pluginsRegistry`): `@RegisterPlugin` as a function.
 * Dispose the handle to undo it.
 */
export function registerPlugin<TInstance, TOptions>(
  target: PluginClass<TInstance>,
  options: PluginRegistration<TOptions>,
): PluginHandle<TInstance, TOptions> {
  const registration = readRegistration(options);
  const registry = internals(registration.registry ?? pluginsRegistry);
  return registry.registerAt(target, registration, registry.sources ? new CapturedCallSite() : undefined);
}

/** The options object of either form of the decorator's arguments. */
export function toRegistration(aliasOrOptions: unknown, description?: string, recommendedWhen?: string): unknown {
  if (typeof aliasOrOptions !== 'string') return aliasOrOptions;
  return {
    alias: aliasOrOptions,
    ...(description === undefined ? {} : { description }),
    ...(recommendedWhen === undefined ? {} : { recommendedWhen }),
  };
}

function assertClassDecoration(alias: string, target: unknown, context: unknown, extra: number): void {
  let appliedTo: string | undefined;
  const kind = contextKind(context);
  if (kind !== undefined) {
    // Standard decorators: the context says what is decorated.
    if (kind !== 'class') appliedTo = `a ${truncate(kind)}`;
  } else if (context !== undefined || extra > 0) {
    // experimentalDecorators: member and parameter decorators get a property key.
    appliedTo = 'a class member';
  } else if (typeof target !== 'function') {
    appliedTo = describeValue(target);
  }
  if (appliedTo !== undefined) {
    throw new PluginRegistrationError(
      `@RegisterPlugin(${quote(alias)}) must decorate a class, but was applied to ${appliedTo}.`,
    );
  }
}

/** The `kind` of a standard decorator context, as text; undefined if there is none (or reading it throws). */
function contextKind(context: unknown): string | undefined {
  try {
    if (typeof context !== 'object' || context === null || !('kind' in context)) return undefined;
    return toText(context.kind);
  } catch {
    return 'context that cannot be read';
  }
}
