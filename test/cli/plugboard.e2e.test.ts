import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { makeApp, makeMessyApp } from './fixture-app.js';
import {
  buildPlugboard,
  linkPackage,
  makeTempDir,
  plainEnv,
  repoRoot,
  runPlugboard,
  writeFiles,
} from './plugboard-package.js';

// GitHub issue 5: the `plugboard` command, built and run as a process in projects on disk.
const timeout = 60_000;
let work: { dir: string; remove: () => void } | undefined;
let pkg = '';
let app = '';
let copies = 0;

beforeAll(() => {
  work = makeTempDir('plugboard-cli');
  pkg = buildPlugboard(work.dir);
  app = makeApp(path.join(work.dir, 'app'), pkg);
}, timeout);

afterAll(() => work?.remove());

const plugboard = (args: readonly string[], cwd = app, env?: Record<string, string>) =>
  runPlugboard(pkg, args, env === undefined ? { cwd } : { cwd, env });

/** A copy of the fixture project, for a test that changes files. */
function appCopy(): string {
  copies += 1;
  const copy = path.join(work?.dir ?? '', `app-${String(copies)}`);
  cpSync(app, copy, { recursive: true, verbatimSymlinks: true });
  return copy;
}

/** The plugin modules a run imported, from the trace the fixture modules write. */
function importedBy(args: readonly string[], cwd = app): { status: number | null; stdout: string; imported: string[] } {
  const traceFile = path.join(cwd, `trace-${String(Date.now())}.txt`);
  const result = plugboard(args, cwd, plainEnv({ PLUGBOARD_TRACE: traceFile }));
  const imported = existsSync(traceFile) ? readFileSync(traceFile, 'utf8').trim().split('\n') : [];
  rmSync(traceFile, { force: true });
  return { status: result.status, stdout: result.stdout, imported };
}

describe('plugboard (usage)', () => {
  it('explains itself with --help: commands, plugin sources, TypeScript, exit codes', () => {
    const { status, stdout } = plugboard(['--help']);

    expect(status).toBe(0);
    expect(stdout).toContain('Usage: plugboard [options] [command]');
    for (const command of ['list', 'describe', 'recommend', 'manifest', 'doctor'])
      expect(stdout).toContain(`  ${command} `);
    expect(stdout).toContain('TypeScript (.ts) plugin and registry modules are loaded with tsx');
    expect(stdout).toContain('--registry ./src/registry.js#appRegistry');
    expect(stdout).toContain('Exit codes: 0 ok, 1 problems found');
  });

  it('exits 2 with a suggestion for an unknown command or option, and with the help for no command', () => {
    const command = plugboard(['lst']);
    const option = plugboard(['list', '--jsn']);
    const none = plugboard([]);
    const help = plugboard(['help', 'recommend']);

    expect([none.status, none.stderr.split('\n')[0]]).toEqual([2, 'Usage: plugboard [options] [command]']);
    expect([help.status, help.stdout.split('\n')[0]]).toEqual([0, 'Usage: plugboard recommend [options]']);
    expect([command.status, command.stderr]).toEqual([2, "error: unknown command 'lst'\n(Did you mean list?)\n"]);
    expect([option.status, option.stderr]).toEqual([2, "error: unknown option '--jsn'\n(Did you mean --json?)\n"]);
  });
});

describe('plugboard list', () => {
  it("prints a table of the project's plugins and the installed plugin package's", () => {
    const { status, stdout, stderr } = plugboard(['list']);

    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toBe(
      [
        'Alias                     Kind       Description                             Recommended when',
        '─'.repeat(119),
        'bf16-mixed                precision  bfloat16 mixed precision',
        'ddp                       strategy   Distributed data parallel               the model fits one device',
        'deepspeed                 strategy   DeepSpeed ZeRO stage 2                  model states do not fit one device',
        'deepspeed_zero_3_offload  strategy   ZeRO stage 3 with CPU offload           largest models, little GPU memory',
        'tpu                       strategy   Data parallel on TPU cores through XLA  TPUs are attached',
        'tpu_spmd                  strategy   SPMD sharding on TPU pods               a TPU pod and a model larger than one core',
        'xla-bf16                  precision  bfloat16 on TPUs through XLA            training on TPUs',
        '7 plugins (2 precision, 5 strategy)',
        '',
      ].join('\n'),
    );
  });

  it('filters by a wildcard name and prints JSON for programs', () => {
    const { status, stdout } = plugboard(['list', 'DeepSpeed*', '--json']);
    const listed = JSON.parse(stdout) as { alias: string; module: string; schema: unknown }[];

    expect(status).toBe(0);
    expect(listed.map(({ alias, module, schema }) => ({ alias, module, schema }))).toEqual([
      { alias: 'deepspeed', module: 'plugins/deepspeed.js', schema: 'handmade' },
      { alias: 'deepspeed_zero_3_offload', module: 'plugins/deepspeed.js', schema: 'handmade' },
    ]);
  });

  it('prints a Markdown table of one kind', () => {
    const { stdout } = plugboard(['list', '--kind', 'precision', '--markdown']);

    expect(stdout).toBe(
      [
        '| Alias | Kind | Description | Recommended when |',
        '| --- | --- | --- | --- |',
        '| bf16-mixed | precision | bfloat16 mixed precision |  |',
        '| xla-bf16 | precision | bfloat16 on TPUs through XLA | training on TPUs |',
        '',
      ].join('\n'),
    );
  });

  it('uses colour only when asked for by FORCE_COLOR, and never with NO_COLOR or --no-color', () => {
    const escape = '\u001b[';
    const plain = plugboard(['list']).stdout; // not a terminal
    const forced = plugboard(['list'], app, plainEnv({ FORCE_COLOR: '1' })).stdout;
    const noColor = plugboard(['list'], app, plainEnv({ FORCE_COLOR: '1', NO_COLOR: '1' })).stdout;
    const flag = plugboard(['list', '--no-color'], app, plainEnv({ FORCE_COLOR: '1' })).stdout;

    expect([plain, forced, noColor, flag].map((out) => out.includes(escape))).toEqual([false, true, false, false]);
  });
});

describe('plugboard describe', () => {
  it('shows everything about one plugin', () => {
    const { status, stdout } = plugboard(['describe', 'DeepSpeed-Zero-3-Offload']);

    expect(status).toBe(0);
    expect(stdout).toBe(
      [
        'deepspeed_zero_3_offload',
        '  kind                strategy',
        '  class               DeepSpeedStrategy',
        '  module              plugins/deepspeed.js',
        '  registered at       plugins/deepspeed.js:29',
        '  description         ZeRO stage 3 with CPU offload',
        '  recommended when    largest models, little GPU memory',
        '  recommend()         yes: registry.recommend(env) can choose it',
        '  scope               transient',
        '  params              {',
        '                        "stage": 3,',
        '                        "offloadOptimizer": true',
        '                      }',
        // issue 22: says plainly which keys are taken, instead of "any"
        '  option keys         stage, offloadOptimizer; any other its schema keeps (it cannot list its keys); one it drops is refused',
        '  schema              yes (handmade, Standard Schema)',
        '  deprecated aliases  deepspeed_stage_3_offload',
        '',
      ].join('\n'),
    );
  });

  it('follows a deprecated alias and says so', () => {
    const { status, stdout, stderr } = plugboard(['describe', 'deepspeed_stage_3_offload']);

    expect(status).toBe(0);
    expect(stdout.split('\n')[0]).toBe('deepspeed_zero_3_offload');
    expect(stderr).toBe(
      'note: deepspeed_stage_3_offload is a deprecated alias of deepspeed_zero_3_offload. Removed in 2.0.\n',
    );
  });

  it("exits 2 for an unknown alias with the library's did-you-mean message and no stack trace", () => {
    const { status, stdout, stderr } = plugboard(['describe', 'deepsped']);

    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'error: No plugin "deepsped". Did you mean "deepspeed"? ' +
        'Available: bf16-mixed, ddp, deepspeed, deepspeed_zero_3_offload, tpu, tpu_spmd, xla-bf16.\n',
    );
  });
});

describe('plugboard recommend', () => {
  it('ranks the plugins whose predicate holds for the environment given as flags', () => {
    const { status, stdout } = plugboard(['recommend', '--env', 'gpus=4', '--env', 'modelGb=40', '--kind', 'strategy']);

    expect(status).toBe(0);
    expect(stdout).toBe(
      [
        'Alias                     Kind      Score  Why',
        '─'.repeat(76),
        'deepspeed_zero_3_offload  strategy  3      largest models, little GPU memory',
        'ddp                       strategy  1      the model fits one device',
        '',
      ].join('\n'),
    );
  });

  it('coerces numbers and booleans, and exits 2 for a flag without a value', () => {
    const json = plugboard(['recommend', '--env', 'tpus=16', '--env', 'spot=true', '--env', 'zone=eu', '--json']);
    const bad = plugboard(['recommend', '--env', 'gpus']);

    expect(JSON.parse(json.stdout)).toEqual({
      env: { tpus: 16, spot: true, zone: 'eu' },
      recommendations: [
        { alias: 'tpu_spmd', kind: 'strategy', score: 2, reason: 'a TPU pod and a model larger than one core' },
        { alias: 'tpu', kind: 'strategy', score: 1, reason: 'TPUs are attached' },
      ],
      notAsked: [],
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe(
      "error: option '-e, --env <key=value>' argument 'gpus' is invalid. " +
        'expected key=value, such as gpus=4 or offload=true, got "gpus".\n',
    );
  });
});

describe('plugboard manifest', () => {
  it(
    'writes a manifest from which list, describe and recommend import no plugin module',
    () => {
      const project = appCopy();

      const written = plugboard(['manifest'], project);
      const check = plugboard(['manifest', '--check'], project);
      const list = importedBy(['list', '--manifest', 'plugboard.manifest.json'], project);
      const describe = importedBy(['describe', 'ddp', '--manifest', 'plugboard.manifest.json'], project);
      const recommend = importedBy(['recommend', '--env', 'gpus=4', '-m', 'plugboard.manifest.json'], project);

      expect([written.status, written.stdout]).toEqual([
        0,
        'Wrote plugboard.manifest.json: 7 plugins from 5 modules (1 package).\n',
      ]);
      expect([check.status, check.stdout]).toEqual([0, 'ok "plugboard.manifest.json" is up to date.\n']);
      expect(list).toMatchObject({ status: 0, imported: [] });
      expect(list.stdout).toContain('7 plugins (2 precision, 5 strategy)');
      expect(describe).toMatchObject({ status: 0, imported: [] });
      expect(describe.stdout).toContain(
        '  loaded            no: known from the manifest; its module is imported on first resolve',
      );
      expect(recommend).toMatchObject({
        status: 0,
        imported: [],
        stdout: 'No plugin is recommended for {"gpus":4}.\n',
      });
    },
    timeout,
  );

  it(
    'asks the recommend() predicates of manifest plugins with --load, importing only their modules',
    () => {
      const project = appCopy();
      plugboard(['manifest'], project);

      const args = ['recommend', '--env', 'gpus=4', '-m', 'plugboard.manifest.json', '--load', '--kind', 'strategy'];
      const { stdout, imported } = importedBy(args, project);

      expect(stdout).toBe(
        ['Alias  Kind      Score  Why', '─'.repeat(49), 'ddp    strategy  1      the model fits one device', ''].join(
          '\n',
        ),
      );
      // The modules of ddp, deepspeed_zero_3_offload and the TPU strategies; not precision.js.
      expect(imported).toEqual(['plugins/ddp.js', 'plugins/deepspeed.js']);
    },
    timeout,
  );

  it(
    'lets a program resolve plugins from the manifest, importing a module on first resolve',
    () => {
      const project = appCopy();
      plugboard(['manifest'], project);
      writeFiles(project, {
        'main.js': `import 'reflect-metadata';
import { PluginResolver, createPluginContainer, loadManifest, pluginsRegistry } from 'plugboard';
loadManifest('plugboard.manifest.json');
const listed = pluginsRegistry.availablePlugins().length;
const ddp = createPluginContainer().get(PluginResolver).resolve('ddp', { workers: 8 });
console.log(JSON.stringify({ listed, class: ddp.constructor.name, options: ddp.options }));
`,
      });
      linkPackage(project, 'reflect-metadata', path.join(repoRoot, 'node_modules/reflect-metadata'));
      const traceFile = path.join(project, 'trace.txt');

      const run = spawnSync(process.execPath, ['main.js'], {
        cwd: project,
        encoding: 'utf8',
        env: plainEnv({ PLUGBOARD_TRACE: traceFile }),
      });

      expect(run.stderr).toBe('');
      expect(JSON.parse(run.stdout)).toEqual({ listed: 7, class: 'DdpStrategy', options: { workers: 8 } });
      expect(readFileSync(traceFile, 'utf8')).toBe('plugins/ddp.js\n');
    },
    timeout,
  );

  it(
    'detects a stale manifest, names what changed and the command that refreshes it, and exits 1',
    () => {
      const project = appCopy();
      plugboard(['manifest', 'plugins.json', '--plugins', 'plugins/*.js', '--no-packages'], project);
      appendFileSync(path.join(project, 'plugins/ddp.js'), '// edited\n');
      rmSync(path.join(project, 'plugins/precision.js'));
      writeFileSync(path.join(project, 'plugins/fsdp.js'), 'export {};\n');

      const check = plugboard(['manifest', 'plugins.json', '--check'], project);
      const list = plugboard(['list', '--manifest', 'plugins.json'], project);

      const message =
        '"plugins.json" is stale (changed: plugins/ddp.js; added: plugins/fsdp.js; removed: plugins/precision.js). ' +
        'Run "npx plugboard manifest plugins.json --plugins \'plugins/*.js\' --no-packages" to refresh it.';
      expect([check.status, check.stdout, check.stderr]).toEqual([1, '', `stale: ${message}\n`]);
      expect([list.status, list.stderr]).toEqual([1, `warning: ${message}\n`]);
    },
    timeout,
  );
});

describe('plugboard doctor', () => {
  it('finds no problem in a healthy project and exits 0', () => {
    const { status, stdout } = plugboard(['doctor']);

    expect(stdout).toBe(
      [
        '✔ plugins: 7 plugins from 5 modules (1 plugin package)',
        '✔ deprecated: deepspeed_stage_3_offload -> deepspeed_zero_3_offload (not in use)',
        'No problems found.',
        '',
      ].join('\n'),
    );
    expect(status).toBe(0);
  });

  it(
    'reports modules that fail to load, duplicates, a package pointing outside itself and deprecated aliases in use',
    () => {
      const messy = makeMessyApp(path.join(work?.dir ?? '', 'messy'), pkg);

      const doctor = plugboard(['doctor', '--selection', 'deepspeed_stage_3_offload, ddp(workers=4)'], messy);
      const list = plugboard(['list', '--json'], messy);

      expect(doctor.status).toBe(1);
      const lines = doctor.stdout.split('\n');
      expect(lines).toContain("✖ load error: more-plugins/broken.js: Unexpected token '='");
      expect(lines).toContain(
        '✖ duplicate: plugins/ddp.js: Alias "ddp" is already registered by DdpV2 (more-plugins/ddp-v2.js:3); ' +
          'cannot register DdpStrategy (plugins/ddp.js:11). Pass { override: true } to replace it.',
      );
      expect(lines).toContain(
        `✖ load error: evil-plugin: Package "evil-plugin" declares plugin module "../../plugins/*.js", which points ` +
          // Issue 12: paths in the doctor's findings are relative to the project, not install paths.
          'outside the package ("./node_modules/evil-plugin"); none of its modules were imported. ' +
          'A package may only declare its own files.',
      );
      expect(lines).toContain('✖ deprecated: deepspeed_stage_3_offload is in use (1x); use deepspeed_zero_3_offload');
      expect(lines.at(-2)).toBe('4 problems found.');
      // Listings still work, with a warning, and exit 1 as --help says (issue 13).
      expect(list.status).toBe(1);
      expect((JSON.parse(list.stdout) as { alias: string }[]).map((p) => p.alias)).toContain('tpu');
      expect(list.stderr).toBe(
        'warning: 3 plugin modules failed to load: "more-plugins/broken.js", "plugins/ddp.js", "evil-plugin". ' +
          'Run "plugboard doctor" to see why.\n',
      );
    },
    timeout,
  );

  it(
    'reports a stale manifest',
    () => {
      const project = appCopy();
      plugboard(['manifest'], project);
      appendFileSync(path.join(project, 'plugins/ddp.js'), '// edited\n');

      const { status, stdout } = plugboard(['doctor'], project);

      expect(status).toBe(1);
      expect(stdout).toContain(
        '✖ manifest: "plugboard.manifest.json" is stale (changed: plugins/ddp.js). ' +
          'Run "npx plugboard manifest" to refresh it.',
      );
    },
    timeout,
  );
});

describe('TypeScript plugin modules', () => {
  const fsdp = `import { registerPlugin } from 'plugboard';
interface FsdpOptions { shards: number }
export class FsdpStrategy {
  constructor(readonly options: FsdpOptions) {}
}
registerPlugin(FsdpStrategy, { alias: 'fsdp', kind: 'strategy', params: { shards: 4 } satisfies FsdpOptions });
`;

  it(
    "load with the project's tsx, which the command registers itself (issue 13)",
    () => {
      const project = appCopy();
      writeFiles(project, { 'src/plugins/fsdp.ts': fsdp });
      linkPackage(project, 'tsx', path.join(repoRoot, 'node_modules/tsx'));

      const list = plugboard(['list', '--plugins', 'src/plugins/*.ts', '--no-packages', '--json'], project);
      const withLoader = runPlugboard(pkg, ['list', '--plugins', 'src/plugins/*.ts', '--no-packages', '--json'], {
        cwd: project,
        nodeArgs: ['--import', 'tsx'],
      });

      expect([list.status, list.stderr]).toEqual([0, '']);
      expect(JSON.parse(list.stdout)).toMatchObject([{ alias: 'fsdp', params: { shards: 4 } }]);
      expect(withLoader.status).toBe(0);
    },
    timeout,
  );

  it(
    'exit 2 with one line that says how to run them when tsx is not installed (issue 13)',
    () => {
      const project = appCopy();
      writeFiles(project, { 'src/plugins/fsdp.ts': fsdp });

      const { status, stdout, stderr } = plugboard(
        ['doctor', '--plugins', 'src/plugins/*.ts', '--no-packages'],
        project,
      );

      expect([status, stdout]).toEqual([2, '']);
      expect(stderr).toBe(
        'error: src/plugins/*.ts is TypeScript, which plugboard loads with tsx: install it in this project ' +
          '(npm install --save-dev tsx), or run the command with a loader of your own: ' +
          'node --import <loader> node_modules/plugboard/bin/plugboard.js ...\n',
      );
    },
    timeout,
  );
});

// Issue 16: a JSON Schema of the plugins option, from a manifest without importing plugin modules.
describe('plugboard schema', () => {
  it(
    'writes the same JSON Schema from a manifest, importing no plugin module, as from the plugin modules',
    () => {
      const project = appCopy();
      plugboard(['manifest'], project);

      const fromManifest = importedBy(['schema', '--manifest', 'plugboard.manifest.json', '--config'], project);
      const fromModules = plugboard(['schema', '--config'], project);

      expect(fromManifest).toMatchObject({ status: 0, imported: [] });
      expect(fromModules.status).toBe(0);
      expect(JSON.parse(fromManifest.stdout)).toEqual(JSON.parse(fromModules.stdout));
      const schema = JSON.parse(fromModules.stdout) as {
        properties: Record<string, unknown>;
        $defs: Record<string, unknown>;
      };
      expect(Object.keys(schema.properties)).toEqual(['$schema', 'plugins']);
      expect(schema.$defs['options.deepspeed']).toMatchObject({
        type: 'object',
        $comment: 'open: the plugin schema cannot describe itself as JSON Schema',
      });
      expect(schema.$defs['options.ddp']).toMatchObject({
        properties: { workers: { type: 'number', default: 2 } },
        additionalProperties: false,
      });

      appendFileSync(path.join(project, 'plugins/ddp.js'), '\n// changed\n');
      const stale = plugboard(['schema', '--manifest', 'plugboard.manifest.json'], project);

      expect(stale.status).toBe(1);
      expect(stale.stderr).toMatch(/^warning: .*plugins\/ddp\.js/);
    },
    timeout,
  );

  it(
    'writes a file with --out, draft-07 with --draft 07, one kind with --kind, and refuses an unknown draft',
    () => {
      const project = appCopy();

      const written = plugboard(
        ['schema', '--out', 'plugins.schema.json', '--draft', '07', '--kind', 'precision'],
        project,
      );
      const wrongDraft = plugboard(['schema', '--draft', '04'], project);
      const wrongKind = plugboard(['schema', '--kind', 'strategyy'], project);
      // Issue 23: a folder that does not exist yet is made, as `manifest [file]` makes it.
      const nested = plugboard(['schema', '--out', 'schemas/new/plugins.schema.json'], project);
      const indented = plugboard(['schema'], project);
      const compact = plugboard(['schema', '--compact'], project);

      expect([nested.status, nested.stdout, nested.stderr]).toEqual([
        0,
        `Wrote ${path.join('schemas', 'new', 'plugins.schema.json')} (JSON Schema draft 2020-12).\n`,
        '',
      ]);
      expect(JSON.parse(readFileSync(path.join(project, 'schemas/new/plugins.schema.json'), 'utf8'))).toHaveProperty(
        '$defs',
      );
      // --compact writes the same schema without indentation.
      expect(compact.status).toBe(0);
      expect(compact.stdout).toBe(`${JSON.stringify(JSON.parse(indented.stdout))}\n`);
      expect(compact.stdout.length).toBeLessThan(indented.stdout.length);

      expect([written.status, written.stdout]).toEqual([0, 'Wrote plugins.schema.json (JSON Schema draft 07).\n']);
      const schema = JSON.parse(readFileSync(path.join(project, 'plugins.schema.json'), 'utf8')) as {
        $schema: string;
        definitions: Record<string, unknown>;
      };
      expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
      expect(Object.keys(schema.definitions).filter((name) => name.startsWith('options.'))).toEqual([
        'options.bf16-mixed',
        'options.xla-bf16',
      ]);
      expect(wrongDraft.status).toBe(2);
      expect(wrongDraft.stderr).toContain("argument '04' is invalid. Allowed choices are 2020-12, 07.");
      expect([wrongKind.status, wrongKind.stderr]).toEqual([
        1,
        'error: No plugin of kind "strategyy". Kinds: precision, strategy.\n',
      ]);
    },
    timeout,
  );
});
