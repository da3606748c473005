import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { z } from 'zod';
import { PluginRegistry, PluginResolver, createPluginContainer, type StandardSchemaV1 } from 'plugboard';
import { makeTempDir, repoRoot } from '../cli/plugboard-package.js';
import { thrown } from '../support/thrown.js';

// Issue 22: a schema output's own "__proto__" key, also nested and also made by a transform from user text,
// never becomes a prototype of what the plugin receives, whatever realm made the object.

class Server {
  constructor(readonly options: Record<string, unknown>) {}
}

const EVIL = '{"n":{"__proto__":{"isAdmin":true}},"__proto__":{"isAdmin":true}}';

/** A schema whose output is `make()` once options are given (its params, `{}`, pass through). */
function outputting(make: () => unknown): StandardSchemaV1 {
  const validate = (value: unknown) => (Object.keys(value as object).length === 0 ? { value } : { value: make() });
  return { '~standard': { version: 1, vendor: 'test', validate: validate } };
}

function resolverWith(schema: StandardSchemaV1): PluginResolver {
  const registry = new PluginRegistry();
  // Its output is not its input reshaped (a transform): open-ended options, so that the drop of `go` is not a typo.
  registry.register(Server, { alias: 'srv', schema, allowUnknownOptions: true });
  return createPluginContainer({ registry }).get(PluginResolver);
}

describe('a schema output with __proto__ keys', () => {
  it.each<[string, () => unknown]>([
    ["jest's test realm", () => JSON.parse(EVIL) as unknown],
    ['another realm (node:vm)', () => vm.runInNewContext(`JSON.parse(${JSON.stringify(EVIL)})`) as unknown],
  ])('made in %s is refused, nested keys too, through resolve and resolveAll', (_, make) => {
    const resolver = resolverWith(outputting(make));

    for (const build of [() => resolver.resolve('srv', { go: 1 }), () => resolver.resolveAll('srv(go=1)')]) {
      const error = thrown(build);

      expect(error.message).toBe(
        'Invalid options for plugin "srv":\n' +
          '  - n.__proto__: in the schema\'s output: the key "__proto__" is not allowed in plugin options\n' +
          '  - __proto__: in the schema\'s output: the key "__proto__" is not allowed in plugin options',
      );
    }
  });

  it('made by a zod transform that parses user text is refused', () => {
    const resolver = resolverWith(
      z.object({
        config: z
          .string()
          .default('{}')
          .transform((text) => JSON.parse(text) as unknown),
      }),
    );

    const error = thrown(() => resolver.resolveAll(`srv(config='{"a":{"__proto__":{"isAdmin":true}}}')`));

    expect(error.message).toContain('config.a.__proto__: in the schema\'s output: the key "__proto__" is not allowed');
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('is refused in plain Node too, outside jest', () => {
    const work = makeTempDir('plugboard-proto');
    try {
      const script = path.join(work.dir, 'proto.ts');
      writeFileSync(
        script,
        `import vm from 'node:vm';
import { PluginRegistry, PluginResolver, createPluginContainer } from ${JSON.stringify(path.join(repoRoot, 'src/index.ts'))};
class Server { constructor(options) { this.options = options; } }
const evil = ${JSON.stringify(EVIL)};
const outcomes = [];
for (const make of [() => JSON.parse(evil), () => vm.runInNewContext('JSON.parse(' + JSON.stringify(evil) + ')')]) {
  const registry = new PluginRegistry();
  const validate = (value) => (Object.keys(value).length === 0 ? { value } : { value: make() });
  registry.register(Server, { alias: 'srv', schema: { '~standard': { version: 1, vendor: 'test', validate } } });
  const resolver = createPluginContainer({ registry }).get(PluginResolver);
  try {
    const built = resolver.resolve('srv', { go: 1 });
    outcomes.push('built, isAdmin: ' + String(built.options.isAdmin) + ', ' + String(built.options.n?.isAdmin));
  } catch (error) {
    outcomes.push(error.code);
  }
}
console.log(JSON.stringify(outcomes));
`,
      );

      const stdout = execFileSync(process.execPath, ['--import', 'tsx', script], {
        cwd: repoRoot,
        encoding: 'utf8',
        env: { ...process.env, NODE_OPTIONS: '' },
      });

      expect(JSON.parse(stdout)).toEqual(['PLUGIN_INVALID_OPTIONS', 'PLUGIN_INVALID_OPTIONS']);
    } finally {
      work.remove();
    }
  }, 60_000);
});
