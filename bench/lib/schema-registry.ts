/**
 * A registry for measuring the JSON Schema: `plugins` plugins in kinds of 10, the first `exclusive` kinds
 * exclusive, `rules` plugins with a rule (requires or incompatibleWith), a deprecation per kind, options by
 * `optionKeys` and params. Takes the registry class so that tests (src) and the benchmark (dist) share it.
 */
export interface SchemaRegistryShape {
  readonly plugins: number;
  readonly exclusive: number;
  readonly rules: number;
  /** Each plugin's option keys its own (a `workers_<alias>` key), so that no two plugins' options read alike. */
  readonly distinctOptions?: boolean;
}

interface RegistryLike {
  defineKind(kind: string, options: { exclusive?: boolean; default?: string }): unknown;
  register(target: new () => object, options: Record<string, unknown>): unknown;
  deprecate(alias: string, successor: string): unknown;
}

class Plugin {}

export function schemaRegistry<R>(Registry: new () => R, shape: SchemaRegistryShape): R {
  const made = new Registry();
  const registry = made as unknown as RegistryLike;
  const kinds = Math.ceil(shape.plugins / 10);
  const alias = (index: number) =>
    `plugin-${String(Math.floor(index / 10))}-${['ddp', 'fsdp', 'deepspeed', 'bf16', 'fp8', 'csv', 'tensorboard', 'early-stop', 'checkpoint', 'lr'][index % 10] ?? ''}`;
  for (let kind = 0; kind < kinds; kind += 1) {
    registry.defineKind(`kind${String(kind)}`, { exclusive: kind < shape.exclusive });
  }
  for (let index = 0; index < shape.plugins; index += 1) {
    const kind = Math.floor(index / 10);
    const rule =
      index % Math.max(1, Math.floor(shape.plugins / Math.max(1, shape.rules))) === 1 &&
      index / (shape.plugins / Math.max(1, shape.rules)) < shape.rules;
    const other = alias((index + 10) % shape.plugins);
    const workers = shape.distinctOptions === true ? `workers_${alias(index).replaceAll('-', '_')}` : 'workers';
    registry.register(Plugin, {
      alias: alias(index),
      kind: `kind${String(kind)}`,
      description: `Plugin ${String(index)} of kind ${String(kind)}`,
      ...(index % 3 === 0 ? { recommendedWhen: 'the model fits one device' } : {}),
      params: { [workers]: 2, name: 'x', verbose: false },
      optionKeys: [workers, 'name', 'verbose'],
      ...(rule
        ? index % 2 === 1
          ? { requires: [other] }
          : { incompatibleWith: [{ kind: `kind${String((kind + 1) % kinds)}` }] }
        : {}),
    });
    if (index % 10 === 0) registry.deprecate(`old-${alias(index)}`, alias(index));
  }
  return made;
}

/**
 * Strings up to the schema's maxLength made to make a backtracking engine retry: a repeated unit (aliases, in
 * other spellings, with options, separators, quotes, spaces) and a tail that makes the match fail at the end.
 */
export function hostileStrings(aliases: readonly string[], maxLength: number): string[] {
  const units = [
    ...aliases.flatMap((alias) => [`${alias},`, `${alias}, `, `${alias.toUpperCase()} ,`, `${alias}(`, `${alias}()`]),
    ...aliases.map((alias) => `${alias}(a=1, b="x,)"),`),
    ' ',
    ',',
    '(',
    '"',
    "'",
    '\\',
    'a',
    '-_',
    '(a=(',
    '("\\',
  ];
  const tails = ['', '!', ',', '(', '"', ' x'];
  const strings: string[] = [];
  for (const unit of units) {
    for (const tail of tails) {
      const body = unit.repeat(Math.floor((maxLength - tail.length) / unit.length));
      // The same after a valid first plugin, so that the failure comes late.
      const first = `${aliases[0] ?? ''} , `;
      strings.push(body + tail, first + body.slice(0, maxLength - first.length - tail.length) + tail);
    }
  }
  return strings;
}
