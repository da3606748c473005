import { Command, Option } from 'commander';
import type { CommandContext } from './command-context.js';
import { listPlugins, type ListOptions } from './list-plugins.js';
import { addSourceOptions } from './source-options.js';

/** `plugboard list [filter]`: the plugins, as a table, Markdown or JSON. */
export function listCommand(context: CommandContext): Command {
  const command = new Command('list')
    .summary('list the plugins (a table, --markdown or --json)')
    .description('List the plugins: alias, kind, description and when to choose each.')
    .argument('[filter]', 'only aliases that match: deepspeed* (wildcards: * and ?) or a part of the alias')
    .option('-k, --kind <kind>', 'only plugins of this kind, such as strategy')
    .addOption(new Option('--json', 'print JSON for programs').conflicts('markdown'))
    .addOption(new Option('--markdown', 'print a Markdown table, for docs'));
  return addSourceOptions(command, true).action((filter: string | undefined, options: ListOptions) =>
    listPlugins(filter, options, context),
  );
}
