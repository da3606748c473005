import { fs } from '../internal/builtins.js';
import path from 'node:path';
import { Command } from 'commander';
import { styles, type CommandContext } from './command-context.js';
import { ExitCode } from './cli-io.js';
import { loadPlugins, rootOfManifest, type FallbackSource } from './load-plugins.js';
import { plural } from '../internal/plural.js';
import { refreshCommand } from './refresh-command.js';
import { addSourceOptions, type SourceOptions } from './source-options.js';
import { checkManifest } from '../discovery/check-manifest.js';
import type { PluginManifest } from '../discovery/plugin-manifest.js';
import { readManifest } from '../discovery/read-manifest.js';
import { writeManifest } from '../discovery/write-manifest.js';

interface ManifestOptions extends SourceOptions {
  readonly check?: boolean;
  readonly allowEmpty?: boolean;
}

/** `plugboard manifest [file]`: writes the lazy manifest, or with `--check` says whether it is stale (exit 1). */
export function manifestCommand(context: CommandContext): Command {
  const command = new Command('manifest')
    .summary('write the plugin manifest, or --check that it is fresh')
    .description(
      'Write a manifest of every plugin (default plugboard.manifest.json), so that programs can list and choose ' +
        'plugins without importing their modules (loadManifest). With --check, exit 1 if it is stale. Without ' +
        '--plugins or a package.json "plugins" field, the sources recorded in the existing manifest are used.',
    )
    .argument('[file]', 'the manifest file (its folder is created if missing)', 'plugboard.manifest.json')
    .option('--check', 'do not write: exit 1 if the manifest is stale (plugin files changed, added or removed)')
    .option(
      '--allow-empty',
      'write the manifest even if no plugin was found (else nothing is written, and the command fails)',
    );
  addSourceOptions(command, false).action(async (file: string, options: ManifestOptions) => {
    const { io } = context;
    const style = styles(io, options.color);
    const where = path.resolve(io.cwd, file);
    const shown = path.relative(io.cwd, where) || where;
    if (options.check === true) {
      const check = await checkManifest(where, {
        root: rootOfManifest(where, path.resolve(io.cwd, options.root ?? '.')),
      });
      if (check.fresh) {
        io.stdout.write(`${style.out.green('ok')} ${check.message}\n`);
      } else {
        io.stderr.write(`${style.err.red('stale:')} ${check.message}\n`);
        context.exit(ExitCode.problems);
      }
      return;
    }
    const previous = readPrevious(where);
    const plugins = await loadPlugins(options, io, false, recordedSources(previous, where));
    const found = plugins.reports.flatMap((report) => report.modules).flatMap((module) => module.plugins).length;
    if (found === 0 && options.allowEmpty !== true) {
      const searched = plugins.reports.some((report) => report.sources.some((source) => !source.package));
      const had =
        previous && previous.plugins.length > 0 ? `; ${shown} lists ${plural(previous.plugins.length, 'plugin')}` : '';
      io.stderr.write(
        `${style.err.red('error:')} no plugin found${had}, so nothing was written. ` +
          `${searched ? 'Check the plugin patterns, or' : "Say where plugins are: --plugins 'dist/plugins/*.js' or"} ` +
          'a "plugboard": { "plugins": [...] } field in package.json; --allow-empty writes an empty manifest.\n',
      );
      context.exit(searched ? ExitCode.problems : ExitCode.usage);
      return;
    }
    const refresh =
      options.plugins === undefined && plugins.patterns === undefined && previous
        ? previous.refresh
        : refreshCommand({
            file,
            plugins: options.plugins,
            root: options.root,
            registry: options.registry,
            packages: options.packages,
          });
    const manifest = await writeManifest(where, plugins.reports, {
      registry: plugins.registry,
      refresh,
      ...(plugins.searchedPackages ? { packagesOf: io.cwd } : {}),
    });
    const modules = Object.keys(manifest.files).length;
    const packages = manifest.sources.filter((source) => source.package !== undefined).length;
    io.stdout.write(
      `Wrote ${shown}: ${plural(manifest.plugins.length, 'plugin')} from ${plural(modules, 'module')}` +
        `${packages > 0 ? ` (${plural(packages, 'package')})` : ''}.\n`,
    );
  });
  return command;
}

/** The manifest already at `file`, if there is a readable one. */
function readPrevious(file: string): PluginManifest | undefined {
  if (!fs.existsSync(file)) return undefined;
  try {
    return readManifest(file);
  } catch {
    return undefined; // not a manifest (or another version): written anew from the sources given
  }
}

/** The plugin folders and patterns an existing manifest was written from (not its packages, searched anyway). */
function recordedSources(manifest: PluginManifest | undefined, file: string): FallbackSource[] {
  return (manifest?.sources ?? [])
    .filter((source) => source.package === undefined)
    .map((source) => ({ cwd: path.resolve(path.dirname(file), source.cwd), patterns: source.patterns }));
}
