import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildPlugboard, linkPackage, makeTempDir, repoRoot, runPlugboard, writeFiles } from './plugboard-package.js';

// Issue 13: the command inspects the registry a framework keeps (--registry, or package.json), and the manifest
// command never replaces a good manifest with an empty one.
const timeout = 60_000;
let work: { dir: string; remove: () => void } | undefined;
let pkg = '';
let projects = 0;

beforeAll(() => {
  work = makeTempDir('plugboard-registry');
  pkg = buildPlugboard(work.dir);
}, timeout);

afterAll(() => work?.remove());

const registryModule = `import { PluginRegistry } from 'plugboard';
export const appRegistry = new PluginRegistry();
appRegistry.defineKind('strategy', { exclusive: true });
appRegistry.deprecate('ddp_spawn', 'ddp', { message: 'Lightning spelling.' });
export default appRegistry;
export const answer = 42;
`;

const pluginModule = (alias: string, className: string): string => `import { registerPlugin } from 'plugboard';
import { appRegistry } from '../src/registry.js';
export class ${className} {}
registerPlugin(${className}, {
  alias: '${alias}',
  kind: 'strategy',
  registry: appRegistry,
  description: '${className}',
  recommend: (env) => env.gpus > 1,
});
`;

/** A framework's project: its registry in src/registry.js, its plugins in plugins/, none in pluginsRegistry. */
function makeProject(field?: Record<string, unknown>, files: Record<string, string> = {}): string {
  projects += 1;
  const dir = path.join(work?.dir ?? '', `project-${String(projects)}`);
  writeFiles(dir, {
    'package.json': JSON.stringify({ name: 'framework', private: true, type: 'module', plugboard: field }),
    'src/registry.js': registryModule,
    'plugins/ddp.js': pluginModule('ddp', 'DdpStrategy'),
    'plugins/fsdp.js': pluginModule('fsdp', 'FsdpStrategy'),
    ...files,
  });
  linkPackage(dir, 'plugboard', pkg);
  return dir;
}

const run = (cwd: string, ...args: string[]) => runPlugboard(pkg, args, { cwd });
const aliases = (stdout: string): string[] => (JSON.parse(stdout) as { alias: string }[]).map((p) => p.alias);
/** Each listed plugin's alias with its deprecated aliases (issue 28: a listing works them out once, not per plugin). */
const deprecatedOf = (stdout: string): [string, string[]][] =>
  (JSON.parse(stdout) as { alias: string; deprecatedAliases: string[] }[]).map((p) => [p.alias, p.deprecatedAliases]);
const DEPRECATED = [
  ['ddp', ['ddp_spawn']],
  ['fsdp', []],
];

describe('plugboard --registry', () => {
  it(
    "lists, describes, recommends and checks a module's registry, and writes its manifest",
    () => {
      const project = makeProject();
      const from = ['--registry', './src/registry.js#appRegistry', '--plugins', 'plugins/*.js'];

      const list = run(project, 'list', '--json', ...from);
      const viaDefault = run(project, 'list', '--json', '--registry', './src/registry.js', '--plugins', 'plugins/*.js');
      const describe = run(project, 'describe', 'ddp_spawn', ...from);
      const recommend = run(project, 'recommend', '--env', 'gpus=2', '--json', ...from);
      const doctor = run(project, 'doctor', '--selection', 'ddp', ...from);
      const manifest = run(project, 'manifest', ...from);
      const fromManifest = run(
        project,
        'list',
        '--json',
        '--registry',
        './src/registry.js',
        '-m',
        'plugboard.manifest.json',
      );

      expect([list.status, list.stderr, aliases(list.stdout)]).toEqual([0, '', ['ddp', 'fsdp']]);
      expect(deprecatedOf(list.stdout)).toEqual(DEPRECATED);
      expect(aliases(viaDefault.stdout)).toEqual(['ddp', 'fsdp']);
      expect(describe.status).toBe(0);
      expect(describe.stdout).toContain('deprecated aliases  ddp_spawn');
      expect(describe.stderr).toBe('note: ddp_spawn is a deprecated alias of ddp. Lightning spelling.\n');
      expect(JSON.parse(recommend.stdout)).toMatchObject({ recommendations: [{ alias: 'ddp' }, { alias: 'fsdp' }] });
      expect([doctor.status, doctor.stdout.split('\n')[0]]).toEqual([0, '✔ plugins: 2 plugins from 2 modules']);
      expect([manifest.status, manifest.stdout]).toEqual([
        0,
        'Wrote plugboard.manifest.json: 2 plugins from 2 modules.\n',
      ]);
      expect(readFileSync(path.join(project, 'plugboard.manifest.json'), 'utf8')).toContain(
        '"refresh": "npx plugboard manifest --plugins \'plugins/*.js\' --registry ./src/registry.js#appRegistry"',
      );
      expect([fromManifest.status, fromManifest.stderr, aliases(fromManifest.stdout)]).toEqual([
        0,
        '',
        ['ddp', 'fsdp'],
      ]);
      expect(deprecatedOf(fromManifest.stdout)).toEqual(deprecatedOf(list.stdout));
    },
    timeout,
  );

  it(
    'list and describe say which modules registered no plugin into the registry they read (issue 27)',
    () => {
      // The plugins register into appRegistry; the command, not told so, reads the default registry.
      const project = makeProject();

      const list = run(project, 'list', '--plugins', 'plugins/*.js');
      const describe = run(project, 'describe', 'ddp', '--plugins', 'plugins/*.js');
      const doctor = run(project, 'doctor', '--plugins', 'plugins/*.js');

      const hint = (module: string): string =>
        `warning: ${module} registered no plugin (does it register into another registry than the default one, ` +
        'pluginsRegistry?). Run "plugboard doctor" for more.\n';
      expect([list.status, list.stdout, list.stderr]).toEqual([
        0,
        'No plugins.\n',
        hint('plugins/ddp.js') + hint('plugins/fsdp.js'),
      ]);
      expect(describe.status).toBe(2);
      expect(describe.stderr.startsWith(hint('plugins/ddp.js') + hint('plugins/fsdp.js'))).toBe(true);
      expect(doctor.stdout).toContain(
        '! no plugin: plugins/ddp.js registered no plugin (does it register into another registry than the ' +
          'default one, pluginsRegistry?)',
      );
    },
    timeout,
  );

  it(
    'takes the registry and the plugins from the "plugboard" field of package.json',
    () => {
      const project = makeProject({ registry: './src/registry.js#appRegistry', plugins: ['plugins/*.js'] });

      const list = run(project, 'list', '--json');
      const doctor = run(project, 'doctor', '--selection', 'ddp_spawn');

      expect([list.status, aliases(list.stdout)]).toEqual([0, ['ddp', 'fsdp']]);
      expect(doctor.status).toBe(1);
      expect(doctor.stdout).toContain('✖ deprecated: ddp_spawn is in use (1x); use ddp');
      expect(doctor.stdout).toContain('1 problem found.');
    },
    timeout,
  );

  it(
    'exits 2 with one line for a module or an export that is not there, or that is not a PluginRegistry',
    () => {
      const project = makeProject();
      const errors = [
        './src/missing.js#appRegistry',
        './src/registry.js#appRegistri',
        './src/registry.js#answer',
        './plugins/ddp.js',
      ].map((spec) => run(project, 'list', '--registry', spec));
      const fromField = run(makeProject({ registry: './lib/registry.js' }), 'list');
      writeFiles(project, { 'src/copy.js': 'class PluginRegistry {}\nexport const other = new PluginRegistry();\n' });
      const copy = run(project, 'list', '--registry', './src/copy.js#other');

      expect(errors.map((result) => [result.status, result.stdout, result.stderr])).toEqual([
        [
          2,
          '',
          `error: --registry ./src/missing.js#appRegistry: no such file ${path.join(project, 'src/missing.js')}.\n`,
        ],
        [
          2,
          '',
          'error: --registry ./src/registry.js#appRegistri: ./src/registry.js has no export named appRegistri. ' +
            'Its PluginRegistry exports: appRegistry, default.\n',
        ],
        [
          2,
          '',
          'error: --registry ./src/registry.js#answer: answer is a number, not a PluginRegistry. ' +
            'Its PluginRegistry exports: appRegistry, default.\n',
        ],
        [2, '', 'error: --registry ./plugins/ddp.js: ./plugins/ddp.js has no default export.\n'],
      ]);
      expect([copy.status, copy.stderr]).toEqual([
        2,
        "error: --registry ./src/copy.js#other: other is a PluginRegistry of another copy of plugboard than the command's " +
          '(two copies are installed, or a tsconfig "paths" entry maps plugboard to its sources).\n',
      ]);
      expect([fromField.status, fromField.stderr.split('\n').length]).toEqual([2, 2]);
      expect(fromField.stderr).toMatch(/^error: "plugboard": \{ "registry" \} \.\/lib\/registry\.js: no such file /);
    },
    timeout,
  );

  it(
    'exits 2 with one line when another export of the module is a revoked Proxy or has a throwing constructor getter (issue 22)',
    () => {
      const project = makeProject(undefined, {
        'src/hostile.js':
          'const revocable = Proxy.revocable({}, {});\nrevocable.revoke();\nexport const revoked = revocable.proxy;\n' +
          "export const tricky = { get constructor() { throw new Error('constructor getter'); } };\n" +
          'export const x = 1;\n',
      });

      const results = ['x', 'revoked', 'tricky'].map((name) =>
        run(project, 'list', '--registry', `./src/hostile.js#${name}`),
      );

      expect(results.map((result) => [result.status, result.stdout, result.stderr])).toEqual([
        [2, '', 'error: --registry ./src/hostile.js#x: x is a number, not a PluginRegistry.\n'],
        [
          2,
          '',
          'error: --registry ./src/hostile.js#revoked: revoked is an object that throws when read, not a PluginRegistry.\n',
        ],
        [
          2,
          '',
          'error: --registry ./src/hostile.js#tricky: tricky is an object that throws when read, not a PluginRegistry.\n',
        ],
      ]);
    },
    timeout,
  );

  it(
    'exits 2 with one line for a "plugins" field that is not a list (issue 22)',
    () => {
      const result = run(makeProject({ plugins: 'x' }), 'list');

      expect([result.status, result.stdout, result.stderr]).toEqual([
        2,
        '',
        'error: The "plugboard" field in the package.json of this project must look like ' +
          '{ "plugins": ["./dist/plugins/*.js"] }: a list of glob patterns of plugin modules, relative to the package.\n',
      ]);
    },
    timeout,
  );

  it(
    'does not flag a barrel index.js that re-exports the plugin modules as registering no plugin (issue 27)',
    () => {
      const project = makeProject(undefined, {
        'plugins/index.js': "export * from './ddp.js';\nexport { FsdpStrategy as Fsdp } from './fsdp.js';\n",
        'plugins/empty.js': 'export const nothing = 1;\n',
      });

      const doctor = run(project, 'doctor', '--registry', './src/registry.js#appRegistry', '--plugins', 'plugins/*.js');

      expect(doctor.stdout).toContain('✔ plugins: 2 plugins from 4 modules');
      expect(doctor.stdout).not.toContain('plugins/index.js registered no plugin');
      expect(doctor.stdout).toContain('plugins/empty.js registered no plugin');
    },
    timeout,
  );

  it(
    "loads a TypeScript registry module with the project's tsx",
    () => {
      const project = makeProject(
        { registry: './src/app-registry.ts#appRegistry', plugins: ['plugins/*.js'] },
        {
          'src/app-registry.ts': `export { appRegistry } from './registry.js';\nconst typed: number = 1;\nvoid typed;\n`,
        },
      );
      const without = run(project, 'list');
      linkPackage(project, 'tsx', path.join(repoRoot, 'node_modules/tsx'));

      const list = run(project, 'list', '--json');

      expect([without.status, without.stderr.split('\n').length]).toEqual([2, 2]);
      expect(without.stderr).toContain('./src/app-registry.ts is TypeScript, which plugboard loads with tsx');
      expect([list.status, list.stderr, aliases(list.stdout)]).toEqual([0, '', ['ddp', 'fsdp']]);
      expect(deprecatedOf(list.stdout)).toEqual(DEPRECATED);
    },
    timeout,
  );
});

describe('plugboard manifest without sources', () => {
  it(
    'writes the manifest again from the sources recorded in it, and refuses to empty it',
    () => {
      const project = makeProject({ registry: './src/registry.js#appRegistry' });
      const file = path.join(project, 'out/plugins/manifest.json');

      const first = run(project, 'manifest', 'out/plugins/manifest.json', '--plugins', 'plugins/*.js');
      writeFiles(project, { 'plugins/deepspeed.js': pluginModule('deepspeed', 'DeepSpeedStrategy') });
      const again = run(project, 'manifest', 'out/plugins/manifest.json');
      const written = readFileSync(file, 'utf8');
      const empty = run(project, 'manifest', 'out/plugins/manifest.json', '--plugins', 'nothing/*.js');
      const none = run(project, 'manifest', 'other.json');
      const noneWrote = existsSync(path.join(project, 'other.json'));
      const allowed = run(project, 'manifest', 'other.json', '--allow-empty');

      expect([first.status, first.stdout]).toEqual([0, 'Wrote out/plugins/manifest.json: 2 plugins from 2 modules.\n']);
      expect([again.status, again.stdout]).toEqual([0, 'Wrote out/plugins/manifest.json: 3 plugins from 3 modules.\n']);
      expect([empty.status, empty.stdout]).toEqual([1, '']);
      expect(empty.stderr).toBe(
        'error: no plugin found; out/plugins/manifest.json lists 3 plugins, so nothing was written. Check the plugin ' +
          'patterns, or a "plugboard": { "plugins": [...] } field in package.json; --allow-empty writes an empty manifest.\n',
      );
      expect(readFileSync(file, 'utf8')).toBe(written);
      expect([none.status, noneWrote]).toEqual([2, false]);
      expect([allowed.status, allowed.stdout]).toEqual([0, 'Wrote other.json: 0 plugins from 0 modules.\n']);
      writeFileSync(path.join(project, 'other.json'), 'not a manifest');
      expect(run(project, 'manifest', 'other.json', '--plugins', 'plugins/*.js').status).toBe(0);
    },
    timeout,
  );
});
