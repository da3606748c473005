import { fsPromises } from '../internal/builtins.js';
import path from 'node:path';
import { Command, Option } from 'commander';
import { ExitCode } from './cli-io.js';
import { styles, warnAboutSources, type CommandContext } from './command-context.js';
import { loadPlugins, rootOfManifest } from './load-plugins.js';
import { addSourceOptions, type SourceOptions } from './source-options.js';
import { checkManifest } from '../discovery/check-manifest.js';
import type { PluginManifest } from '../discovery/plugin-manifest.js';
import { readManifest } from '../discovery/read-manifest.js';
import { quote } from '../internal/quote.js';
import type { PluginRegistry } from '../registry/plugin-registry.js';
import type { JsonSchemaDraft } from '../registry/json-schema-of.js';
import { pluginsLackingJsonSchema } from '../schema/manifest-schema-source.js';
import { pluginsJsonSchema } from '../schema/plugins-json-schema.js';

interface SchemaOptions extends SourceOptions {
  readonly out?: string;
  readonly kind?: string[];
  readonly draft: JsonSchemaDraft;
  readonly config?: string | boolean;
  readonly compact?: boolean;
}

/** `plugboard schema`: writes the JSON Schema of a `plugins` option, for editors and CI. */
export function schemaCommand(context: CommandContext): Command {
  const command = new Command('schema')
    .summary('write a JSON Schema of the plugins option, for editors and CI')
    .description(
      'Write a JSON Schema of a "plugins" value (aliases with their descriptions, each plugin\'s options, one ' +
        'plugin per exclusive kind), for editors ("$schema" in a config file) and CI validators. With --manifest, ' +
        'no plugin module is imported when the manifest holds the JSON Schema of every plugin that has a schema.',
    )
    .option('-o, --out <file>', 'write it to this file (default: print it)')
    .option('-k, --kind <kind...>', 'only plugins of these kinds; other aliases are refused')
    .addOption(new Option('--draft <draft>', 'the JSON Schema draft').choices(['2020-12', '07']).default('2020-12'))
    .option('--config [key]', 'a schema for a whole config file, whose key (default "plugins") holds the selection')
    .option('--compact', 'without indentation: a third smaller (default: indented, for readable diffs)');
  addSourceOptions(command, true).action(async (options: SchemaOptions) => {
    const { io } = context;
    const style = styles(io, options.color);
    const source = await schemaSource(context, options, style.err);
    const configKey = typeof options.config === 'string' ? options.config : undefined;
    const schema = pluginsJsonSchema(source, {
      draft: options.draft,
      ...(options.kind === undefined ? {} : { kind: options.kind }),
      ...(options.config === undefined ? {} : { config: true }),
      ...(configKey === undefined ? {} : { configKey }),
    });
    const text = `${JSON.stringify(schema, null, options.compact === true ? undefined : 2)}\n`;
    if (options.out === undefined) {
      io.stdout.write(text);
      return;
    }
    const where = path.resolve(io.cwd, options.out);
    // As `manifest [file]`: a folder that does not exist yet is made.
    await fsPromises().mkdir(path.dirname(where), { recursive: true });
    await fsPromises().writeFile(where, text);
    io.stdout.write(`Wrote ${path.relative(io.cwd, where) || where} (JSON Schema draft ${options.draft}).\n`);
  });
  return command;
}

/** The manifest alone when it holds enough; else the registry with the plugins the options point to. */
async function schemaSource(
  context: CommandContext,
  options: SchemaOptions,
  style: ReturnType<typeof styles>['err'],
): Promise<PluginRegistry | PluginManifest> {
  const { io } = context;
  if (options.manifest !== undefined) {
    const file = path.resolve(io.cwd, options.manifest);
    const manifest = readManifest(file);
    const lacking = pluginsLackingJsonSchema(manifest);
    if (lacking.length === 0) {
      const check = await checkManifest(file, {
        root: rootOfManifest(file, path.resolve(io.cwd, options.root ?? '.')),
      });
      if (!check.fresh) {
        io.stderr.write(`${style.yellow('warning:')} ${check.message}\n`);
        context.exit(ExitCode.problems);
      }
      return manifest;
    }
    io.stderr.write(
      `${style.yellow('note:')} the manifest does not hold the JSON Schema of ${lacking.map((a) => quote(a)).join(', ')} ` +
        `(it was written by an older plugboard), so plugin modules are imported. Write it again: ${manifest.refresh}\n`,
    );
  }
  const plugins = await loadPlugins(options, io);
  if (warnAboutSources(plugins, io, style)) context.exit(ExitCode.problems);
  return plugins.registry;
}
