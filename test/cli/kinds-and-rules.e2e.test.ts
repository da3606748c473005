import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildPlugboard, linkPackage, makeTempDir, runPlugboard, writeFiles } from './plugboard-package.js';

// Issue 14: kind defaults and rules between plugins, as the command shows and checks them.
const timeout = 60_000;
let work: { dir: string; remove: () => void } | undefined;
let pkg = '';
let app = '';
/** The same plugins, where an accelerator must be chosen and has no default. */
let strictApp = '';

const plugins = `import { pluginsRegistry, registerPlugin } from 'plugboard';

export class Strategy { constructor(options) { this.options = options; } }
export class Precision { constructor(options) { this.options = options; } }

pluginsRegistry.defineKind('strategy', { exclusive: true, default: 'single_device' });
pluginsRegistry.defineKind('precision', { exclusive: true, default: '32-true' });
registerPlugin(Strategy, { alias: 'single_device', kind: 'strategy' });
registerPlugin(Strategy, { alias: 'ddp', kind: 'strategy' });
registerPlugin(Strategy, {
  alias: 'deepspeed_zero_3_offload',
  kind: 'strategy',
  incompatibleWith: ['64-true'],
  check: () => undefined,
});
registerPlugin(Precision, { alias: '32-true', kind: 'precision' });
registerPlugin(Precision, { alias: '64-true', kind: 'precision' });
registerPlugin(Precision, { alias: 'bf16-mixed', kind: 'precision', requires: { strategy: ['ddp', 'deepspeed_zero_3_offload'] } });

export class Callback {}
registerPlugin(Callback, { alias: 'early_stopping', kind: 'callback' });
registerPlugin(Callback, { alias: 'model_checkpoint', kind: 'callback', after: ['early_stopping'], before: [{ kind: 'logger' }] });
registerPlugin(Callback, { alias: 'lr_monitor', kind: 'callback', order: 'first' });
registerPlugin(Callback, { alias: 'loop_a', kind: 'callback', before: ['loop_b'] });
registerPlugin(Callback, { alias: 'loop_b', kind: 'callback', before: ['loop_a'] });
`;

beforeAll(() => {
  work = makeTempDir('plugboard-rules');
  pkg = buildPlugboard(work.dir);
  app = path.join(work.dir, 'app');
  writeFiles(app, {
    'package.json': JSON.stringify({ name: 'rules-app', type: 'module', plugboard: { plugins: ['plugins/*.js'] } }),
    'plugins/trainer.js': plugins,
  });
  linkPackage(app, 'plugboard', pkg);
  strictApp = path.join(work.dir, 'strict-app');
  writeFiles(strictApp, {
    'package.json': JSON.stringify({ name: 'strict-app', type: 'module', plugboard: { plugins: ['plugins/*.js'] } }),
    'plugins/trainer.js': `${plugins}
pluginsRegistry.defineKind('accelerator', { required: true });
registerPlugin(Strategy, { alias: 'cuda', kind: 'accelerator' });
`,
  });
  linkPackage(strictApp, 'plugboard', pkg);
}, timeout);

afterAll(() => work?.remove());

const plugboard = (args: readonly string[]) => runPlugboard(pkg, [...args, '--no-packages'], { cwd: app });

describe('plugboard describe (issue 14)', () => {
  it(
    'shows a kind default and the rules; a predicate is marked as such',
    () => {
      const precision = plugboard(['describe', 'bf16-mixed']).stdout;
      const strategy = plugboard(['describe', 'deepspeed_zero_3_offload']).stdout;
      const fallback = plugboard(['describe', 'single_device']).stdout;

      expect(precision).toMatch(/requires\s+strategy: one of ddp, deepspeed_zero_3_offload/);
      expect(strategy).toMatch(/incompatible with\s+64-true/);
      expect(strategy).toMatch(/check\s+a predicate over the selection \(not shown; checked by resolveAll\)/);
      expect(fallback).toMatch(/kind\s+strategy \(exclusive: one per selection; the default of its kind\)/);
    },
    timeout,
  );
});

describe('plugboard doctor --selection (issue 14)', () => {
  it(
    'checks the rules of a selection without building it, listing every violation',
    () => {
      const { status, stdout } = plugboard(['doctor', '--selection', 'deepspeed_zero_3_offload, 64-true']);

      expect(status).toBe(1);
      expect(stdout).toContain('selection: The plugin selection breaks 1 rule(s):');
      expect(stdout).toContain('"deepspeed_zero_3_offload" cannot run with "64-true" (incompatibleWith)');
      expect(stdout).toContain('Would satisfy it: 32-true, bf16-mixed.');
    },
    timeout,
  );

  it(
    'names the defaults it filled in for a selection that holds',
    () => {
      const { status, stdout } = plugboard(['doctor', '--selection', 'bf16-mixed, ddp']);

      expect(status).toBe(0);
      expect(stdout).toContain('selection: 2 plugins, all registered; every rule holds');
    },
    timeout,
  );

  it(
    'reports a requirement that the filled-in default breaks',
    () => {
      const { status, stdout } = plugboard(['doctor', '--selection', 'bf16-mixed']);

      expect(status).toBe(1);
      expect(stdout).toContain('the selection has "single_device" (the default strategy) (requires)');
    },
    timeout,
  );
});

describe('plugboard doctor --selection lists every problem at once (issue 22)', () => {
  const strict = (args: readonly string[]) => runPlugboard(pkg, [...args, '--no-packages'], { cwd: strictApp });

  it(
    'reports the missing required kind and the broken rule',
    () => {
      const { status, stdout } = strict(['doctor', '--selection', 'deepspeed_zero_3_offload, 64-true']);

      expect(status).toBe(1);
      expect(stdout).toContain(
        'selection: The selection needs a plugin of kind "accelerator", and the kind has no default. Choose one of: cuda.',
      );
      expect(stdout).toContain('"deepspeed_zero_3_offload" cannot run with "64-true" (incompatibleWith)');
      expect(stdout).toContain('2 problems found.');
    },
    timeout,
  );

  it(
    'reports an exclusive conflict and the rules it used to hide',
    () => {
      const { status, stdout } = strict(['doctor', '--selection', 'ddp, deepspeed_zero_3_offload, 64-true, cuda']);

      expect(status).toBe(1);
      expect(stdout).toContain(
        'Only one plugin of kind "strategy" can be selected, got "ddp" and "deepspeed_zero_3_offload".',
      );
      expect(stdout).toContain('"deepspeed_zero_3_offload" cannot run with "64-true" (incompatibleWith)');
    },
    timeout,
  );
});

describe('plugboard manifest (issue 14)', () => {
  it(
    'writes the declarative rules and the kinds, and marks a predicate',
    () => {
      const { status } = plugboard(['manifest']);
      const manifest = JSON.parse(readFileSync(path.join(app, 'plugboard.manifest.json'), 'utf8')) as {
        kinds: unknown;
        plugins: { alias: string; requires?: unknown; incompatibleWith?: unknown; hasCheck?: boolean }[];
      };
      const byAlias = new Map(manifest.plugins.map((plugin) => [plugin.alias, plugin]));

      expect(status).toBe(0);
      expect(manifest.kinds).toEqual({
        precision: { exclusive: true, default: '32-true' },
        strategy: { exclusive: true, default: 'single_device' },
      });
      expect(byAlias.get('bf16-mixed')?.requires).toEqual({ strategy: ['ddp', 'deepspeed_zero_3_offload'] });
      expect(byAlias.get('deepspeed_zero_3_offload')).toMatchObject({ incompatibleWith: ['64-true'], hasCheck: true });
    },
    timeout,
  );
});

describe('order between plugins in the command (issue 24)', () => {
  it(
    'describe shows order, before and after, as text and as --json',
    () => {
      const text = plugboard(['describe', 'model_checkpoint']).stdout;
      const json = JSON.parse(plugboard(['describe', 'lr_monitor', '--json']).stdout) as Record<string, unknown>;

      expect(text).toMatch(/order\s+before every logger; after early_stopping/);
      expect(json).toMatchObject({ order: 'first' });
    },
    timeout,
  );

  it(
    'doctor --selection shows the order used, and reports a cycle as typed',
    () => {
      const ok = plugboard(['doctor', '--selection', 'model_checkpoint, early_stopping, lr_monitor']);
      const cycle = plugboard(['doctor', '--selection', 'Loop-B, loop_a']);

      expect(ok.stdout).toContain('order: callback: lr_monitor, early_stopping, model_checkpoint');
      expect(cycle.status).toBe(1);
      expect(cycle.stdout).toContain('the order declarations form a cycle: Loop-B -> loop_a -> Loop-B');
    },
    timeout,
  );

  it(
    'the manifest holds the declarations',
    () => {
      plugboard(['manifest']);
      const manifest = JSON.parse(readFileSync(path.join(app, 'plugboard.manifest.json'), 'utf8')) as {
        plugins: { alias: string }[];
      };

      expect(manifest.plugins.find((plugin) => plugin.alias === 'model_checkpoint')).toMatchObject({
        after: ['early_stopping'],
        before: [{ kind: 'logger' }],
      });
    },
    timeout,
  );
});
