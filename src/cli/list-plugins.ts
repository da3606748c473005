import { aliasPattern } from './alias-pattern.js';
import { ExitCode } from './cli-io.js';
import { styles, warnAboutSources, type CommandContext } from './command-context.js';
import { formatMarkdownTable } from './format-markdown-table.js';
import { loadPlugins } from './load-plugins.js';
import { deprecatedAliases, pluginInfo } from './plugin-info.js';
import type { SourceOptions } from './source-options.js';
import { internals } from '../registry/registry-internals.js';

/** The options of `plugboard list`. */
export interface ListOptions extends SourceOptions {
  readonly kind?: string;
  readonly json?: boolean;
  readonly markdown?: boolean;
}

/**
 * What `plugboard list [filter]` does once its arguments are read: the plugins as a table, Markdown or JSON.
 * Loads nothing for the table until one is printed, so that `--json` costs only what it uses.
 */
export async function listPlugins(
  filter: string | undefined,
  options: ListOptions,
  context: CommandContext,
): Promise<void> {
  const { io } = context;
  const style = styles(io, options.color);
  const plugins = await loadPlugins(options, io);
  const matches = filter === undefined ? () => true : aliasPattern(filter);
  const deprecated = deprecatedAliases(plugins);
  const entries = internals(plugins.registry)
    .records(options.kind)
    .filter((entry) => matches(entry.alias))
    .map((entry) => pluginInfo(entry, plugins, deprecated));
  if (warnAboutSources(plugins, io, style.err)) context.exit(ExitCode.problems);
  if (options.json === true) {
    // Two writes: the JSON of a thousand plugins is half a megabyte, which joining a line feed to would copy.
    io.stdout.write(JSON.stringify(entries, null, 2));
    io.stdout.write('\n');
    return;
  }
  const head = ['Alias', 'Kind', 'Description', 'Recommended when'];
  const rows = entries.map((info) => [
    info.kindDefault ? `${info.alias} (default)` : info.alias,
    info.kind,
    info.description ?? '',
    info.recommendedWhen ?? '',
  ]);
  if (options.markdown === true) {
    io.stdout.write(`${formatMarkdownTable(head, rows)}\n`);
    return;
  }
  if (entries.length === 0) {
    const what = [options.kind && `of kind ${options.kind}`, filter && `matching ${filter}`].filter(Boolean).join(' ');
    io.stdout.write(`No plugins${what ? ` ${what}` : ''}.\n`);
    return;
  }
  // The table measures text with string-width: loaded only for a table.
  const { formatTable } = await import('./format-table.js');
  const table = formatTable(head, rows, {
    style: style.out,
    width: io.stdout.isTTY ? io.stdout.columns : undefined,
    wrap: [2, 3],
  });
  const kinds = [...new Set(entries.map((info) => info.kind))].sort();
  const counts = kinds.map((kind) => `${String(entries.filter((info) => info.kind === kind).length)} ${kind}`);
  io.stdout.write(
    `${table}\n${style.out.dim(`${String(entries.length)} plugin${entries.length === 1 ? '' : 's'} (${counts.join(', ')})`)}\n`,
  );
}
