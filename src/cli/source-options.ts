import { Option, type Command } from 'commander';

/** Where the command finds plugins, as its options say. */
export interface SourceOptions {
  /** Glob patterns of plugin modules, relative to `root`. */
  readonly plugins?: readonly string[];
  /** The module that exports the registry to inspect, `./path.js#exportName` (default: `pluginsRegistry`). */
  readonly registry?: string;
  /** A manifest written by `plugboard manifest`. */
  readonly manifest?: string;
  /** The folder plugin modules may be loaded from. */
  readonly root?: string;
  /** False with `--no-packages`. */
  readonly packages: boolean;
  /** True with `--allow-incompatible`: load plugin packages made for other versions of the registry's host too. */
  readonly allowIncompatible?: boolean;
  /** False with `--no-color`. */
  readonly color?: boolean;
}

/** Adds the options that say where plugins come from (every subcommand takes them). */
export function addSourceOptions(command: Command, withManifest: boolean): Command {
  command
    .option(
      '-p, --plugins <glob...>',
      "plugin modules to import: glob patterns relative to --root, such as 'dist/plugins/*.js' " +
        '(default: the "plugboard": { "plugins": [...] } field of ./package.json)',
    )
    .option('--root <dir>', 'the folder plugin modules may be loaded from; files outside it are refused', '.')
    .option(
      '-r, --registry <module#export>',
      "the framework's own registry to inspect, exported by a module: ./src/registry.js#appRegistry (without #, " +
        'the default export; default: the "plugboard": { "registry" } field of ./package.json, else pluginsRegistry)',
    );
  if (withManifest) {
    command.option(
      '-m, --manifest <file>',
      'a manifest written by "plugboard manifest": list plugins without importing their modules',
    );
  }
  return command
    .option('--no-packages', "do not import plugin packages found among ./package.json's dependencies")
    .option(
      '--allow-incompatible',
      "also import plugin packages whose host range (peerDependencies) excludes the registry's host version",
    )
    .addOption(new Option('--no-color', 'no colours (also: NO_COLOR=1); colour is only used on a terminal'));
}
