import type { hash as Hash } from 'node:crypto';
import { isPlainObject } from '../internal/options.js';

// Loaded at the first hash: importing node:crypto costs a few milliseconds that most commands do not need.
let hash: typeof Hash | undefined;

/** The SHA-256 of `text` (UTF-8), as lowercase hex. */
export function sha256(text: string): string {
  hash ??= process.getBuiltinModule('node:crypto').hash;
  return hash('sha256', text);
}

/**
 * `value` as JSON data with every object's keys sorted, so that `JSON.stringify` of it is the same on every
 * machine: plain objects and arrays are copied, other objects and non-JSON values become strings naming them.
 */
export function sortedData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => sortedData(item) ?? null);
  if (isPlainObject(value)) {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const item = sortedData(value[key]);
      if (item !== undefined) Object.defineProperty(sorted, key, { value: item, enumerable: true, writable: true });
    }
    return sorted;
  }
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (value === undefined) return undefined;
  if (typeof value === 'bigint') return `${value.toString()}n`;
  if (typeof value === 'function') return '[function]';
  if (typeof value === 'symbol') return '[symbol]';
  return '[object]';
}

/** The fingerprint a secret option's value is shown as: `sha256:` and the hash of its sorted JSON. */
export function fingerprintValue(value: unknown): string {
  return `sha256:${sha256(JSON.stringify(sortedData(value) ?? null))}`;
}
