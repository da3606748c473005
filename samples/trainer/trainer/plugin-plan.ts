import {
  checkPluginSelection,
  formatPluginSelection,
  parsePluginSelection,
  PluginConflictError,
  PluginSelectionError,
  type PluginChoice,
  type PluginRegistry,
  type PluginResolver,
  type PluginSelection,
  type SelectedPlugin,
} from 'plugboard';
import { isCallback } from '../plugins/callback.js';
import { isCheckpointIO } from '../plugins/checkpoint-io.js';
import { isMetricsLogger } from '../plugins/metrics-logger.js';
import { isPrecision } from '../plugins/precision-plugin.js';
import { isStrategy } from '../plugins/strategy.js';
import { trainerKindSettings } from '../registry.js';

/**
 * The kinds a trainer takes and the shape each plugin of a kind must have. Their defaults and whether they are
 * exclusive are declared on the registry (`defineKind` in registry.ts); rules between plugins on the plugins'
 * registrations (`check`, `requires`, `incompatibleWith`).
 */
export const trainerKinds = {
  strategy: isStrategy,
  precision: isPrecision,
  checkpoint_io: isCheckpointIO,
  logger: isMetricsLogger,
  callback: isCallback,
} as const satisfies Record<string, (value: unknown) => boolean>;

/** A kind of plugin the trainer takes. */
export type TrainerKind = keyof typeof trainerKinds;

/** One plugin a run will use, before it is built: what was asked for and where that came from. */
export interface PlannedPlugin {
  readonly kind: TrainerKind;
  /** As the user types it, such as `ddp(workers=4)`; a class name for an instance. */
  readonly text: string;
  /** `default`, `--plugins`, `TRAINER_PLUGINS`, `--config FILE`, or `code`. */
  readonly source: string;
  readonly choice: PluginChoice | undefined;
  readonly instance: object | undefined;
}

/**
 * A trainer's `plugins` option as the run will use it: `checkPluginSelection` fills in each kind's default and
 * checks the whole selection against the registry (unknown aliases, options, exclusive kinds, every rule)
 * before anything is built; this adds where each plugin came from and keeps the user's spelling.
 */
export class PluginPlan {
  readonly plugins: readonly PlannedPlugin[];
  readonly #built = new Map<PlannedPlugin, unknown>();

  /**
   * @param source - where the selection came from, or where each of its items came from (an array as long as
   *   the selection's; a text item's plugins share its source).
   */
  constructor(selection: PluginSelection, registry: PluginRegistry, source: string | readonly string[] = 'code') {
    const given: unknown[] = Array.isArray(selection) ? [...(selection as unknown[])] : [selection];
    const sourceOf = new Map<unknown, string>();
    const items: unknown[] = given.flatMap((item, index) => {
      const found = typeof item === 'string' ? parsePluginSelection(item, { registry }) : [item];
      const from = typeof source === 'string' ? source : (source[index] ?? 'code');
      for (const each of found) sourceOf.set(each, from);
      return found;
    });
    // An instance of a class no registration knows has no kind in the registry: it is placed by its shape.
    const loose = items.filter((item) => !isChoice(item) && !registry.list().some((e) => item instanceof e.target));
    const looseKinds = loose.map((item) => kindByShape(item));
    const known = items.filter((item) => !loose.includes(item));
    const checked = checkPluginSelection(known, registry).filter(
      (plugin) => !(plugin.isDefault && looseKinds.includes(plugin.kind as TrainerKind)),
    );
    // checkPluginSelection returns the plugins in the order they run (order/before/after declarations, then the
    // selection's): each is matched back to the first unmatched item of its alias (or, for an instance, its kind).
    const matched = new Set<number>();
    const itemOf = (plugin: SelectedPlugin): unknown => {
      const index = known.findIndex(
        (item, i) =>
          !matched.has(i) &&
          (isChoice(item)
            ? canonicalAlias(registry, item.alias) === plugin.alias
            : registry.list({ kind: plugin.kind }).some((entry) => item instanceof entry.target)),
      );
      matched.add(index);
      return known[index];
    };
    const order = Object.keys(trainerKinds);
    const planned = checked.map((plugin): PlannedPlugin => {
      const kind = trainerKind(plugin.kind, plugin.name);
      if (plugin.isDefault) {
        const choice = { alias: plugin.alias ?? plugin.name };
        return { kind, text: choice.alias, source: 'default', choice, instance: undefined };
      }
      const item = itemOf(plugin);
      const from = sourceOf.get(item) ?? 'code';
      if (isChoice(item))
        return { kind, text: formatPluginSelection([item]), source: from, choice: item, instance: undefined };
      return { kind, text: plugin.name, source: from, choice: undefined, instance: item as object };
    });
    loose.forEach((item, index) => {
      const kind = looseKinds[index] ?? 'callback';
      const text = `${(item as object).constructor.name || 'an'} instance`;
      if (trainerKindSettings[kind].exclusive && planned.some((p) => p.kind === kind)) {
        throw new PluginConflictError(kind, [...planned.filter((p) => p.kind === kind).map((p) => p.text), text]);
      }
      planned.push({ kind, text, source: sourceOf.get(item) ?? 'code', choice: undefined, instance: item as object });
    });
    this.plugins = planned.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  }

  /** The planned plugins of `kind`. */
  of(kind: TrainerKind): readonly PlannedPlugin[] {
    return this.plugins.filter((planned) => planned.kind === kind);
  }

  /**
   * Builds and sets up every planned plugin through `resolver`, in order (`resolveAsync` awaits each
   * `[pluginSetup]`, within the container's `setupTimeoutMs`); `build` then returns these.
   */
  async setUp(resolver: Pick<PluginResolver, 'resolveAsync'>): Promise<void> {
    // The kinds others are given first (a strategy is given the selected precision, model_checkpoint the
    // CheckpointService of the selected format), so each is built once.
    const first: readonly TrainerKind[] = ['precision', 'checkpoint_io', 'strategy', 'logger', 'callback'];
    const ordered = [...this.plugins].sort((a, b) => first.indexOf(a.kind) - first.indexOf(b.kind));
    for (const planned of ordered) {
      if (planned.instance !== undefined || this.#built.has(planned)) continue;
      const { alias = '', options = {} } = planned.choice ?? {};
      this.#built.set(planned, await resolver.resolveAsync(alias, options));
    }
  }

  /**
   * The plugins of `kind`: those `setUp` built, or built now through `resolver` (a resolution scope owns what
   * it builds); instances as they are.
   */
  build(kind: TrainerKind, resolver: Pick<PluginResolver, 'resolve'>): unknown[] {
    return this.of(kind).map(
      (planned) =>
        planned.instance ??
        (this.#built.has(planned)
          ? this.#built.get(planned)
          : resolver.resolve(planned.choice?.alias ?? '', planned.choice?.options ?? {})),
    );
  }
}

function kindByShape(item: unknown): TrainerKind {
  const kind = (Object.keys(trainerKinds) as TrainerKind[]).find((candidate) => trainerKinds[candidate](item));
  if (kind !== undefined) return kind;
  throw new PluginSelectionError(
    `The trainer takes plugins of kind ${Object.keys(trainerKinds).join(', ')}; ${String(item)} has the shape of none.`,
  );
}

/** The registered alias `alias` finds, following a deprecated alias to its successor. */
function canonicalAlias(registry: PluginRegistry, alias: string): string | undefined {
  const key = (text: string): string => text.toLowerCase().replaceAll('-', '_');
  const renamed = registry.deprecations().find((deprecated) => key(deprecated.alias) === key(alias));
  return registry.find(renamed?.successor ?? alias)?.alias;
}

function isChoice(item: unknown): item is PluginChoice {
  return typeof item === 'object' && item !== null && 'alias' in item && typeof item.alias === 'string';
}

function trainerKind(kind: string, name: string): TrainerKind {
  if (kind in trainerKinds) return kind as TrainerKind;
  throw new PluginSelectionError(
    `The trainer takes plugins of kind ${Object.keys(trainerKinds).join(', ')}; ${name} is of kind "${kind}".`,
  );
}
