import {
  explainPluginSelection,
  type ExplainedPlugin,
  type PluginLock,
  type PluginRegistry,
  type RegistrationSite,
} from 'plugboard';
import type { RunSettings } from './run-settings.js';
import type { PluginPlan } from '../trainer/plugin-plan.js';
import { defaultRunConfig } from '../trainer/run-config.js';
import { LOCK_ROOT, planSelection } from '../trainer/run-lock.js';
import { DEFAULT_MAX_EPOCHS } from '../trainer/trainer.js';

type OptionOrigin = ExplainedPlugin['options'][number]['origin'];

/**
 * `--explain`: for every plugin of the run (kind defaults included, in the order they are built), the alias as
 * typed and as registered, its kind, where it came from, where its class was registered, and every option
 * with its value and origin. Builds nothing.
 */
export function explainRun(plan: PluginPlan, registry: PluginRegistry): string[] {
  const lines = ['plugins (typed -> registered, kind, from, registered at), and every option with its origin:'];
  for (const plugin of explained(plan, registry)) {
    const site = siteText(plugin.plugin.registeredAt);
    lines.push(`  ${plugin.plugin.typed} -> ${plugin.plugin.alias}  ${plugin.plugin.kind}  ${plugin.source}  ${site}`);
    for (const option of plugin.plugin.options) {
      lines.push(
        `      ${option.key} = ${JSON.stringify(option.value)}  (${originText(option.origin, plugin.source)})`,
      );
    }
  }
  return lines;
}

/**
 * `--print-config`: the run, resolved, as a trainer config file: the plugins the sources chose with every
 * option written out (kind defaults are left to be filled in again, so the file gives the same lock), the
 * run's settings with their defaults, and `$origins`, where each came from (for people; not read).
 */
export function printedConfig(
  plan: PluginPlan,
  registry: PluginRegistry,
  lock: PluginLock,
  settings: RunSettings,
): Record<string, unknown> {
  const origins = explained(plan, registry).map(({ plugin, source }) => {
    const options = plugin.options.map((o) => `${o.key} from ${originText(o.origin, source)}`).join(', ');
    return `${plugin.alias} (${plugin.kind}) from ${source}${options === '' ? '' : `: ${options}`}`;
  });
  const plugins = lock.plugins
    .filter((plugin) => !plugin.default)
    .map((plugin) =>
      Object.keys(plugin.options).length === 0 ? plugin.alias : { alias: plugin.alias, options: plugin.options },
    );
  const optional = { checkpointDir: settings.checkpointDir, resume: settings.resume, report: settings.report };
  return {
    $origins: origins,
    plugins,
    epochs: settings.epochs ?? DEFAULT_MAX_EPOCHS,
    seed: settings.seed ?? defaultRunConfig.seed,
    modelSize: (settings.hidden ?? defaultRunConfig.hidden).join('x'),
    batchSize: settings.batchSize ?? defaultRunConfig.batchSize,
    learningRate: settings.learningRate ?? defaultRunConfig.learningRate,
    ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined)),
    ...(settings.setupTimeoutMs === undefined ? {} : { setupTimeoutMs: settings.setupTimeoutMs }),
  };
}

/** plugboard's explanation of the plan's selection, each plugin with the source the plan says chose it. */
function explained(plan: PluginPlan, registry: PluginRegistry): { plugin: ExplainedPlugin; source: string }[] {
  const read = planSelection(plan);
  if (read === undefined) return [];
  const unmatched = plan.plugins.filter((planned) => planned.source !== 'default');
  return explainPluginSelection(read, { registry, root: LOCK_ROOT }).plugins.map((plugin) => {
    if (plugin.isDefault) return { plugin, source: 'default' };
    const index = unmatched.findIndex(
      (planned) => planned.choice !== undefined && registry.find(planned.choice.alias)?.alias === plugin.alias,
    );
    const [planned] = index === -1 ? [] : unmatched.splice(index, 1);
    return { plugin, source: planned?.source ?? plugin.chosenBy };
  });
}

function originText(origin: OptionOrigin, source: string): string {
  switch (origin.from) {
    case 'params':
      return `the params of ${origin.alias}`;
    case 'deprecation':
      return `the params of ${origin.alias}, through ${origin.deprecatedAlias}`;
    case 'selection':
      return `${source} (${origin.form})`;
    case 'schema':
      return 'the schema default';
  }
}

function siteText(site: RegistrationSite): string {
  switch (site.type) {
    case 'module':
      return `${site.module}${site.line === undefined ? '' : `:${String(site.line)}`}`;
    case 'package':
      return `${site.name}@${site.version} ${site.module}${site.line === undefined ? '' : `:${String(site.line)}`}`;
    case 'manifest':
      return `manifest ${site.module}`;
    case 'unknown':
      return 'unknown';
  }
}
