import type { PluginChoice } from './plugin-selection.js';
import { checkChoice } from './check-choice.js';
import { pointAt, selectionSyntaxError } from './selection-syntax-error.js';
import { InvalidPluginOptionsError } from '../errors/invalid-plugin-options-error.js';
import { isPlainObject } from '../internal/options.js';
import { quote } from '../internal/quote.js';
import { describeValue } from '../registry/alias.js';
import { unknownKeysProblem } from '../registry/arguments.js';
import { PluginError } from '../errors/plugin-error.js';
import { PluginSelectionError } from '../errors/plugin-selection-error.js';
import type { PluginRegistry } from '../registry/plugin-registry.js';
import { internals } from '../registry/registry-internals.js';

/** Longer selections are refused rather than parsed: they are not something a person typed. */
export const MAX_SELECTION_LENGTH = 10_000;

const ALIAS = /[A-Za-z0-9][A-Za-z0-9_.-]*/y;
const KEY = /[A-Za-z_$][A-Za-z0-9_$-]*(?:\.[A-Za-z_$][A-Za-z0-9_$-]*)*/y;
const BARE = /[^\s,()=[\]{}"']+/y;
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Reads a selection written as text, the same on a command line, in an environment variable or in a
 * config file: plugins separated by commas, each an alias with optional `(key=value, ...)` overrides.
 * Values are numbers, `true`/`false`/`null`, JSON strings, arrays or objects, or bare words (strings);
 * dotted keys set nested options.
 *
 * @example
 * parsePluginSelection('deepspeed_zero_3_offload(stage=2, offloadOptimizer=false), bf16-mixed');
 * // [{ alias: 'deepspeed_zero_3_offload', options: { stage: 2, offloadOptimizer: false } }, { alias: 'bf16-mixed' }]
 */
export function parsePluginSelection(input: string, options: ParseSelectionOptions = {}): PluginChoice[] {
  return new SelectionParser(input, registryOption(options)).parse();
}

/**
 * `parsePluginSelection` checked against `registry`, where a choice the registry refuses (an unknown alias, bad
 * options) is added to `problems` and left out instead of ending the parse; a syntax error still ends it.
 */
export function parseSelectionCollecting(
  input: string,
  registry: PluginRegistry,
  problems: PluginError[],
): PluginChoice[] {
  return new SelectionParser(input, registry, problems).parse();
}

/** The registry `options` name, or a PluginSelectionError for options that are not `{ registry? }`. */
function registryOption(options: unknown): PluginRegistry | undefined {
  if (options === undefined) return undefined;
  let registry: unknown;
  if (typeof options === 'object' && options !== null) {
    let unknown: string | undefined;
    try {
      unknown = unknownKeysProblem(options, ['registry']);
    } catch {
      // A Proxy whose traps throw: refused below.
    }
    if (unknown !== undefined) throw new PluginSelectionError(`parsePluginSelection(): ${unknown}`);
  }
  try {
    registry = typeof options === 'object' && options !== null ? (options as { registry?: unknown }).registry : null;
    if (registry === undefined) return undefined;
    internals(registry);
    return registry as PluginRegistry;
  } catch {
    // A Proxy whose traps throw: not a registry.
  }
  throw new PluginSelectionError(
    `parsePluginSelection() takes options { registry?: PluginRegistry }, got ${describeValue(registry === undefined ? options : registry)}.`,
  );
}

/** How `parsePluginSelection` checks what it reads. */
export interface ParseSelectionOptions {
  /**
   * Check every alias and its options against this registry while parsing, so that an unknown alias
   * or option is reported with its position in the text.
   */
  registry?: PluginRegistry;
}

class SelectionParser {
  #at = 0;

  constructor(
    readonly input: string,
    readonly registry: PluginRegistry | undefined,
    readonly problems?: PluginError[],
  ) {}

  parse(): PluginChoice[] {
    if (typeof this.input !== 'string') {
      throw new PluginSelectionError(`A selection must be a string, got ${describeValue(this.input)}.`);
    }
    if (this.input.length > MAX_SELECTION_LENGTH) {
      throw selectionSyntaxError(
        this.input,
        MAX_SELECTION_LENGTH,
        `longer than ${String(MAX_SELECTION_LENGTH)} characters`,
      );
    }
    const choices: PluginChoice[] = [];
    this.#skipSpace();
    if (this.#done()) return choices;
    for (;;) {
      const choice = this.#choice();
      if (choice) choices.push(choice);
      this.#skipSpace();
      if (this.#done()) return choices;
      this.#expect(',', 'a comma between plugins');
      this.#skipSpace();
    }
  }

  /** The next choice; undefined when the registry refuses it and the problem was collected. */
  #choice(): PluginChoice | undefined {
    const start = this.#at;
    const choice = this.#unchecked();
    if (!this.registry) return choice;
    try {
      checkChoice(this.registry, choice, `(at position ${String(start)})\n${pointAt(this.input, start)}`);
    } catch (error) {
      if (!this.problems || !PluginError.is(error)) throw error;
      this.problems.push(error);
      return undefined;
    }
    return choice;
  }

  #unchecked(): PluginChoice {
    const alias = this.#match(ALIAS, 'a plugin alias (letters, digits, "_", "-" or ".")');
    this.#skipSpace();
    if (this.input[this.#at] !== '(') return { alias };
    this.#at += 1;
    const options: Record<string, unknown> = {};
    this.#skipSpace();
    while (this.input[this.#at] !== ')') {
      this.#option(alias, options);
      this.#skipSpace();
      if (this.input[this.#at] === ',') {
        this.#at += 1;
        this.#skipSpace();
      } else if (this.input[this.#at] !== ')') {
        throw this.#error(this.#done() ? 'missing ")" to close the options' : 'expected "," or ")" after an option');
      }
    }
    this.#at += 1;
    return { alias, options };
  }

  #option(alias: string, options: Record<string, unknown>): void {
    const start = this.#at;
    const path = this.#match(KEY, 'an option name').split('.');
    const forbidden = path.find((part) => FORBIDDEN_KEYS.has(part));
    if (forbidden !== undefined) {
      throw new InvalidPluginOptionsError(alias, [
        {
          path,
          message: `the key ${quote(forbidden)} is not allowed in plugin options (at position ${String(start)})`,
        },
      ]);
    }
    this.#skipSpace();
    this.#expect('=', `"=" after the option name ${quote(path.join('.'))}`);
    this.#skipSpace();
    const value = this.#value();
    let target = options;
    for (const part of path.slice(0, -1)) {
      const next = Object.hasOwn(target, part) ? target[part] : {};
      if (!isPlainObject(next)) throw this.#errorAt(start, `option ${quote(path.join('.'))} is set twice`);
      target[part] = next;
      target = next;
    }
    const last = path.at(-1) ?? '';
    if (Object.hasOwn(target, last)) throw this.#errorAt(start, `option ${quote(path.join('.'))} is set twice`);
    target[last] = value;
  }

  #value(): unknown {
    const first = this.input[this.#at];
    if (first === '"' || first === '[' || first === '{') return this.#json();
    if (first === "'") {
      const end = this.input.indexOf("'", this.#at + 1);
      if (end < 0) throw this.#error('missing closing quote');
      const text = this.input.slice(this.#at + 1, end);
      this.#at = end + 1;
      return text;
    }
    const word = this.#match(BARE, 'a value');
    if (word === 'true') return true;
    if (word === 'false') return false;
    if (word === 'null') return null;
    return NUMBER.test(word) ? Number(word) : word;
  }

  /** A JSON string, array or object: the shortest prefix that is balanced, then JSON.parse. */
  #json(): unknown {
    const start = this.#at;
    let depth = 0;
    let inString = false;
    for (let i = start; i < this.input.length; i += 1) {
      const char = this.input[i];
      if (inString) {
        if (char === '\\') i += 1;
        else if (char === '"') inString = false;
      } else if (char === '"') inString = true;
      else if (char === '[' || char === '{') depth += 1;
      else if (char === ']' || char === '}') depth -= 1;
      if (!inString && depth === 0) {
        this.#at = i + 1;
        try {
          return JSON.parse(this.input.slice(start, i + 1)) as unknown;
        } catch (error) {
          throw this.#errorAt(start, `invalid JSON value (${(error as Error).message})`);
        }
      }
    }
    throw this.#errorAt(start, inString ? 'missing closing quote' : 'unbalanced brackets in a JSON value');
  }

  #match(pattern: RegExp, what: string): string {
    pattern.lastIndex = this.#at;
    const found = pattern.exec(this.input);
    if (!found) throw this.#error(`expected ${what}`);
    this.#at = pattern.lastIndex;
    return found[0];
  }

  #expect(char: string, what: string): void {
    if (this.input[this.#at] !== char) throw this.#error(`expected ${what}`);
    this.#at += 1;
  }

  #skipSpace(): void {
    while (this.#at < this.input.length && /\s/.test(this.input[this.#at] ?? '')) this.#at += 1;
  }

  #done(): boolean {
    return this.#at >= this.input.length;
  }

  #error(problem: string): Error {
    const found = this.#done() ? 'the end of the input' : foundAt(this.input, this.#at);
    return this.#errorAt(this.#at, `${problem}, found ${found}`);
  }

  #errorAt(position: number, problem: string): Error {
    return selectionSyntaxError(this.input, position, problem);
  }
}

/** The text at `at`, quoted; a character that is not ASCII or is a control character is named by its code point. */
function foundAt(input: string, at: number): string {
  const point = input.codePointAt(at) ?? 0;
  if (point >= 0x20 && point < 0x7f) return quote(input.slice(at, at + 12));
  const char = String.fromCodePoint(point);
  const code = `U+${point.toString(16).toUpperCase().padStart(4, '0')}`;
  const what = point > 0x7f ? 'the non-ASCII character' : 'the control character';
  return `${what} ${quote(char)} (${code})`;
}
