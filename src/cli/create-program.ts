import { Command } from 'commander';
import type { CliIo } from './cli-io.js';
import type { CommandContext } from './command-context.js';
import { describeCommand } from './describe-command.js';
import { doctorCommand } from './doctor-command.js';
import { explainCommand } from './explain-command.js';
import { listCommand } from './list-command.js';
import { lockCommand } from './lock-command.js';
import { manifestCommand } from './manifest-command.js';
import { recommendCommand } from './recommend-command.js';
import { schemaCommand } from './schema-command.js';
import { terminalStyle } from './terminal-style.js';
import { plugboardVersion } from '../discovery/plugboard-version.js';

const EXAMPLES = `
Where plugins come from:
  --manifest <file>         a manifest written by "plugboard manifest" (no plugin module is imported)
  --plugins <glob...>       plugin modules to import, such as 'dist/plugins/*.js' (quote the globs)
  package.json              else the "plugboard": { "plugins": [...] } field of ./package.json
  plugin packages           and the installed dependencies whose package.json has that field
                            (not with --manifest, which holds them, or --no-packages)

Which registry: --registry ./src/registry.js#appRegistry (a module's export; without #, its default export),
else the "plugboard": { "registry": ... } field of ./package.json, else the global pluginsRegistry.

TypeScript (.ts) plugin and registry modules are loaded with tsx when the project has it installed
(npm install --save-dev tsx); the "plugboard": { "tsconfig": ... } field names the tsconfig it uses.

Examples:
  plugboard list 'deepspeed*'
  plugboard list --registry ./dist/registry.js#appRegistry --plugins 'dist/plugins/*.js'
  plugboard describe deepspeed_zero_3_offload
  plugboard recommend --env gpus=4 --env modelGb=40 --kind strategy
  plugboard manifest && plugboard list --manifest plugboard.manifest.json
  plugboard schema --manifest plugboard.manifest.json --config --out plugins.schema.json
  plugboard doctor --selection 'ddp(workers=4), bf16-mixed'

Exit codes: 0 ok, 1 problems found (doctor, a stale manifest, a plugin that failed), 2 usage error or unknown alias.
`;

/** The `plugboard` program: its subcommands, help, and output through `io`. */
export function createProgram(io: CliIo, context: CommandContext): Command {
  const colors = terminalStyle(io.stdout, io.env, undefined);
  const program = new Command('plugboard')
    .description('List, describe, recommend and check the plugins of a plugboard registry.')
    .version(plugboardVersion(), '-V, --version')
    .helpCommand(true)
    .showSuggestionAfterError(true)
    .configureHelp({ showGlobalOptions: false, styleTitle: (title) => colors.bold(title) })
    .addHelpText('after', EXAMPLES)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      getOutHasColors: () => colors.enabled,
      getErrHasColors: () => terminalStyle(io.stderr, io.env, undefined).enabled,
    });
  for (const command of [
    listCommand,
    describeCommand,
    recommendCommand,
    manifestCommand,
    schemaCommand,
    doctorCommand,
    explainCommand,
    lockCommand,
  ]) {
    program.addCommand(command(context).exitOverride().showSuggestionAfterError(true));
  }
  return program;
}
