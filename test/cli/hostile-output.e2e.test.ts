import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { buildPlugboard, linkPackage, makeTempDir, plainEnv, runPlugboard, writeFiles } from './plugboard-package.js';
import { plugboardVersion } from '../../src/discovery/plugboard-version.js';

// Issue 12: text that plugins, manifests and the command line hand to the `plugboard` command never drives the
// terminal; a manifest that is not a file does not hang it; Node's "Require stack" and install paths stay out.
const timeout = 60_000;
let work: { dir: string; remove: () => void } | undefined;
let pkg = '';
let app = '';

/** Terminal escape sequences as a hostile plugin package would ship them. */
const OSC_TITLE = '\u001b]0;pwned\u0007';
const CLEAR = '\u001b[2J\u001b[H';
const C1_CSI = '\u009b31m';
const hostile = (text: string): string => `${text}${OSC_TITLE}${CLEAR}${C1_CSI}\r\u007f\u202e`;

/** Every control character but line feed: none may reach the terminal. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/;

const moduleText = 'module.exports = {};\n';

function manifest(): string {
  const fingerprint = {
    size: Buffer.byteLength(moduleText),
    sha256: createHash('sha256').update(moduleText).digest('hex'),
  };
  return JSON.stringify({
    manifestVersion: 1,
    generator: { name: 'plugboard', version: plugboardVersion() },
    refresh: hostile('npx plugboard manifest'),
    sources: [{ cwd: '.', patterns: ['plugins/*.cjs'] }],
    // A wrong fingerprint, so that the manifest is stale and its refresh command is printed.
    files: { 'plugins/evil.cjs': { ...fingerprint, sha256: '0'.repeat(64) } },
    kinds: {},
    deprecations: [{ alias: 'old_evil', successor: 'evil', message: hostile('Use evil.') }],
    plugins: [
      {
        alias: 'evil',
        kind: 'strategy',
        description: hostile('Looks | harmless'),
        recommendedWhen: hostile('always'),
        params: { [hostile('key')]: hostile('value') },
        scope: 'transient',
        optionKeys: [hostile('key'), hostile('workers')],
        module: 'plugins/evil.cjs',
        className: hostile('EvilStrategy'),
        hasSchema: false,
        hasRecommend: false,
      },
    ],
  });
}

beforeAll(() => {
  work = makeTempDir('plugboard-hostile');
  pkg = buildPlugboard(work.dir);
  app = path.join(work.dir, 'app');
  writeFiles(app, {
    'package.json': '{ "name": "hostile-app", "type": "module" }',
    'plugins/evil.cjs': moduleText,
    'plugboard.manifest.json': manifest(),
    'broken/broken.cjs': "require('./missing-helper.cjs');\n",
  });
  linkPackage(app, 'plugboard', pkg);
}, timeout);

afterAll(() => work?.remove());

function plugboard(
  args: readonly string[],
  env: Record<string, string> = {},
): { status: number | null; out: string; stdout: string } {
  const result = runPlugboard(pkg, args, { cwd: app, env: plainEnv(env) });
  return { status: result.status, out: `${result.stdout}${result.stderr}`, stdout: result.stdout };
}

const withManifest = ['--manifest', 'plugboard.manifest.json', '--no-packages'];

describe('issue 12: plugboard prints no control character it was handed', () => {
  it.each([
    ['list', ['list', ...withManifest]],
    ['list --markdown', ['list', '--markdown', ...withManifest]],
    ['describe', ['describe', 'evil', ...withManifest]],
    ['describe of a deprecated alias', ['describe', 'old_evil', ...withManifest]],
    ['recommend', ['recommend', '--env', `gpus=${CLEAR}`, ...withManifest]],
    ['doctor', ['doctor', '--no-packages']],
    ['manifest --check', ['manifest', '--check']],
    ['an unknown alias typed by the user', ['describe', `ev${CLEAR}il`, ...withManifest]],
    ['an unknown option', [`--${CLEAR}`]],
    ['a filter', ['list', `*${OSC_TITLE}*`, ...withManifest]],
  ])(
    '%s',
    (_, args) => {
      const { out } = plugboard(args);

      expect(out).not.toMatch(CONTROL);
    },
    timeout,
  );

  it('shows the escapes instead, so that a reader sees what the plugin tried', () => {
    const { out } = plugboard(['describe', 'evil', ...withManifest]);

    expect(out).toContain('Looks | harmless\\u001b]0;pwned\\u0007\\u001b[2J\\u001b[H\\u009b31m\\u000d\\u007f\\u202e');
    expect(out).toContain('EvilStrategy\\u001b]0;pwned');
  });

  it('escapes | and line breaks in --markdown cells', () => {
    const { out } = plugboard(['list', '--markdown', ...withManifest]);

    expect(out).toContain('| evil | strategy | Looks \\| harmless\\u001b]0;pwned');
  });

  it('keeps --json exact: the escapes are JSON escapes that read back as the text', () => {
    const { out, stdout } = plugboard(['list', '--json', ...withManifest]);

    expect(out).not.toMatch(CONTROL);
    const [entry] = JSON.parse(stdout) as { description: string; className: string }[];
    expect(entry).toMatchObject({ description: hostile('Looks | harmless'), className: hostile('EvilStrategy') });
  });

  it('writes only its own colours with FORCE_COLOR: the plugin escape sequences stay escaped', () => {
    const { out } = plugboard(['list', ...withManifest], { FORCE_COLOR: '1' });

    const sgr = new RegExp(String.raw`\u001b\[\d{1,2}m`, 'g');
    expect(out).toContain('\u001b[1m');
    expect(out.replace(sgr, '')).not.toMatch(CONTROL);
  });
});

describe('issue 12: plugboard and files that are not manifests', () => {
  it(
    'returns promptly with a typed error for --manifest /dev/zero',
    () => {
      const { status, out } = plugboard(['list', '--manifest', '/dev/zero', '--no-packages']);

      expect(status).toBe(1);
      expect(out).toContain('error: The plugin manifest "/dev/zero" is not a regular file');
    },
    timeout,
  );

  it(
    'returns promptly for a FIFO that no one writes to (a blocking read would hang)',
    () => {
      const fifo = path.join(app, 'fifo.json');
      if (spawnSync('mkfifo', [fifo]).status !== 0) return; // no mkfifo on this system

      const { status, out } = plugboard(['list', '--manifest', 'fifo.json', '--no-packages']);

      expect(status).toBe(1);
      expect(out).toContain('is not a regular file');
    },
    timeout,
  );

  it(
    'does not echo a package.json that is not JSON',
    () => {
      const project = path.join(app, 'bad-project');
      writeFiles(project, { 'package.json': `{ "secret": "TOKEN-42" ${CLEAR}` });

      const result = runPlugboard(pkg, ['list'], { cwd: project, env: plainEnv() });

      expect(result.status).toBe(1);
      expect(result.stderr).toContain('error: Cannot read "');
      expect(result.stderr).not.toContain('TOKEN-42');
    },
    timeout,
  );

  it(
    'calls a manifest invalid in manifest --check and doctor when a module is not one of its files',
    () => {
      const unlisted = JSON.parse(manifest()) as { plugins: { module: string }[] };
      for (const plugin of unlisted.plugins) plugin.module = 'plugins/other.cjs';
      writeFiles(app, {
        'unlisted/plugboard.manifest.json': JSON.stringify(unlisted),
        'unlisted/plugins/other.cjs': '',
      });

      const check = plugboard(['manifest', '--check', 'unlisted/plugboard.manifest.json']);
      const doctor = plugboard(['doctor', '--manifest', 'unlisted/plugboard.manifest.json', '--no-packages']);

      expect(check.status).toBe(1);
      expect(check.out).toContain(
        `plugins[0] has module "plugins/other.cjs", which is not one of the manifest's files`,
      );
      expect(doctor.status).toBe(1);
      expect(doctor.out).toMatch(/✖ manifest: .*is not a plugboard manifest this version reads/);
    },
    timeout,
  );

  it(
    'reports an invalid manifest as a doctor finding',
    () => {
      const { status, out } = plugboard(['doctor', '--manifest', 'plugins/evil.cjs', '--no-packages']);

      expect(status).toBe(1);
      expect(out).toMatch(/✖ manifest: .*is not valid JSON/);
    },
    timeout,
  );

  it(
    'does not print Node\'s "Require stack" or the install path of a module that fails to load',
    () => {
      const { status, out } = plugboard(['doctor', '--plugins', 'broken/*.cjs', '--no-packages']);

      expect(status).toBe(1);
      expect(out).toContain("load error: broken/broken.cjs: Cannot find module './missing-helper.cjs'");
      expect(out).not.toContain('Require stack');
      expect(out).not.toContain(app);
    },
    timeout,
  );
});
