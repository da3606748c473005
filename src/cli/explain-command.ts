import { Command } from 'commander';
import { ExitCode } from './cli-io.js';
import { styles, warnAboutSources, type CommandContext } from './command-context.js';
import { formatTable } from './format-table.js';
import { loadPlugins } from './load-plugins.js';
import { readCliSelection, withoutDeprecationWarnings } from './read-cli-selection.js';
import { addSourceOptions, type SourceOptions } from './source-options.js';
import { PluginError } from '../errors/plugin-error.js';
import { errorText } from '../internal/error-text.js';
import { safeText } from '../internal/quote.js';
import { sortedData } from '../lock/canonical-json.js';
import {
  explainPluginSelection,
  type ExplainedPlugin,
  type OptionOrigin,
  type RegistrationSite,
} from '../lock/explain-plugin-selection.js';

interface ExplainOptions extends SourceOptions {
  readonly selection?: string;
  readonly json?: boolean;
}

/** `plugboard explain --selection TEXT`: where each plugin of a selection and each option came from. Builds nothing. */
export function explainCommand(context: CommandContext): Command {
  const command = new Command('explain')
    .summary('where each plugin of a selection and each option value came from')
    .description(
      'Explain a selection without building it: for each plugin (kind defaults included, in build order) the ' +
        'alias typed and registered, the kind, where it was registered, and every option with its value and ' +
        'origin (params, the selection, the schema default, a deprecated alias). Secret options show a fingerprint.',
    )
    .option('-s, --selection <plugins>', "the selection (required), such as 'ddp(workers=4), bf16-mixed'")
    .option('--json', 'print JSON for programs');
  addSourceOptions(command, true).action(async (options: ExplainOptions) => {
    const { io } = context;
    const style = styles(io, options.color);
    // Checked here, not by commander's requiredOption, which reports a missing --selection before an unknown
    // option: a mistyped --selecton would be told "--selection not specified" instead of the close match.
    if (options.selection === undefined) {
      io.stderr.write(
        `${style.err.red('error:')} plugboard explain needs --selection TEXT, such as 'ddp(workers=4)'.\n`,
      );
      context.exit(ExitCode.usage);
      return;
    }
    const { selection } = options;
    const plugins = await loadPlugins(options, io);
    if (warnAboutSources(plugins, io, style.err)) context.exit(ExitCode.problems);
    let explained: ReturnType<typeof explainPluginSelection>;
    try {
      explained = withoutDeprecationWarnings(() =>
        explainPluginSelection(readCliSelection(selection, plugins.registry), {
          registry: plugins.registry,
          root: plugins.root,
        }),
      );
    } catch (error) {
      if (!PluginError.is(error)) throw error;
      io.stderr.write(`${style.err.red('error:')} ${errorText(error)}\n`);
      context.exit(ExitCode.usage);
      return;
    }
    if (options.json === true) {
      io.stdout.write(`${JSON.stringify(explained, null, 2)}\n`);
      return;
    }
    const rows = explained.plugins.flatMap((plugin) => rowsOf(plugin));
    const width = io.stdout.isTTY ? io.stdout.columns : undefined;
    const head = ['#', 'Plugin', 'Kind', 'Chosen by', 'Registered at', 'Option', 'Value', 'Origin'];
    io.stdout.write(`${formatTable(head, rows, { style: style.out, width, wrap: [4, 6] })}\n`);
  });
  return command;
}

function rowsOf(plugin: ExplainedPlugin): string[][] {
  const name = plugin.typed === plugin.alias ? plugin.alias : `${plugin.typed} -> ${plugin.alias}`;
  const first = [
    String(plugin.position),
    plugin.isDefault ? `${name} (default)` : name,
    plugin.kind,
    plugin.chosenBy,
    siteText(plugin.registeredAt),
  ];
  const options = plugin.options.map((option) => [
    option.key,
    option.secret ? `(secret) ${String(option.value)}` : valueText(option.value),
    originText(option.origin),
  ]);
  if (options.length === 0) return [[...first, '', '', '']];
  return options.map((cells, index) => [...(index === 0 ? first : ['', '', '', '', '']), ...cells]);
}

function valueText(value: unknown): string {
  return safeText(value === undefined ? 'undefined' : JSON.stringify(sortedData(value)), { max: 60 });
}

/** Where a plugin was registered, in one cell. */
export function siteText(site: RegistrationSite): string {
  const line = (value: number | undefined): string => (value === undefined ? '' : `:${String(value)}`);
  switch (site.type) {
    case 'module':
      return `${site.module}${line(site.line)}`;
    case 'package':
      return `${site.name}@${site.version} (${site.module}${line(site.line)})`;
    case 'manifest':
      return `${site.module} (manifest${site.exportName === undefined ? '' : `, ${site.exportName}`})`;
    case 'unknown':
      return '(not recorded)';
  }
}

function originText(origin: OptionOrigin): string {
  switch (origin.from) {
    case 'params':
      return `params of ${origin.alias}`;
    case 'deprecation':
      return `params of ${origin.alias} (via deprecated ${origin.deprecatedAlias})`;
    case 'selection':
      return `${origin.source} (${origin.form})`;
    case 'schema':
      return 'schema default';
  }
}
