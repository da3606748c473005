import {
  checkPluginSelection,
  parsePluginSelection,
  PluginError,
  readPluginsOption,
  type PluginChoice,
  type PluginRegistry,
} from 'plugboard';
import { UsageError } from './usage-error.js';
import { trainerKindSettings } from '../registry.js';
import type { TrainerEnv } from '../services/recommendation-env.js';

/** A kind the `--strategy` / `--precision` shorthands (and the config keys of the same names) set. */
export type ShorthandKind = 'strategy' | 'precision';

/** What `auto` became for a kind, and why: the registry's recommendation for this machine and model. */
export interface AutoChoice {
  readonly kind: ShorthandKind;
  readonly alias: string;
  /** The recommendation's reason, or why the kind's default was taken. */
  readonly reason: string;
}

/** The plugins of a run, each with where it came from, and what any `auto` resolved to. */
export interface RunSelection {
  readonly choices: readonly PluginChoice[];
  /** Where each of `choices` came from: `--plugins`, `TRAINER_PLUGINS`, `--config FILE`, `--strategy`, ... */
  readonly sources: readonly string[];
  readonly autos: readonly AutoChoice[];
}

/** Every place a run's plugins can be set. */
export interface RunSelectionInput {
  /** The `--plugins` texts. */
  readonly plugins: readonly string[];
  /** `TRAINER_PLUGINS`. */
  readonly envPlugins: string | undefined;
  /** The config file, if one was given: its path and the keys that choose plugins. */
  readonly config?:
    | {
        readonly path: string;
        readonly plugins?: unknown;
        readonly strategy?: string | undefined;
        readonly precision?: string | undefined;
      }
    | undefined;
  /** `--strategy` and `--precision`. */
  readonly shorthands: Partial<Record<ShorthandKind, string>>;
  readonly registry: PluginRegistry;
  /** What `auto` is decided for. */
  readonly env: TrainerEnv;
}

/**
 * Reads a run's plugins. The first of `--plugins`, `TRAINER_PLUGINS` and the config file's `plugins` that is
 * set wins whole; `--strategy`/`--precision` then replace the plugin of that kind (the config file's
 * `strategy`/`precision` do so only when the file's plugins are the ones used). Every source that is set is
 * read and checked, also one that loses: a broken one is refused, naming it, rather than ignored. An empty
 * `--plugins ""` is refused; an empty `TRAINER_PLUGINS` counts as unset, as shells treat `VAR=`.
 */
export function readRunSelection(input: RunSelectionInput): RunSelection {
  const { registry } = input;
  if (input.plugins.some((text) => text.trim() === '')) {
    throw new UsageError('--plugins is empty: name at least one plugin (such as --plugins ddp), or leave it out.');
  }
  const configSource = input.config === undefined ? undefined : `--config ${input.config.path}`;
  const candidates = [
    input.plugins.length > 0 ? { source: '--plugins', argv: input.plugins.flatMap((t) => ['--plugins', t]) } : [],
    input.envPlugins !== undefined && input.envPlugins.trim() !== ''
      ? { source: 'TRAINER_PLUGINS', env: { TRAINER_PLUGINS: input.envPlugins } }
      : [],
    input.config?.plugins !== undefined && configSource !== undefined
      ? { source: configSource, config: { plugins: input.config.plugins } }
      : [],
  ].flat();
  const read = candidates.map(({ source, ...from }, index) => {
    try {
      const { choices } = readPluginsOption({ ...from, envVar: 'TRAINER_PLUGINS', registry });
      checkPluginSelection(choices, registry);
      return { source, choices };
    } catch (error) {
      const winner = candidates[0]?.source;
      if (index === 0 || !PluginError.is(error)) throw error;
      throw new UsageError(
        `${source} is set but broken (${winner ?? ''} is the source in use, but a broken one is not ignored; ` +
          `fix it or unset it): ${error.message}`,
        { cause: error },
      );
    }
  });
  const used = read[0];
  let choices: PluginChoice[] = used?.choices ?? [];
  let sources: string[] = choices.map(() => used?.source ?? 'default');
  const autos: AutoChoice[] = [];
  for (const kind of ['strategy', 'precision'] as const) {
    const fromFlag = input.shorthands[kind];
    const fromFile = used === undefined || used.source === configSource ? input.config?.[kind] : undefined;
    const text = fromFlag ?? fromFile;
    if (text === undefined) continue;
    const source = fromFlag === undefined ? `${configSource ?? ''} ${kind}` : `--${kind}`;
    const auto = text.trim().toLowerCase() === 'auto';
    const choice = auto ? autoChoice(kind, input, autos) : shorthandChoice(kind, text, source, registry);
    const keep = choices.map((c) => registry.find(c.alias)?.kind !== kind);
    choices = [...choices.filter((_, i) => keep[i]), choice];
    sources = [...sources.filter((_, i) => keep[i]), auto ? `${source} auto` : source];
  }
  return { choices, sources, autos };
}

function shorthandChoice(kind: ShorthandKind, text: string, source: string, registry: PluginRegistry): PluginChoice {
  let parsed: PluginChoice[];
  try {
    parsed = parsePluginSelection(text, { registry });
  } catch (error) {
    if (PluginError.is(error)) error.message = `In ${source}: ${error.message}`;
    throw error;
  }
  const [choice] = parsed;
  const found = choice === undefined ? undefined : registry.find(choice.alias);
  if (parsed.length !== 1 || choice === undefined || found?.kind !== kind) {
    const what = parsed.length === 1 && found ? `"${found.alias}" is a ${found.kind}` : `got ${JSON.stringify(text)}`;
    throw new UsageError(`${source} takes one ${kind} (or auto): ${what}. See --list-plugins for the ${kind} aliases.`);
  }
  return choice;
}

function autoChoice(kind: ShorthandKind, input: RunSelectionInput, autos: AutoChoice[]): PluginChoice {
  const [best] = input.registry.recommend({ ...input.env }, { kind });
  const fallback = trainerKindSettings[kind].default;
  const alias = best?.alias ?? fallback;
  const reason = best
    ? `recommended when "${best.reason}"`
    : 'the default: no plugin of this kind is recommended for this machine';
  autos.push({ kind, alias, reason });
  return { alias };
}
