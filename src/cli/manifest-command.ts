import path from 'node:path';
import { Command } from 'commander';
import { styles, type CommandContext } from './command-context.js';
import { ExitCode } from './cli-io.js';
import { loadPlugins, rootOfManifest } from './load-plugins.js';
import { refreshCommand } from './refresh-command.js';
import { addSourceOptions, type SourceOptions } from './source-options.js';
import { checkManifest } from '../discovery/check-manifest.js';
import { writeManifest } from '../discovery/write-manifest.js';

interface ManifestOptions extends SourceOptions {
  readonly check?: boolean;
}

/** `plugboard manifest [file]`: writes the lazy manifest, or with `--check` says whether it is stale (exit 1). */
export function manifestCommand(context: CommandContext): Command {
  const command = new Command('manifest')
    .summary('write the plugin manifest, or --check that it is fresh')
    .description(
      'Write a manifest of every plugin (default plugboard.manifest.json), so that programs can list and choose ' +
        'plugins without importing their modules (loadManifest). With --check, exit 1 if it is stale.',
    )
    .argument('[file]', 'the manifest file', 'plugboard.manifest.json')
    .option('--check', 'do not write: exit 1 if the manifest is stale (plugin files changed, added or removed)');
  addSourceOptions(command, false).action(async (file: string, options: ManifestOptions) => {
    const { io } = context;
    const style = styles(io, options.color);
    const where = path.resolve(io.cwd, file);
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
    const plugins = await loadPlugins(options, io, false);
    const refresh = refreshCommand({ file, plugins: options.plugins, root: options.root, packages: options.packages });
    const manifest = await writeManifest(where, plugins.reports, {
      registry: plugins.registry,
      refresh,
      ...(plugins.searchedPackages ? { packagesOf: io.cwd } : {}),
    });
    const modules = Object.keys(manifest.files).length;
    const packages = manifest.sources.filter((source) => source.package !== undefined).length;
    io.stdout.write(
      `Wrote ${path.relative(io.cwd, where) || where}: ${String(manifest.plugins.length)} plugin(s) from ` +
        `${String(modules)} module(s)${packages > 0 ? ` (${String(packages)} package(s))` : ''}.\n`,
    );
    if (manifest.plugins.length === 0) {
      io.stderr.write(
        `${style.err.yellow('warning:')} the manifest is empty. Say where plugins are: --plugins 'dist/plugins/*.js' ` +
          'or a "plugboard": { "plugins": [...] } field in package.json.\n',
      );
    }
  });
  return command;
}
