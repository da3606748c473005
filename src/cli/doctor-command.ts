import { fs } from '../internal/builtins.js';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command } from 'commander';
import { ExitCode } from './cli-io.js';
import { styles, type CommandContext } from './command-context.js';
import { loadPlugins, registryName, rootOfManifest, type LoadedPlugins } from './load-plugins.js';
import type { DiscoveredModule } from '../discovery/discovery-report.js';
import { noPluginHints } from '../discovery/no-plugin-hints.js';
import { plural } from '../internal/plural.js';
import { addSourceOptions, type SourceOptions } from './source-options.js';
import { checkManifest } from '../discovery/check-manifest.js';
import { PluginError } from '../errors/plugin-error.js';
import { errorText } from '../internal/error-text.js';
import { groupPush } from '../internal/group-push.js';
import { internals } from '../registry/registry-internals.js';
import type { SelectedPlugin } from '../registry/plugin-rules.js';
import { reviewPluginSelection } from '../selection/review-plugin-selection.js';

interface DoctorOptions extends SourceOptions {
  readonly manifest?: string;
  readonly selection?: string;
  readonly json?: boolean;
}

/** One thing the doctor found. */
interface Finding {
  readonly level: 'ok' | 'warning' | 'problem';
  readonly topic: string;
  readonly message: string;
}

/** `plugboard doctor`: imports every plugin module and reports what is wrong; exit 1 if anything is. */
export function doctorCommand(context: CommandContext): Command {
  const command = new Command('doctor')
    .summary('check the plugins; exit 1 if there are problems')
    .description(
      'Import every plugin module and report problems: modules that fail to load, duplicate aliases, deprecated ' +
        'aliases in use, a stale manifest, and with --selection a selection that breaks kinds or rules between ' +
        'plugins (checked without building it). Exit 1 if there are any.',
    )
    .option('-m, --manifest <file>', 'the manifest to check (default: plugboard.manifest.json, if there is one)')
    .option(
      '-s, --selection <plugins>',
      "also check a selection your program uses, such as 'ddp(workers=4), bf16-mixed'",
    )
    .option('--json', 'print JSON for programs');
  addSourceOptions(command, false).action(async (options: DoctorOptions) => {
    const { io } = context;
    const style = styles(io, options.color).out;
    const plugins = await loadPlugins(options, io, false);
    const findings = [...(await sourceFindings(plugins)), ...selectionFindings(plugins, options.selection)];
    findings.push(...deprecationFindings(plugins));
    const manifestFile = path.resolve(io.cwd, options.manifest ?? 'plugboard.manifest.json');
    if (options.manifest !== undefined || fs.existsSync(manifestFile)) {
      findings.push(await manifestFinding(manifestFile, rootOfManifest(manifestFile, plugins.root)));
    }
    const problems = findings.filter((finding) => finding.level === 'problem').length;
    if (options.json === true) {
      io.stdout.write(`${JSON.stringify({ problems, findings }, null, 2)}\n`);
    } else {
      const mark = { ok: style.green('✔'), warning: style.yellow('!'), problem: style.red('✖') };
      const lines = findings.map((f) => `${mark[f.level]} ${f.topic}: ${f.message.replaceAll('\n', '\n    ')}`);
      const summary =
        problems === 0 ? style.green('No problems found.') : style.red(`${plural(problems, 'problem')} found.`);
      io.stdout.write(`${lines.join('\n')}\n${summary}\n`);
    }
    context.exit(problems === 0 ? ExitCode.ok : ExitCode.problems);
  });
  return command;
}

async function sourceFindings(plugins: LoadedPlugins): Promise<Finding[]> {
  const modules = plugins.reports.flatMap((report) => report.modules);
  const packages = plugins.reports.flatMap((report) => report.sources).filter((source) => source.package).length;
  const empty = plugins.reports.filter(
    (report) => report.sources.length > 0 && report.modules.length === 0 && report.errors.length === 0,
  );
  const count = plugins.registry.list().length;
  const findings: Finding[] = [];
  if (plugins.reports.every((report) => report.sources.length === 0)) {
    findings.push({
      level: 'problem',
      topic: 'sources',
      message:
        "no plugin source. Say where plugins are: --plugins 'dist/plugins/*.js' or a " +
        '"plugboard": { "plugins": [...] } field in package.json; or install a plugin package.',
    });
  } else {
    const from = `${plural(modules.length, 'module')}${packages > 0 ? ` (${plural(packages, 'plugin package')})` : ''}`;
    findings.push({
      level: count > 0 ? 'ok' : 'problem',
      topic: 'plugins',
      message: `${plural(count, 'plugin')} from ${from}`,
    });
  }
  for (const { module, error } of plugins.registry.loadErrors()) {
    const code = PluginError.is(error) ? error.code : undefined;
    findings.push({
      level: 'problem',
      topic: code === 'PLUGIN_DUPLICATE' ? 'duplicate' : code === 'PLUGIN_INCOMPATIBLE' ? 'incompatible' : 'load error',
      message: `${module}: ${explain(module, error, plugins.root)}`,
    });
  }
  for (const report of empty) {
    const patterns = report.sources.flatMap((source) => source.patterns).join(' ');
    findings.push({ level: 'warning', topic: 'no module', message: `no plugin module matches ${patterns}` });
  }
  const targets = new Set(
    internals(plugins.registry)
      .records()
      .filter((entry) => !entry.lazy)
      .map((entry): unknown => entry.target),
  );
  const silent: DiscoveredModule[] = [];
  for (const module of modules.filter((m) => m.plugins.length === 0)) {
    if (!(await reexportsPlugins(module.file, targets))) silent.push(module);
  }
  for (const message of noPluginHints(silent, registryName(plugins))) {
    findings.push({ level: 'warning', topic: 'no plugin', message });
  }
  return findings;
}

/**
 * Whether a module that registered nothing exports registered plugin classes: a barrel (`index.js` re-exporting
 * the plugin modules), whose plugins were registered by the modules it re-exports. The module was imported
 * already: importing it again only gives back its exports.
 */
async function reexportsPlugins(file: string, targets: ReadonlySet<unknown>): Promise<boolean> {
  try {
    const namespace = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    return Object.values(namespace).some((value) => targets.has(value));
  } catch {
    return false;
  }
}

/** Whether the manifest is fresh; one that is not a valid manifest (or not safe to load) is a problem too. */
async function manifestFinding(file: string, root: string): Promise<Finding> {
  try {
    const check = await checkManifest(file, { root });
    return { level: check.fresh ? 'ok' : 'problem', topic: 'manifest', message: check.message };
  } catch (error) {
    if (!PluginError.is(error) || error.code !== 'PLUGIN_INVALID_MANIFEST') throw error;
    return { level: 'problem', topic: 'manifest', message: errorText(error) };
  }
}

function deprecationFindings(plugins: LoadedPlugins): Finding[] {
  return plugins.registry.deprecations().flatMap((d): Finding[] => {
    if (!plugins.registry.has(d.successor)) {
      return [
        {
          level: 'problem',
          topic: 'deprecated',
          message: `${d.alias} points to ${d.successor}, which is not registered`,
        },
      ];
    }
    if (d.uses > 0) {
      return [
        {
          level: 'problem',
          topic: 'deprecated',
          message: `${d.alias} is in use (${String(d.uses)}x); use ${d.successor}`,
        },
      ];
    }
    return [{ level: 'ok', topic: 'deprecated', message: `${d.alias} -> ${d.successor} (not in use)` }];
  });
}

/**
 * Checks `selection` against the registry without building it, naming every problem at once (unknown aliases,
 * bad options, required and exclusive kinds, every rule); deprecated aliases count as uses.
 */
function selectionFindings(plugins: LoadedPlugins, selection: string | undefined): Finding[] {
  if (selection === undefined) return [];
  const quiet = process.noDeprecation === true;
  process.noDeprecation = true; // the findings name deprecated aliases; no DeprecationWarning on top
  try {
    const review = reviewPluginSelection(selection, plugins.registry);
    if (review.problems.length > 0) {
      return review.problems.map((error) => ({ level: 'problem', topic: 'selection', message: errorText(error) }));
    }
    const chosen = review.plugins.filter((plugin) => !plugin.isDefault).length;
    const defaults = review.plugins.filter((plugin) => plugin.isDefault).map((plugin) => plugin.alias ?? plugin.name);
    const filled = defaults.length > 0 ? `; defaults filled in: ${defaults.join(', ')}` : '';
    return [
      {
        level: 'ok',
        topic: 'selection',
        message: `${plural(chosen, 'plugin')}, all registered; every rule holds${filled}${orderNote(plugins, review.plugins)}`,
      },
    ];
  } catch (error) {
    return [{ level: 'problem', topic: 'selection', message: errorText(error) }];
  } finally {
    process.noDeprecation = quiet;
  }
}

/** `; order: callback: a, b` for the kinds whose plugins declare an order, or '' when none does. */
function orderNote(plugins: LoadedPlugins, checked: readonly SelectedPlugin[]): string {
  const declares = (alias: string | undefined): boolean => {
    const entry = alias === undefined ? undefined : plugins.registry.get(alias);
    return entry !== undefined && (entry.order ?? entry.before ?? entry.after) !== undefined;
  };
  const kinds = new Map<string, string[]>();
  for (const plugin of checked) groupPush(kinds, plugin.kind, plugin.name);
  const ordered = [...kinds].filter(([kind]) =>
    checked.some((plugin) => plugin.kind === kind && declares(plugin.alias)),
  );
  if (ordered.length === 0) return '';
  return `; order: ${ordered.map(([kind, names]) => `${kind}: ${names.join(', ')}`).join('; ')}`;
}

function explain(module: string, error: unknown, root: string): string {
  // Node's message names install paths and the "Require stack": paths are shown relative to the root.
  const message = errorText(error, [root]);
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ERR_UNKNOWN_FILE_EXTENSION' && /\.[cm]?tsx?$/.test(module)) {
    return `${message}\n  TypeScript plugin modules are loaded with tsx when this project has it: npm install --save-dev tsx`;
  }
  return message;
}
