import { PluginConflictError, PluginSelectionError, type PluginResolver, type PluginSelection } from 'plugboard';
import { isCheckpointIO, type CheckpointIO } from '../plugins/checkpoint-io.js';
import { isPrecision, type PrecisionPlugin } from '../plugins/precision-plugin.js';
import { isStrategy, type Strategy } from '../plugins/strategy.js';

/** The plugins a trainer runs with: one of each kind. */
export interface TrainerPlugins {
  readonly strategy: Strategy;
  readonly precision: PrecisionPlugin;
  readonly checkpointIO: CheckpointIO;
}

const kinds = {
  strategy: { fallback: 'single_device', guard: isStrategy },
  precision: { fallback: '32-true', guard: isPrecision },
  checkpoint_io: { fallback: 'binary', guard: isCheckpointIO },
} as const;

type Kind = keyof typeof kinds;

/**
 * Resolves a trainer's `plugins` option through the container's PluginResolver and fills in the default of
 * every kind it does not select. Instances of unregistered classes are placed by their shape. Throws
 * PluginConflictError for two plugins of one kind, PluginSelectionError for a plugin the trainer cannot
 * use, and UnknownPluginError for an unknown alias.
 */
export function selectPlugins(resolver: PluginResolver, selection: PluginSelection): TrainerPlugins {
  const resolved = resolver.resolveAll(selection);
  const byKind = new Map<Kind, unknown[]>();
  for (const [kind, instances] of Object.entries(resolved)) {
    for (const instance of instances) {
      // An instance of an unregistered class comes back as kind 'plugin': place it by its shape.
      const placed = isKind(kind) ? kind : kindOfInstance(instance);
      if (placed === undefined) {
        throw new PluginSelectionError(
          `The trainer takes plugins of kind ${Object.keys(kinds).join(', ')}; ${labelOf(instance)} is of kind "${kind}".`,
        );
      }
      byKind.set(placed, [...(byKind.get(placed) ?? []), instance]);
    }
  }
  for (const [kind, instances] of byKind) {
    if (instances.length > 1) throw new PluginConflictError(kind, instances.map(labelOf));
  }
  const pick = <T>(kind: Kind, guard: (value: unknown) => value is T): T => {
    const instance = byKind.get(kind)?.[0] ?? resolver.resolve(kinds[kind].fallback);
    if (!guard(instance)) {
      throw new PluginSelectionError(`${labelOf(instance)} was selected as the ${kind} plugin but is not one.`);
    }
    return instance;
  };
  return {
    strategy: pick('strategy', kinds.strategy.guard),
    precision: pick('precision', kinds.precision.guard),
    checkpointIO: pick('checkpoint_io', kinds.checkpoint_io.guard),
  };
}

function isKind(kind: string): kind is Kind {
  return kind in kinds;
}

function kindOfInstance(instance: unknown): Kind | undefined {
  return (Object.keys(kinds) as Kind[]).find((kind) => kinds[kind].guard(instance));
}

function labelOf(instance: unknown): string {
  if (typeof instance === 'object' && instance !== null) {
    if ('label' in instance && typeof instance.label === 'string') return instance.label;
    return instance.constructor.name;
  }
  return String(instance);
}
