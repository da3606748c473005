import {
  formatPluginSelection,
  parsePluginSelection,
  PluginConflictError,
  PluginSelectionError,
  type PluginChoice,
  type PluginRegistry,
  type PluginResolver,
  type PluginSelection,
} from 'plugboard';
import { isCallback } from '../plugins/callback.js';
import { isCheckpointIO } from '../plugins/checkpoint-io.js';
import { isMetricsLogger } from '../plugins/metrics-logger.js';
import { isPrecision } from '../plugins/precision-plugin.js';
import { isStrategy } from '../plugins/strategy.js';

/** The kinds a trainer takes, each with its default, whether one plugin of it at most, and its shape. */
export const trainerKinds = {
  strategy: { default: ['single_device'], exclusive: true, guard: isStrategy },
  precision: { default: ['32-true'], exclusive: true, guard: isPrecision },
  checkpoint_io: { default: ['binary'], exclusive: true, guard: isCheckpointIO },
  logger: { default: ['console_logger'], exclusive: false, guard: isMetricsLogger },
  callback: { default: [], exclusive: false, guard: isCallback },
} as const satisfies Record<
  string,
  { default: readonly string[]; exclusive: boolean; guard: (value: unknown) => boolean }
>;

/** A kind of plugin the trainer takes. */
export type TrainerKind = keyof typeof trainerKinds;

/** One plugin a run will use, before it is built: what was asked for and where that came from. */
export interface PlannedPlugin {
  readonly kind: TrainerKind;
  /** As the user types it, such as `ddp(workers=4)`; a class name for an instance. */
  readonly text: string;
  /** `default`, `--plugins`, `TRAINER_PLUGINS`, `config plugins (trainer.json)`, or `code`. */
  readonly source: string;
  readonly choice: PluginChoice | undefined;
  readonly instance: object | undefined;
}

/**
 * A trainer's `plugins` option sorted by kind, with every kind it leaves out filled from its default, and
 * checked: unknown aliases, a plugin of no trainer kind, or two plugins of an exclusive kind throw before
 * anything is built. The container builds each kind from it on first use.
 */
export class PluginPlan {
  readonly plugins: readonly PlannedPlugin[];

  constructor(selection: PluginSelection, registry: PluginRegistry, source = 'code') {
    const chosen = items(selection)
      .flatMap((item) => (typeof item === 'string' ? parsePluginSelection(item, { registry }) : [item]))
      .map((item) => plan(item, registry, source));
    for (const [kind, spec] of Object.entries(trainerKinds)) {
      const ofKind = chosen.filter((planned) => planned.kind === kind);
      if (spec.exclusive && ofKind.length > 1)
        throw new PluginConflictError(
          kind,
          ofKind.map((p) => p.text),
        );
    }
    const defaults = (Object.keys(trainerKinds) as TrainerKind[])
      .filter((kind) => !chosen.some((planned) => planned.kind === kind))
      .flatMap((kind) => trainerKinds[kind].default.map((alias) => plan({ alias }, registry, 'default')));
    const order = Object.keys(trainerKinds);
    this.plugins = [...chosen, ...defaults].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  }

  /** The planned plugins of `kind`. */
  of(kind: TrainerKind): readonly PlannedPlugin[] {
    return this.plugins.filter((planned) => planned.kind === kind);
  }

  /** Builds the plugins of `kind` through `resolver` (instances are used as they are). */
  build(kind: TrainerKind, resolver: PluginResolver): unknown[] {
    return this.of(kind).map(
      (planned) => planned.instance ?? resolver.resolve(planned.choice?.alias ?? '', planned.choice?.options ?? {}),
    );
  }
}

function items(selection: PluginSelection): unknown[] {
  return Array.isArray(selection) ? [...(selection as unknown[])] : [selection];
}

function plan(item: unknown, registry: PluginRegistry, source: string): PlannedPlugin {
  if (typeof item !== 'object' || item === null) throw new PluginSelectionError(`${String(item)} is not a plugin.`);
  if ('alias' in item && typeof item.alias === 'string') {
    const choice = item as PluginChoice;
    const kind = trainerKind(registry.get(choice.alias).kind, choice.alias);
    return { kind, text: formatPluginSelection([choice]), source, choice, instance: undefined };
  }
  const registered = registry.list().find((entry) => item instanceof entry.target);
  const kind = registered
    ? trainerKind(registered.kind, registered.alias)
    : (Object.keys(trainerKinds) as TrainerKind[]).find((candidate) => trainerKinds[candidate].guard(item));
  const name = item.constructor.name || 'an instance';
  if (kind === undefined) {
    throw new PluginSelectionError(
      `The trainer takes plugins of kind ${Object.keys(trainerKinds).join(', ')}; ${name} is none of them.`,
    );
  }
  return { kind, text: `${name} instance`, source, choice: undefined, instance: item };
}

function trainerKind(kind: string, alias: string): TrainerKind {
  if (kind in trainerKinds) return kind as TrainerKind;
  throw new PluginSelectionError(
    `The trainer takes plugins of kind ${Object.keys(trainerKinds).join(', ')}; "${alias}" is of kind "${kind}".`,
  );
}
