import { Command } from 'commander';
import { ExitCode } from './cli-io.js';
import { styles, warnAboutSources, type CommandContext } from './command-context.js';
import { loadPlugins } from './load-plugins.js';
import { pluginInfo, type PluginInfo } from './plugin-info.js';
import { addSourceOptions, type SourceOptions } from './source-options.js';
import type { TerminalStyle } from './terminal-style.js';
import { normalizeAlias } from '../registry/alias.js';
import type { PluginOrderTarget } from '../registry/plugin-order.js';
import type { PluginRequirement } from '../registry/plugin-rules.js';
import { internals } from '../registry/registry-internals.js';

interface DescribeOptions extends SourceOptions {
  readonly json?: boolean;
}

/** `plugboard describe <alias>`: everything about one plugin. An unknown alias exits 2 with suggestions. */
export function describeCommand(context: CommandContext): Command {
  const command = new Command('describe')
    .summary('show everything about one plugin')
    .description(
      'Show everything about one plugin: kind, class, module, description, recommendation, params, option keys, schema.',
    )
    .argument('<alias>', 'the plugin, ignoring case and - or _ (deprecated aliases are followed)')
    .option('--json', 'print JSON for programs');
  addSourceOptions(command, true).action(async (alias: string, options: DescribeOptions) => {
    const { io } = context;
    const style = styles(io, options.color);
    const plugins = await loadPlugins(options, io);
    if (warnAboutSources(plugins, io, style.err)) context.exit(ExitCode.problems);
    // Deprecated aliases are followed here rather than by the registry, which would print a DeprecationWarning.
    const deprecated = plugins.registry.deprecations().find((d) => normalizeAlias(d.alias) === normalizeAlias(alias));
    const entry = internals(plugins.registry).require(deprecated?.successor ?? alias);
    const info = pluginInfo(entry, plugins);
    if (options.json === true) {
      io.stdout.write(`${JSON.stringify(info, null, 2)}\n`);
      return;
    }
    if (deprecated) {
      io.stderr.write(
        `${style.err.yellow('note:')} ${alias} is a deprecated alias of ${entry.alias}.` +
          `${deprecated.message ? ` ${deprecated.message}` : ''}\n`,
      );
    }
    io.stdout.write(`${formatInfo(info, style.out)}\n`);
  });
  return command;
}

function formatInfo(info: PluginInfo, style: TerminalStyle): string {
  const rows: [string, string | undefined][] = [
    ['kind', kindText(info)],
    ['class', info.className],
    ['module', info.module],
    ['registered at', info.source],
    ['description', info.description],
    ['recommended when', info.recommendedWhen],
    ['recommend()', info.recommend ? 'yes: registry.recommend(env) can choose it' : 'no'],
    ['scope', info.scope],
    ['params', isEmpty(info.params) ? 'none' : JSON.stringify(info.params, null, 2)],
    ['option keys', optionKeysText(info)],
    ['schema', schemaText(info.schema)],
    ['requires', info.requires === undefined ? undefined : requiresText(info.requires)],
    ['incompatible with', info.incompatibleWith?.map((r) => (typeof r === 'string' ? r : `any ${r.kind}`)).join(', ')],
    ['order', orderText(info)],
    ['check', info.check ? 'a predicate over the selection (not shown; checked by resolveAll)' : undefined],
    ['deprecated aliases', info.deprecatedAliases.length > 0 ? info.deprecatedAliases.join(', ') : undefined],
    ['loaded', info.loaded ? undefined : 'no: known from the manifest; its module is imported on first resolve'],
  ];
  const shown = rows.filter((row): row is [string, string] => row[1] !== undefined);
  const width = Math.max(...shown.map(([label]) => label.length));
  const lines = shown.map(([label, value]) => {
    const [first = '', ...rest] = value.split('\n');
    const indent = ' '.repeat(width + 4);
    return [`  ${style.dim(label.padEnd(width))}  ${first}`, ...rest.map((line) => `${indent}${line}`)].join('\n');
  });
  return [style.bold(info.alias), ...lines].join('\n');
}

/** The keys a selection may give, and plainly what happens to others. */
function optionKeysText(info: PluginInfo): string {
  const keys = info.knownOptionKeys.join(', ');
  const declared = keys === '' ? '' : `${keys}; `;
  switch (info.otherOptionKeys) {
    case 'refused':
      return keys === '' ? 'none: it declares no options, so every option is refused' : keys;
    case 'accepted':
      return info.allowUnknownOptions
        ? `${declared}any other too (allowUnknownOptions)`
        : `${declared}any other too (its schema takes open-ended keys)`;
    case 'schema':
      return `${declared}any other its schema keeps (it cannot list its keys); one it drops is refused`;
    case 'on load':
      return `${declared}checked once its module is imported`;
  }
}

function kindText(info: PluginInfo): string {
  const notes = [info.exclusiveKind && 'exclusive: one per selection', info.kindDefault && 'the default of its kind'];
  const shown = notes.filter((note) => typeof note === 'string');
  return shown.length > 0 ? `${info.kind} (${shown.join('; ')})` : info.kind;
}

function orderText(info: PluginInfo): string | undefined {
  const targets = (list: readonly PluginOrderTarget[]): string =>
    list.map((target) => (typeof target === 'string' ? target : `every ${target.kind}`)).join(', ');
  const parts = [
    info.order === undefined ? undefined : `${info.order} of its kind`,
    info.before === undefined ? undefined : `before ${targets(info.before)}`,
    info.after === undefined ? undefined : `after ${targets(info.after)}`,
  ].filter((part) => part !== undefined);
  return parts.length > 0 ? parts.join('; ') : undefined;
}

function requiresText(requires: PluginRequirement): string {
  if (Array.isArray(requires)) return requires.join(' and ');
  return Object.entries(requires as Readonly<Record<string, readonly string[]>>)
    .map(([kind, aliases]) => (aliases.length === 0 ? `any ${kind}` : `${kind}: one of ${aliases.join(', ')}`))
    .join('; ');
}

function schemaText(schema: string | boolean): string {
  if (schema === false) return 'no';
  return schema === true ? 'yes (checked when its module is loaded)' : `yes (${schema}, Standard Schema)`;
}

function isEmpty(params: unknown): boolean {
  return typeof params === 'object' && params !== null && Object.keys(params).length === 0;
}
