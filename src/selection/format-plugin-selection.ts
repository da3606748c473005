import { MAX_SELECTION_LENGTH } from './parse-plugin-selection.js';
import type { PluginChoice } from './plugin-selection.js';
import { PluginError } from '../errors/plugin-error.js';
import { PluginSelectionError } from '../errors/plugin-selection-error.js';
import { isPlainObject } from '../internal/options.js';
import { messageOf, quote } from '../internal/quote.js';
import { aliasProblem } from '../registry/alias.js';

// eslint-disable-next-line no-control-regex -- text with control characters is written as JSON
const BARE_SAFE = /^[^\s,()=[\]{}"'\u0000-\u001f\u007f-\u009f]+$/;
const NUMBER_OR_KEYWORD = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)$/;
/** One option name in the syntax (a dot would make it a path). */
const KEY = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;
const MAX_DEPTH = 64;

/**
 * Writes choices in the text syntax that `parsePluginSelection` reads back to exactly the same choices.
 * Throws PluginSelectionError for what the syntax cannot carry: an alias that is not one, an option name
 * with a dot, space or other punctuation, a value that is not JSON data (`undefined`, `NaN`, a class
 * instance, a cycle), or text longer than `parsePluginSelection` reads.
 *
 * @example
 * formatPluginSelection([{ alias: 'ddp', options: { workers: 4 } }, { alias: 'bf16-mixed' }]); // 'ddp(workers=4), bf16-mixed'
 */
export function formatPluginSelection(choices: readonly PluginChoice<unknown>[]): string {
  let text: string;
  try {
    if (!Array.isArray(choices)) throw refusal('the choices must be an array of { alias, options? }');
    // Bounded first: `map` visits each index of a sparse array of length 2 ** 32 - 1.
    if (choices.length > MAX_SELECTION_LENGTH) throw refusal('more choices than a selection text can hold');
    text = (choices as unknown[]).map((choice, index) => formatChoice(choice, index)).join(', ');
  } catch (error) {
    if (PluginError.is(error)) throw error;
    throw refusal(`reading the choices threw: ${messageOf(error)}`, error);
  }
  if (text.length > MAX_SELECTION_LENGTH) {
    throw refusal(`the text would be longer than the ${String(MAX_SELECTION_LENGTH)} characters a selection may have`);
  }
  return text;
}

function formatChoice(choice: unknown, index: number): string {
  const at = `choice [${String(index)}]`;
  if (!isPlainObject(choice)) throw refusal(`${at} is not { alias, options? }`);
  const { alias, options, ...rest } = choice;
  const extra = Object.keys(rest);
  if (extra.length > 0)
    throw refusal(`${at} has keys the syntax cannot carry: ${extra.map((k) => quote(k)).join(', ')}`);
  const problem = aliasProblem(alias);
  if (problem !== undefined) throw refusal(`${at}: ${problem}`);
  if (options === undefined) return alias as string;
  if (!isPlainObject(options)) throw refusal(`the options of ${quote(alias)} must be a plain object`);
  const pairs = Object.keys(options).map((key) => {
    if (!KEY.test(key)) {
      throw refusal(
        `option ${quote(key)} of ${quote(alias)} cannot be written as text: option names are letters, digits, ` +
          '"_", "$" or "-", starting with a letter, "_" or "$" (write nested options as an object value)',
      );
    }
    return `${key}=${formatValue(alias as string, key, options[key])}`;
  });
  return `${alias as string}(${pairs.join(', ')})`;
}

function formatValue(alias: string, key: string, value: unknown): string {
  if (typeof value === 'string') {
    return BARE_SAFE.test(value) && !NUMBER_OR_KEYWORD.test(value) ? value : JSON.stringify(value);
  }
  try {
    return writeJson(value, 0, new Set());
  } catch (error) {
    if (!(error instanceof Unwritable)) throw error;
    throw refusal(`option ${quote(key)} of ${quote(alias)} cannot be written as text: ${error.message}`);
  }
}

/**
 * `value` as JSON that JSON.parse (and so the parser) reads back exactly: -0 stays -0 and the infinities are
 * written as 1e400 and -1e400. Throws Unwritable, saying why, for what JSON cannot hold.
 */
function writeJson(value: unknown, depth: number, seen: Set<object>): string {
  if (value === null || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (Number.isNaN(value)) throw new Unwritable('NaN is not a JSON number');
    if (!Number.isFinite(value)) return value > 0 ? '1e400' : '-1e400';
    return Object.is(value, -0) ? '-0' : JSON.stringify(value);
  }
  if (typeof value !== 'object')
    throw new Unwritable(`${value === undefined ? 'undefined' : typeof value} is not JSON data`);
  if (depth > MAX_DEPTH) throw new Unwritable(`nested deeper than ${String(MAX_DEPTH)} levels`);
  if (seen.has(value)) throw new Unwritable('it contains itself');
  const array = Array.isArray(value);
  if (!array && !isPlainObject(value))
    throw new Unwritable('only plain objects, arrays, strings, numbers, booleans and null are JSON data');
  const items = value as Record<string, unknown>;
  const keys = Object.keys(items);
  seen.add(value);
  let text: string;
  if (array) {
    const length = (value as unknown[]).length;
    if (keys.length !== length)
      throw new Unwritable('a sparse array, or one with extra properties, does not read back the same');
    const written: string[] = [];
    for (let index = 0; index < length; index += 1) written.push(writeJson(items[index], depth + 1, seen));
    text = `[${written.join(',')}]`;
  } else {
    text = `{${keys.map((key) => `${JSON.stringify(key)}:${writeJson(items[key], depth + 1, seen)}`).join(',')}}`;
  }
  seen.delete(value);
  return text;
}

function refusal(problem: string, cause?: unknown): PluginSelectionError {
  const error = new PluginSelectionError(`Cannot write the selection as text: ${problem}.`);
  if (cause !== undefined) Object.defineProperty(error, 'cause', { value: cause, configurable: true, writable: true });
  return error;
}

/** Why a value cannot be written as JSON; becomes a PluginSelectionError naming the option. */
class Unwritable extends Error {}
