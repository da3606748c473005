import { Command } from 'commander';
import { ExitCode } from './cli-io.js';
import { styles, warnAboutSources, type CommandContext } from './command-context.js';
import { formatTable } from './format-table.js';
import { loadPlugins } from './load-plugins.js';
import { parseEnvFlag } from './parse-env-flag.js';
import { addSourceOptions, type SourceOptions } from './source-options.js';
import { internals } from '../registry/registry-internals.js';

interface RecommendOptions extends SourceOptions {
  readonly env?: Record<string, unknown>;
  readonly kind?: string;
  readonly json?: boolean;
  readonly load?: boolean;
}

/** `plugboard recommend --env gpus=4`: the plugins whose `recommend()` predicate holds, best first. */
export function recommendCommand(context: CommandContext): Command {
  const command = new Command('recommend')
    .summary('the plugins recommended for an environment (--env key=value)')
    .description('The plugins whose recommend() predicate holds for an environment, best first, with why.')
    .option(
      '-e, --env <key=value>',
      'what the program knows about where it runs, once per key: --env gpus=4 --env modelGb=40 ' +
        '(numbers and true/false are coerced)',
      parseEnvFlag,
    )
    .option('-k, --kind <kind>', 'only plugins of this kind')
    .option('--json', 'print JSON for programs')
    .option('--load', 'with --manifest: import the modules of plugins that have a recommend() predicate, to ask it');
  addSourceOptions(command, true).action(async (options: RecommendOptions) => {
    const { io } = context;
    const style = styles(io, options.color);
    const plugins = await loadPlugins(options, io);
    if (warnAboutSources(plugins, io, style.err)) context.exit(ExitCode.problems);
    const pending = (plugins.manifest?.predicates ?? []).filter((alias) => {
      const entry = internals(plugins.registry).lookup(alias);
      return entry?.lazy !== undefined && (options.kind === undefined || entry.kind === options.kind);
    });
    if (options.load === true) {
      for (const alias of pending) internals(plugins.registry).lookup(alias)?.load();
    }
    const unasked = options.load === true ? [] : pending;
    const filter = options.kind === undefined ? {} : { kind: options.kind };
    const env = options.env ?? {};
    const found = plugins.registry.recommend(env, filter);
    if (options.json === true) {
      const recommendations = found.map(({ alias, kind, score, reason }) => ({ alias, kind, score, reason }));
      io.stdout.write(`${JSON.stringify({ env, recommendations, notAsked: unasked }, null, 2)}\n`);
      return;
    }
    if (found.length === 0) {
      io.stdout.write(`No plugin is recommended for ${JSON.stringify(env)}.\n`);
    } else {
      const rows = found.map((r) => [r.alias, r.kind, String(r.score), r.reason]);
      const width = io.stdout.isTTY ? io.stdout.columns : undefined;
      io.stdout.write(
        `${formatTable(['Alias', 'Kind', 'Score', 'Why'], rows, { style: style.out, width, wrap: [3] })}\n`,
      );
    }
    if (unasked.length > 0) {
      io.stderr.write(
        `${style.err.yellow('note:')} ${unasked.join(', ')} decide with a recommend() predicate, which a manifest ` +
          'cannot hold; they were not asked. Add --load to import their modules and ask them.\n',
      );
    }
  });
  return command;
}
