import { messageOf } from './quote.js';
import type { PluginOptionsIssue } from '../errors/invalid-plugin-options-error.js';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_DEPTH = 64;

/** An object literal (or `Object.create(null)`): the only kind of object plugboard copies and merges. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null || isForeignObjectPrototype(proto);
}

/**
 * True for the `Object.prototype` of another realm (a `vm` context, jest's test realm, an iframe): objects made
 * there, such as what a schema's `JSON.parse` returns, are plain objects too, and are checked and copied as
 * such. Looks at own properties only: no getter runs.
 */
function isForeignObjectPrototype(proto: unknown): boolean {
  return (
    typeof proto === 'object' &&
    proto !== null &&
    Object.getPrototypeOf(proto) === null &&
    Object.hasOwn(proto, 'isPrototypeOf') &&
    Object.hasOwn(proto, 'propertyIsEnumerable')
  );
}

/** The most values (objects, arrays and their items) one set of options may hold. */
export const MAX_OPTION_VALUES = 10_000_000;

/**
 * Deep-copies plain objects and arrays (other values are kept by reference) and reports every key
 * that could pollute a prototype, sparse or oversized arrays and objects, and values that cannot be read
 * (a getter or Proxy trap that throws). Returns the copy, or the issues when there are any.
 */
export function copyOptions(value: unknown): { copy: unknown; issues: PluginOptionsIssue[] } {
  const state: CopyState = { issues: [], budget: MAX_OPTION_VALUES };
  const copy = copyValue(value, [], state, 0);
  return { copy, issues: state.issues };
}

interface CopyState {
  readonly issues: PluginOptionsIssue[];
  /** How many more values may be copied before the options count as oversized. */
  budget: number;
}

function copyValue(value: unknown, path: PropertyKey[], state: CopyState, depth: number): unknown {
  if (typeof value !== 'object' || value === null) return value;
  try {
    const array = Array.isArray(value);
    if (!array && !isPlainObject(value)) return value;
    if (depth > MAX_DEPTH) {
      state.issues.push({ path, message: `nested deeper than ${String(MAX_DEPTH)} levels` });
      return undefined;
    }
    return array ? copyArray(value as unknown[], path, state, depth) : copyObject(value, path, state, depth);
  } catch (error) {
    state.issues.push({ path, message: `reading the value threw: ${messageOf(error)}` });
    return undefined;
  }
}

function copyArray(value: unknown[], path: PropertyKey[], state: CopyState, depth: number): unknown {
  const length = value.length;
  if (!spend(state, length, path)) return undefined;
  const copy: unknown[] = [];
  for (let index = 0; index < length; index += 1) {
    if (!(index in value)) {
      state.issues.push({ path, message: `a sparse array (no item at [${String(index)}]): write every item` });
      return undefined;
    }
    copy.push(copyValue(value[index], [...path, index], state, depth + 1));
  }
  return copy;
}

function copyObject(value: Record<string, unknown>, path: PropertyKey[], state: CopyState, depth: number): unknown {
  const keys = Object.keys(value);
  if (!spend(state, keys.length, path)) return undefined;
  const copy: Record<string, unknown> = {};
  for (const key of keys) {
    if (FORBIDDEN_KEYS.has(key)) {
      state.issues.push({ path: [...path, key], message: `the key "${key}" is not allowed in plugin options` });
      continue;
    }
    // A scalar is kept as it is, without making its path: only objects and arrays can have issues.
    const item = value[key];
    setOwn(
      copy,
      key,
      typeof item !== 'object' || item === null ? item : copyValue(item, [...path, key], state, depth + 1),
    );
  }
  return copy;
}

/**
 * `copyOptions` of the common value in one step: a plain object whose own properties all hold scalars, copied by
 * a spread (each property read once; a copy V8 spreads quickly later). Undefined for any other value, and for
 * one holding a key that `copyOptions` reports or a symbol key (which it drops): take that path then.
 */
export function copyFlatObject(value: unknown): Record<string, unknown> | undefined {
  try {
    if (!isPlainObject(value)) return undefined;
    const copy = { ...value };
    let count = 0;
    for (const key in copy) {
      const item = copy[key];
      if ((typeof item === 'object' && item !== null) || FORBIDDEN_KEYS.has(key)) return undefined;
      if (++count > MAX_OPTION_VALUES) return undefined;
    }
    return Object.getOwnPropertySymbols(copy).length === 0 ? copy : undefined;
  } catch {
    return undefined; // a getter or Proxy trap threw: copyOptions says where
  }
}

/** Takes `count` values from the budget; false (with an issue) when the options hold too many. */
function spend(state: CopyState, count: number, path: PropertyKey[]): boolean {
  if (count <= state.budget) {
    state.budget -= count;
    return true;
  }
  if (state.budget >= 0) {
    state.issues.push({ path, message: `more than ${String(MAX_OPTION_VALUES)} values in the options` });
    state.budget = -1;
  }
  return false;
}

/** True if no own property of `value` holds an object: a spread copies it as cloneOptions would. */
export function hasOnlyScalars(value: Record<string, unknown>): boolean {
  for (const key in value) {
    const item = value[key];
    if (Object.hasOwn(value, key) && typeof item === 'object' && item !== null) return false;
  }
  return true;
}

/** Deep-copies already-checked options, so each instance gets its own mutable copy. */
export function cloneOptions<T>(value: T): T {
  // Functions (a revoked Proxy among them) are kept by reference, never inspected.
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((item: unknown) => cloneOptions(item)) as T;
  if (!isPlainObject(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) setOwn(copy, key, cloneOptions(value[key]));
  return copy as T;
}

/** Freezes plain objects and arrays all the way down. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && (Array.isArray(value) || isPlainObject(value))) {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}

/**
 * Assigns `overrides` onto `target` (a fresh copy of plain-object params) as `mergeOptions` would, in one pass,
 * when `overrides` is a plain object and no override needs more than an assignment: no plain object or array to
 * copy or merge, no key that could pollute a prototype. Returns how many override keys `target` did not hold (a
 * key the params hold is one the plugin takes; another one needs checking), or -1 (having changed `target` partly)
 * when the overrides need more: take the general path then.
 */
export function assignFlatOverrides(target: Record<string, unknown>, overrides: unknown): number {
  if (typeof overrides !== 'object' || overrides === null) return -1;
  // One look at the prototype says both whether the overrides are a plain object (isPlainObject) and whether for-in
  // can visit inherited keys: not from null, nor from an Object.prototype without enumerable keys (the rule), so
  // that no key needs an own-key check (a tenth of a flat resolve's time).
  const proto: unknown = Object.getPrototypeOf(overrides);
  let ownOnly: boolean;
  if (proto === Object.prototype) ownOnly = !hasEnumerableKey(Object.prototype);
  else if (proto === null) ownOnly = true;
  else if (isForeignObjectPrototype(proto)) ownOnly = false;
  else return -1;
  const source = overrides as Record<string, unknown>;
  let budget = MAX_OPTION_VALUES; // more keys than options may hold: the general path reports it
  let added = 0;
  // for-in over an object literal uses V8's enum cache: no array of keys per call, as Object.keys would make.
  for (const key in source) {
    if (!ownOnly && !Object.hasOwn(source, key)) continue;
    if (--budget < 0) return -1;
    const value = source[key];
    if (typeof value === 'object' && value !== null && (Array.isArray(value) || isPlainObject(value))) return -1;
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') return -1;
    if (Object.hasOwn(target, key)) {
      // An undefined override keeps the value it would replace (mergeOptions).
      if (value !== undefined) target[key] = value;
    } else {
      added += 1;
      target[key] = value;
    }
  }
  return added;
}

/** True if for-in visits any key of `value` (its own or inherited enumerable keys). */
function hasEnumerableKey(value: object): boolean {
  for (const _ in value) return true;
  return false;
}

/** Merges `overrides` over `base`: plain objects merge key by key, anything else replaces. Both are copies. */
export function mergeOptions(base: unknown, overrides: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(overrides)) return overrides === undefined ? base : overrides;
  const merged: Record<string, unknown> = { ...base };
  for (const key of Object.keys(overrides)) {
    setOwn(merged, key, mergeOptions(Object.hasOwn(base, key) ? base[key] : undefined, overrides[key]));
  }
  return merged;
}

/**
 * `target[key] = value` as an own data property, also for a key Object.prototype has: `__proto__` (whose setter
 * would swap the prototype) and any key an assignment cannot create while the prototype holds it read-only (a
 * frozen Object.prototype, as hardened JavaScript makes, refuses `toString`).
 */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key in Object.prototype)
    Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  else target[key] = value;
}

/** Structural equality of plain data; other values compare by identity. */
export function optionsEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, index) => optionsEqual(item, b[index]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => key in b && optionsEqual(a[key], b[key]));
  }
  return false;
}
