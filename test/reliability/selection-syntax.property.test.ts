import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  PluginError,
  PluginRegistry,
  formatPluginSelection,
  parsePluginSelection,
  type PluginChoice,
  type StandardSchemaV1,
} from 'plugboard';
import { expectNoPollution } from './support.js';

// Properties of the selection syntax (issue 8): what formatPluginSelection writes reads back the same, and no
// text makes parsePluginSelection throw anything but a PluginError.

const FORBIDDEN_KEYS = ['__proto__', 'constructor', 'prototype'];

/** Any alias the syntax reads, and the ones the checking registry below knows. */
const alias = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,12}$/),
  fc.constantFrom('ddp', 'DeepSpeed', 'bf16-mixed', 'ddp_spawn'),
);
/** Identifier keys, including ones Object.prototype has (toString, valueOf); the three polluting keys are refused. */
const key = fc
  .oneof(
    fc.stringMatching(/^[A-Za-z_$][A-Za-z0-9_$]{0,10}$/),
    fc.constantFrom('toString', 'valueOf', 'hasOwnProperty', 'true', 'null', 'NaN', 'e1', '$', '_'),
    fc.constantFrom('workers', 'stage', 'find_unused'),
  )
  .filter((candidate) => !FORBIDDEN_KEYS.includes(candidate));
/** Strings the syntax must quote or must not: quotes, commas, spaces, brackets, keywords, numbers, unicode. */
const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom(
    '',
    ' ',
    'true',
    'false',
    'null',
    '0',
    '-1',
    '1.5e-7',
    '01',
    '1e400',
    '-0',
    'NaN',
    'Infinity',
    '"',
    "'",
    "it's",
    'a, b',
    'a=b',
    '(x)',
    '[1]',
    '{}',
    '\\',
    '\u00a0',
    '\u2028',
    '\ufeff',
    '\u0085',
    'dd\u0440',
    '\ud83d',
    '\ud83d\ude00',
  ),
);
/** Finite numbers; -0 is left out because JSON (and so the syntax) writes it as 0. */
const number = fc
  .oneof(
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.constantFrom(-1e-7, 1e21, -1e21, 5e-324, Number.MAX_VALUE, Number.MIN_SAFE_INTEGER),
  )
  .map((value) => (Object.is(value, -0) ? 0 : value));
const { value } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text,
    number,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.string(), fc.constantFrom(...FORBIDDEN_KEYS)), tie('value'), { maxKeys: 4 }),
  ),
}));
const choice: fc.Arbitrary<PluginChoice> = fc.record(
  { alias, options: fc.dictionary(key, value, { maxKeys: 5 }) },
  { requiredKeys: ['alias'] },
);
const choices = fc.array(choice, { maxLength: 4 });

/** A registry for parsing with `{ registry }`: option keys, a schema, and a deprecated alias. */
function checkingRegistry(): PluginRegistry {
  const registry = new PluginRegistry();
  class Strategy {}
  const positiveStage: StandardSchemaV1 = {
    '~standard': {
      version: 1,
      vendor: 'test',
      validate: (input) => {
        const stage = (input as { stage?: unknown }).stage;
        return typeof stage === 'number' && stage > 0
          ? { value: input }
          : { issues: [{ message: 'stage must be a positive number', path: ['stage'] }] };
      },
    },
  };
  registry.register(Strategy, { alias: 'ddp', kind: 'strategy', optionKeys: ['workers', 'find_unused'] });
  registry.register(Strategy, { alias: 'deepspeed', kind: 'strategy', params: { stage: 2 }, schema: positiveStage });
  registry.register(Strategy, { alias: 'bf16-mixed', kind: 'precision' });
  registry.deprecate('ddp_spawn', 'ddp');
  return registry;
}

/** Mostly well-formed, sometimes not: `often(good, bad)` picks from `good` four times in five. */
const often = (good: fc.Arbitrary<string>, bad: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.oneof({ weight: 4, arbitrary: good }, { weight: 1, arbitrary: bad });

/** Pieces of the syntax, valid and broken, for texts that are nearly selections. */
const aliasToken = often(
  fc.constantFrom('ddp', 'DeepSpeed', 'bf16-mixed', 'ddp_spawn', 'BF16_MIXED'),
  fc.constantFrom('nope', 'a.b', '9', '-x', ''),
);
const keyToken = often(
  fc.constantFrom('workers', 'stage', 'find_unused', 'find-unused', 'toString', 'valueOf.x', 'a.b.c', 'stage.x'),
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'x.__proto__.polluted', 'a.constructor', '9', ''),
);
const valueToken = often(
  fc.constantFrom('1', '0', '-2.5e3', '1e400', 'true', 'null', 'word', '"x"', '"a\\"b"', "'x'", '[1, 2]', '{"a": 1}'),
  fc.oneof(
    fc.constantFrom('"', "'", '[', ']', '{', '}', '{"__proto__": {"polluted": 1}}', '[[[[', ']]]', '"\\u00', '\\', ''),
    fc.string({ unit: 'binary', maxLength: 4 }),
  ),
);
const separator = often(fc.constantFrom(',', ', ', ' , '), fc.constantFrom(',,', ' ', ''));
const token = fc.oneof(aliasToken, keyToken, valueToken, separator, fc.constantFrom('(', ')', '=', '.', '\t', '\n'));
const joined = (parts: [string, string][]): string =>
  parts.map(([written, comma], at) => (at === 0 ? written : comma + written)).join('');
const pair = fc
  .tuple(keyToken, often(fc.constantFrom('=', ' = '), fc.constantFrom('', '==')), valueToken)
  .map((parts) => parts.join(''));
const item = fc
  .tuple(
    aliasToken,
    fc.option(
      fc.tuple(
        fc.constantFrom('(', ' ( '),
        fc.array(fc.tuple(pair, separator), { maxLength: 3 }),
        often(fc.constantFrom(')', ' )'), fc.constantFrom('', ',)')),
      ),
    ),
  )
  .map(([name, options]) => (options ? name + options[0] + joined(options[1]) + options[2] : name));

/** A random edit: a piece deleted, inserted or duplicated, or the rest cut off. */
type Edit =
  | { type: 'delete'; at: number; length: number }
  | { type: 'insert'; at: number; piece: string }
  | { type: 'duplicate'; at: number; length: number }
  | { type: 'truncate'; at: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ type: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ type: fc.constant('insert' as const), at: fc.nat(), piece: token }),
  fc.record({ type: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ type: fc.constant('truncate' as const), at: fc.nat() }),
);
const edited = (start: fc.Arbitrary<string>, edits: fc.Arbitrary<Edit[]>): fc.Arbitrary<string> =>
  fc.tuple(start, edits).map(([first, changes]) =>
    changes.reduce((textSoFar, change) => {
      const at = textSoFar.length === 0 ? 0 : change.at % (textSoFar.length + 1);
      switch (change.type) {
        case 'delete':
          return textSoFar.slice(0, at) + textSoFar.slice(at + change.length);
        case 'insert':
          return textSoFar.slice(0, at) + change.piece + textSoFar.slice(at);
        case 'duplicate':
          return textSoFar.slice(0, at + change.length) + textSoFar.slice(at);
        case 'truncate':
          return textSoFar.slice(0, at);
      }
    }, first),
  );

/** Selections built from the grammar's pieces, valid and broken, with up to two random edits. */
const nearSelection = edited(
  fc.array(fc.tuple(item, separator), { minLength: 1, maxLength: 3 }).map(joined),
  fc.oneof(fc.constant<Edit[]>([]), fc.array(edit, { maxLength: 2 })),
);

/** Valid selections written by formatPluginSelection, then edited at least once. */
const mutatedSelection = edited(choices.map(formatPluginSelection), fc.array(edit, { minLength: 1, maxLength: 4 }));

/** Parses `input`; passes if it returns choices or throws a PluginError, fails on anything else. */
function parsesOrThrowsPluginError(input: string, registry?: PluginRegistry): PluginChoice[] | undefined {
  try {
    return parsePluginSelection(input, registry ? { registry } : {});
  } catch (error) {
    if (!PluginError.is(error)) throw error;
    expect(typeof error.code).toBe('string');
    return undefined;
  } finally {
    expectNoPollution();
  }
}

/** What JSON keeps of a value: how a value read from text compares after being written again. */
const asJson = (choicesRead: PluginChoice[]): unknown => JSON.parse(JSON.stringify(choicesRead)) as unknown;

describe('issue 8: the selection syntax', () => {
  it('reads back what formatPluginSelection writes, for any choices with JSON values', () => {
    fc.assert(
      fc.property(choices, (written) => {
        const textForm = formatPluginSelection(written);
        fc.pre(textForm.length <= 10_000);

        expect(parsePluginSelection(textForm)).toEqual(written);
      }),
      { numRuns: 1_000 },
    );
  });

  it('writes a polluting key it is given, and the parser refuses it', () => {
    fc.assert(
      fc.property(alias, fc.constantFrom(...FORBIDDEN_KEYS), value, (name, forbidden, optionValue) => {
        const options = Object.defineProperty({}, forbidden, { value: optionValue, enumerable: true });
        const textForm = formatPluginSelection([{ alias: name, options }]);
        fc.pre(textForm.length <= 10_000);

        expect(() => parsePluginSelection(textForm)).toThrow(`the key "${forbidden}" is not allowed`);
        expectNoPollution();
      }),
      { numRuns: 200 },
    );
  });

  it.each([
    ['fc.string()', fc.string({ maxLength: 200 })],
    ['binary strings (any UTF-16, lone surrogates too)', fc.string({ unit: 'binary', maxLength: 200 })],
    ['grapheme strings', fc.string({ unit: 'grapheme', maxLength: 100 })],
    ['near-valid selections built from the grammar', nearSelection],
    ['valid selections with random edits', mutatedSelection],
  ])('throws nothing but PluginErrors for %s, with or without a registry', (_, input) => {
    const registry = checkingRegistry();

    fc.assert(
      fc.property(input, (textInput) => {
        parsesOrThrowsPluginError(textInput);
        const checked = parsesOrThrowsPluginError(textInput, registry);
        for (const read of checked ?? []) expect(registry.has(read.alias)).toBe(true);
      }),
      { numRuns: 1_000 },
    );
  });

  it('writes what it read so that it reads the same again (as far as JSON can hold the values)', () => {
    fc.assert(
      fc.property(fc.oneof(nearSelection, mutatedSelection), (textInput) => {
        const read = parsesOrThrowsPluginError(textInput);
        fc.pre(read !== undefined);

        expect(asJson(parsePluginSelection(formatPluginSelection(read)))).toEqual(asJson(read));
      }),
      { numRuns: 1_000 },
    );
  });
});
