import type { PluginOptionsIssue } from '../errors/invalid-plugin-options-error.js';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_DEPTH = 64;

/** An object literal (or `Object.create(null)`): the only kind of object plugboard copies and merges. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Deep-copies plain objects and arrays (other values are kept by reference) and reports every key
 * that could pollute a prototype. Returns the copy, or the issues when there are any.
 */
export function copyOptions(value: unknown): { copy: unknown; issues: PluginOptionsIssue[] } {
  const issues: PluginOptionsIssue[] = [];
  const copy = copyValue(value, [], issues, 0);
  return { copy, issues };
}

function copyValue(value: unknown, path: PropertyKey[], issues: PluginOptionsIssue[], depth: number): unknown {
  if (Array.isArray(value) || isPlainObject(value)) {
    if (depth > MAX_DEPTH) {
      issues.push({ path, message: `nested deeper than ${String(MAX_DEPTH)} levels` });
      return undefined;
    }
  }
  if (Array.isArray(value)) return value.map((item, index) => copyChild(item, path, index, issues, depth));
  if (!isPlainObject(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) {
      issues.push({ path: [...path, key], message: `the key "${key}" is not allowed in plugin options` });
      continue;
    }
    copy[key] = copyChild(value[key], path, key, issues, depth);
  }
  return copy;
}

/** Copies one member: a scalar as it is, without making its path (only nested objects and arrays can have issues). */
function copyChild(
  value: unknown,
  path: PropertyKey[],
  key: PropertyKey,
  issues: PluginOptionsIssue[],
  depth: number,
): unknown {
  if (typeof value !== 'object' || value === null) return value;
  return copyValue(value, [...path, key], issues, depth + 1);
}

/** A function that copies `value` as cloneOptions does, specialised once: a spread for flat objects. */
export function copierFor<T>(value: T): () => T {
  if (value === undefined || value === null || typeof value !== 'object') return () => value;
  const flat = isPlainObject(value) && hasOnlyScalars(value);
  return flat ? () => ({ ...value }) : () => cloneOptions(value);
}

function hasOnlyScalars(value: Record<string, unknown>): boolean {
  for (const key in value) {
    const item = value[key];
    if (Object.hasOwn(value, key) && typeof item === 'object' && item !== null) return false;
  }
  return true;
}

/** Deep-copies already-checked options, so each instance gets its own mutable copy. */
export function cloneOptions<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => cloneOptions(item)) as T;
  if (!isPlainObject(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) copy[key] = cloneOptions(value[key]);
  return copy as T;
}

/** Freezes plain objects and arrays all the way down. */
export function deepFreeze<T>(value: T): T {
  if (Array.isArray(value) || isPlainObject(value)) {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}

/**
 * Assigns `overrides` onto `target` (a fresh copy of plain-object params) as `mergeOptions` would, in one pass,
 * when no override needs more than an assignment: no plain object or array to copy or merge, no key that could
 * pollute a prototype. Returns false (having changed `target` partly) when one does: take the general path then.
 */
export function assignFlatOverrides(target: Record<string, unknown>, overrides: Record<string, unknown>): boolean {
  // for-in over an object literal uses V8's enum cache: no array of keys per call, as Object.keys would make.
  for (const key in overrides) {
    if (!Object.hasOwn(overrides, key)) continue;
    const value = overrides[key];
    if (typeof value === 'object' && value !== null && (Array.isArray(value) || isPlainObject(value))) return false;
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') return false;
    // An undefined override keeps the value it would replace (mergeOptions), and adds the key if absent.
    if (value !== undefined || !Object.hasOwn(target, key)) target[key] = value;
  }
  return true;
}

/** Merges `overrides` over `base`: plain objects merge key by key, anything else replaces. Both are copies. */
export function mergeOptions(base: unknown, overrides: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(overrides)) return overrides === undefined ? base : overrides;
  const merged: Record<string, unknown> = { ...base };
  for (const key of Object.keys(overrides)) merged[key] = mergeOptions(base[key], overrides[key]);
  return merged;
}

/** Structural equality of plain data; other values compare by identity. */
export function optionsEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, index) => optionsEqual(item, b[index]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => key in b && optionsEqual(a[key], b[key]));
  }
  return false;
}
