import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildPlugboard, linkPackage, makeTempDir, runPlugboard, writeFiles } from './plugboard-package.js';

// Issue 25: `plugboard explain` and `plugboard lock`, run as processes against a project's plugin modules.
const timeout = 60_000;
let work: { dir: string; remove: () => void } | undefined;
let pkg = '';
let app = '';

const strategies = `import { pluginsRegistry, registerPlugin } from 'plugboard';

export class Strategy { constructor(options) { this.options = options; } }
export class Logger { constructor(options) { this.options = options; } }

pluginsRegistry.defineKind('strategy', { exclusive: true, default: 'single_device' });
registerPlugin(Strategy, { alias: 'single_device', kind: 'strategy' });
registerPlugin(Strategy, { alias: 'ddp', kind: 'strategy', params: { workers: 2 } });
registerPlugin(Strategy, { alias: 'fsdp', kind: 'strategy' });
registerPlugin(Logger, { alias: 'wandb', kind: 'logger', params: { project: 'demo' }, secretOptions: ['token'] });
`;

beforeAll(() => {
  work = makeTempDir('plugboard-lock');
  pkg = buildPlugboard(work.dir);
  app = path.join(work.dir, 'app');
  writeFiles(app, {
    'package.json': JSON.stringify({ name: 'lock-app', type: 'module', plugboard: { plugins: ['plugins/*.js'] } }),
    'plugins/trainer.js': strategies,
  });
  linkPackage(app, 'plugboard', pkg);
}, timeout);

afterAll(() => work?.remove());

const plugboard = (args: readonly string[]) => runPlugboard(pkg, [...args, '--no-packages'], { cwd: app });

describe('plugboard explain (issue 25)', () => {
  it(
    'prints each plugin with where it was registered and each option with its origin; a secret as a fingerprint',
    () => {
      const { status, stdout } = plugboard(['explain', '--selection', 'wandb(token=hunter2)', '--no-color']);

      expect(status).toBe(0);
      expect(stdout).toMatch(
        /0\s+wandb\s+logger\s+--selection\s+plugins\/trainer\.js:10\s+project\s+"demo"\s+params of wandb/,
      );
      expect(stdout).toMatch(/token\s+\(secret\) sha256:[0-9a-f]+/);
      expect(stdout).toMatch(/1\s+single_device \(default\)\s+strategy\s+kind default/);
      expect(stdout).not.toContain('hunter2');
    },
    timeout,
  );

  it(
    'prints JSON with --json, and exits 2 for an unknown alias',
    () => {
      const json = JSON.parse(plugboard(['explain', '--selection', 'DDP(workers=4)', '--json']).stdout) as {
        plugins: { typed: string; alias: string; options: unknown[] }[];
      };
      const unknown = plugboard(['explain', '--selection', 'dpp']);

      expect(json.plugins[0]).toMatchObject({
        typed: 'DDP',
        alias: 'ddp',
        options: [{ key: 'workers', value: 4, origin: { from: 'selection', source: '--selection', form: 'text' } }],
      });
      expect(unknown.status).toBe(2);
      expect(unknown.stderr).toContain('Did you mean "ddp"?');
    },
    timeout,
  );

  it(
    'suggests --selection for a mistyped option, and says what is missing without one',
    () => {
      // commander's requiredOption answered "--selection not specified" to a mistyped --selecton.
      const typo = plugboard(['explain', '--selecton', 'ddp', '--no-color']);
      const missing = plugboard(['explain', '--no-color']);

      expect(typo.status).toBe(2);
      expect(typo.stderr).toContain("error: unknown option '--selecton'\n(Did you mean --selection?)");
      expect(missing.status).toBe(2);
      expect(missing.stderr).toBe("error: plugboard explain needs --selection TEXT, such as 'ddp(workers=4)'.\n");
    },
    timeout,
  );
});

describe('plugboard lock (issue 25)', () => {
  it(
    'writes a lock, checks it (exit 0), and exits 1 with a readable diff on drift',
    () => {
      const written = plugboard(['lock', '--selection', 'ddp(workers=4)', '--out', 'plugins.lock.json']);
      const same = plugboard(['lock', '--check', 'plugins.lock.json']);
      const option = plugboard(['lock', '--check', 'plugins.lock.json', '--selection', 'ddp(workers=8)']);
      const replaced = plugboard(['lock', '--check', 'plugins.lock.json', '--selection', 'fsdp', '--no-color']);
      writeFileSync(path.join(app, 'plugins/trainer.js'), `${strategies}// one more line\n`);
      const module = plugboard(['lock', '--check', 'plugins.lock.json', '--no-color']);
      writeFileSync(path.join(app, 'plugins/trainer.js'), strategies);

      expect(written.status).toBe(0);
      expect(written.stdout).toMatch(/^Wrote plugins\.lock\.json: 1 plugin\(s\), sha256:[0-9a-f]{64}\n$/);
      expect(JSON.parse(readFileSync(path.join(app, 'plugins.lock.json'), 'utf8'))).toMatchObject({
        lockVersion: 1,
        plugins: [{ alias: 'ddp', module: 'plugins/trainer.js', options: { workers: 4 }, package: null }],
      });
      expect(same.status).toBe(0);
      expect(option.status).toBe(1);
      expect(option.stdout).toContain('  - "ddp" option workers: 4 -> 8');
      expect(replaced.stdout).toBe(
        '✖ plugins.lock.json: 1 difference(s) from the lock:\n  - strategy: "ddp" replaced by "fsdp"\n',
      );
      expect(module.status).toBe(1);
      expect(module.stdout).toContain('"ddp" module plugins/trainer.js changed');
    },
    timeout,
  );

  it(
    'exits 2 on bad input: no selection and no lock, a file that is not a lock, a selection that cannot run',
    () => {
      writeFileSync(path.join(app, 'not-a-lock.json'), '{"lockVersion": 7}');

      const none = plugboard(['lock']);
      const bad = plugboard(['lock', '--check', 'not-a-lock.json']);
      const missing = plugboard(['lock', '--check', 'missing.json']);
      const conflict = plugboard(['lock', '--selection', 'ddp, fsdp']);

      expect([none.status, bad.status, missing.status, conflict.status]).toEqual([2, 2, 2, 2]);
      expect(none.stderr).toContain('plugboard lock needs --selection TEXT (to write a lock) or --check FILE');
      expect(bad.stderr).toContain('its lockVersion is 7');
    },
    timeout,
  );
});
