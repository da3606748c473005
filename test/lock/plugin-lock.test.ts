import { afterEach, describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  PluginLockError,
  PluginRegistry,
  checkPluginLock,
  createPluginLock,
  discover,
  readPluginsOption,
  type PluginLock,
} from 'plugboard';
import {
  commonJsPluginModule,
  removeTempDirs,
  tempDir,
  useTestRegistry,
  writeFiles,
} from '../discovery/plugin-files.js';
import { thrown } from '../support/thrown.js';

// Issue 25 (lock): a lock names each plugin's code and options; checking it names each drift precisely.
afterEach(removeTempDirs);

const strategies = commonJsPluginModule(
  'Strategy',
  "{ alias: 'ddp', kind: 'strategy', params: { workers: 2 } }",
  "{ alias: 'fsdp', kind: 'strategy', params: { shards: 4 } }",
);
const loggers = commonJsPluginModule('Logger', "{ alias: 'wandb', kind: 'logger', secretOptions: ['token'] }");
const timer = commonJsPluginModule('Timer', "{ alias: 'timer', kind: 'callback', params: { every: 10 } }");

/** A project with local plugin modules and an installed plugin package, discovered into a fresh registry. */
async function project(root = tempDir()): Promise<{ root: string; registry: PluginRegistry }> {
  const registry = useTestRegistry();
  writeFiles(root, {
    'plugins/strategies.cjs': strategies,
    'plugins/loggers.cjs': loggers,
    'node_modules/trainer-timer/package.json': JSON.stringify({ name: 'trainer-timer', version: '1.0.0' }),
    'node_modules/trainer-timer/index.cjs': timer,
  });
  await discover(['plugins/*.cjs', 'node_modules/trainer-timer/index.cjs'], { root, registry });
  return { root, registry };
}

function read(text: string, registry: PluginRegistry) {
  return readPluginsOption({ argv: ['--plugins', text], registry });
}

describe(createPluginLock.name, () => {
  it('names each plugin, its module or package, the module content and every resolved option; one hash', async () => {
    const { root, registry } = await project();

    const lock = createPluginLock(read('ddp(workers=8), timer', registry), { registry, root });

    expect(lock).toEqual({
      hash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) as unknown,
      lockVersion: 1,
      plugins: [
        {
          alias: 'ddp',
          default: false,
          kind: 'strategy',
          module: 'plugins/strategies.cjs',
          options: { workers: 8 },
          package: null,
          sha256: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown,
        },
        {
          alias: 'timer',
          default: false,
          kind: 'callback',
          module: 'index.cjs',
          options: { every: 10 },
          package: { name: 'trainer-timer', version: '1.0.0' },
          sha256: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown,
        },
      ],
      selection: [{ alias: 'ddp', options: { workers: 8 } }, { alias: 'timer' }],
    });
  });

  it('is byte-identical for the same selection and code in two different folders', async () => {
    const first = await project();
    const one = JSON.stringify(createPluginLock(read('timer, ddp, wandb', first.registry), first), null, 2);
    const second = await project();
    const two = JSON.stringify(createPluginLock(read('timer, ddp, wandb', second.registry), second), null, 2);

    expect(first.root).not.toBe(second.root);
    expect(two).toBe(one);
    expect(one).not.toContain(first.root);
  });

  it('holds a secret option only as a fingerprint, in the plugins and in the selection', async () => {
    const { root, registry } = await project();
    const lock = createPluginLock(read('wandb(token=hunter2-secret)', registry), { registry, root });

    expect(JSON.stringify(lock)).not.toContain('hunter2');
    expect(lock.plugins[0]?.options.token).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});

describe(checkPluginLock.name, () => {
  async function written(): Promise<{ root: string; registry: PluginRegistry; lock: PluginLock }> {
    const { root, registry } = await project();
    const lock = createPluginLock(read('ddp(workers=8), timer', registry), { registry, root });
    // Written and read back, as a file would be.
    const file = path.join(root, 'plugins.lock.json');
    writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
    return { root, registry, lock: JSON.parse(readFileSync(file, 'utf8')) as PluginLock };
  }

  it("finds nothing when the selection and code are the same (with the lock's own selection too)", async () => {
    const { root, registry, lock } = await written();

    expect(checkPluginLock(lock, { registry, root, selection: read('ddp(workers=8), timer', registry) })).toMatchObject(
      {
        identical: true,
        differences: [],
      },
    );
    expect(checkPluginLock(lock, { registry, root }).identical).toBe(true);
  });

  it('reports a changed option from -> to', async () => {
    const { root, registry, lock } = await written();

    const { identical, differences } = checkPluginLock(lock, {
      registry,
      root,
      selection: read('ddp(workers=16), timer', registry),
    });

    expect(identical).toBe(false);
    expect(differences).toEqual([
      { type: 'option', alias: 'ddp', key: 'workers', from: 8, to: 16, message: '"ddp" option workers: 8 -> 16' },
    ]);
  });

  it('reports a module whose content changed by one byte', async () => {
    const { root, registry, lock } = await written();
    writeFileSync(path.join(root, 'plugins/strategies.cjs'), `${strategies} `);

    const { differences } = checkPluginLock(lock, { registry, root });

    expect(differences.map(({ type, alias }) => ({ type, alias }))).toEqual([{ type: 'module', alias: 'ddp' }]);
    expect(differences[0]?.message).toMatch(
      /^"ddp" module plugins\/strategies\.cjs changed \(sha256 [0-9a-f]{12}… -> [0-9a-f]{12}…\)$/,
    );
  });

  it('reports a package whose version changed', async () => {
    const { root, registry, lock } = await written();
    writeFileSync(
      path.join(root, 'node_modules/trainer-timer/package.json'),
      JSON.stringify({ name: 'trainer-timer', version: '1.1.0' }),
    );

    const { differences } = checkPluginLock(lock, { registry, root });

    expect(differences).toEqual([
      {
        type: 'package',
        alias: 'timer',
        key: undefined,
        from: 'trainer-timer@1.0.0',
        to: 'trainer-timer@1.1.0',
        message: '"timer" package trainer-timer@1.0.0 -> trainer-timer@1.1.0',
      },
    ]);
  });

  it('reports a plugin replaced, added and removed', async () => {
    const { root, registry, lock } = await written();
    const check = (text: string) =>
      checkPluginLock(lock, { registry, root, selection: read(text, registry) }).differences.map((d) => d.message);

    expect(check('fsdp, timer')).toEqual(['strategy: "ddp" replaced by "fsdp"']);
    expect(check('ddp(workers=8), timer, wandb')).toEqual(['plugin "wandb" (logger) added']);
    expect(check('ddp(workers=8)')).toEqual(['plugin "timer" (callback) removed']);
  });

  it("reports a variant whose params changed, with the lock's own selection", async () => {
    const { root, registry, lock } = await written();
    registry.register(class {}, { alias: 'timer', kind: 'callback', params: { every: 5 }, override: true });

    const { differences } = checkPluginLock(lock, { registry, root });

    expect(differences.map((d) => d.message)).toContain('"timer" option every: 10 -> 5');
  });

  it('refuses what is not a lock with a PluginLockError', async () => {
    const { root, registry, lock } = await written();

    for (const bad of [null, 'lock', { ...lock, lockVersion: 2 }, { ...lock, plugins: [{ alias: 1 }] }]) {
      expect(thrown(() => checkPluginLock(bad, { registry, root }))).toBeInstanceOf(PluginLockError);
    }
    expect(thrown(() => checkPluginLock({ ...lock, lockVersion: 2 }, { registry, root })).message).toBe(
      'Not a plugin lock this version of plugboard reads (lockVersion 1): its lockVersion is 2. ' +
        'Write it again with "plugboard lock --selection ... --out FILE" or createPluginLock().',
    );
  });

  it('says to parse a lock passed as the text or bytes of its file', async () => {
    const { root, registry, lock } = await written();
    const text = JSON.stringify(lock);

    for (const [given, got] of [
      [text, 'a string'],
      [Buffer.from(text), 'bytes'],
    ] as const) {
      const error = thrown(() => checkPluginLock(given, { registry, root }));
      expect(error).toBeInstanceOf(PluginLockError);
      expect(error.message).toBe(
        `checkPluginLock() takes the lock as an object, got ${got}: ` +
          "parse the file first, JSON.parse(readFileSync('plugins.lock.json', 'utf8')).",
      );
    }
  });
});
