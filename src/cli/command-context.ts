import type { CliIo } from './cli-io.js';
import { registryName, type LoadedPlugins } from './load-plugins.js';
import { noPluginHints } from '../discovery/no-plugin-hints.js';
import { terminalStyle, type TerminalStyle } from './terminal-style.js';
import { PluginError } from '../errors/plugin-error.js';
import type { PluginIncompatibleError } from '../errors/plugin-incompatible-error.js';
import { plural } from '../internal/plural.js';
import { quote } from '../internal/quote.js';

/** What every subcommand's action gets: the streams, and where to put its exit code. */
export interface CommandContext {
  readonly io: CliIo;
  /** Sets the exit code the command ends with. */
  exit(code: number): void;
}

/** Colours for stdout and stderr, as the environment and `--no-color` allow. */
export function styles(io: CliIo, color: boolean | undefined): { out: TerminalStyle; err: TerminalStyle } {
  return { out: terminalStyle(io.stdout, io.env, color), err: terminalStyle(io.stderr, io.env, color) };
}

/**
 * Warns on stderr about what may make a listing incomplete: modules that failed to load, a stale manifest,
 * no plugin source at all. Returns true if it warned about a problem.
 */
export function warnAboutSources(plugins: LoadedPlugins, io: CliIo, style: TerminalStyle): boolean {
  const all = plugins.registry.loadErrors();
  const incompatible = all.filter(({ error }) => PluginError.is(error) && error.code === 'PLUGIN_INCOMPATIBLE');
  const failed = all.filter((failure) => !incompatible.includes(failure));
  for (const { error } of incompatible) {
    const { packageName, packageVersion, range, host } = error as PluginIncompatibleError;
    io.stderr.write(
      `${style.yellow('warning:')} plugin package ${quote(packageName)} ${quote(packageVersion)} supports ` +
        `${quote(host.name)} ${quote(range)}, not ${quote(host.version)}: not loaded (--allow-incompatible loads it).\n`,
    );
  }
  if (failed.length > 0) {
    io.stderr.write(
      `${style.yellow('warning:')} ${plural(failed.length, 'plugin module')} failed to load: ` +
        `${failed.map((f) => quote(f.module)).join(', ')}. Run "plugboard doctor" to see why.\n`,
    );
  }
  for (const report of plugins.reports) {
    const [source] = report.sources;
    if (report.modules.length > 0 || report.errors.length > 0 || !source || source.package) continue;
    io.stderr.write(
      `${style.yellow('warning:')} no plugin module matches ${source.patterns.map((p) => quote(p)).join(', ')} ` +
        `in ${quote(source.cwd)}.\n`,
    );
  }
  const imported = plugins.reports.flatMap((report) => report.modules);
  for (const hint of noPluginHints(imported, registryName(plugins))) {
    io.stderr.write(`${style.yellow('warning:')} ${hint}. Run "plugboard doctor" for more.\n`);
  }
  if (plugins.manifestCheck && !plugins.manifestCheck.fresh) {
    io.stderr.write(`${style.yellow('warning:')} ${plugins.manifestCheck.message}\n`);
  }
  if (!plugins.manifest && plugins.reports.every((report) => report.sources.length === 0)) {
    io.stderr.write(
      `${style.yellow('warning:')} no plugin source. Say where plugins are: --plugins 'dist/plugins/*.js', ` +
        '--manifest plugboard.manifest.json, or a "plugboard": { "plugins": [...] } field in package.json.\n',
    );
  }
  return all.length > 0 || plugins.manifestCheck?.fresh === false;
}
