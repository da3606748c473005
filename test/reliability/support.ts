import { expect } from '@jest/globals';
import { PluginError, type PluginErrorCode } from 'plugboard';

export { thrown } from '../support/thrown.js';

/** For the few tests that handle a million elements or run hundreds of random programs, on a busy machine. */
export const SLOW_TEST_TIMEOUT = 60_000;

/** The longest message a plugboard error may have, however long the input it quotes. */
export const MAX_MESSAGE_LENGTH = 2_000;

/** What the promise rejects with; fails the test if it resolves. */
export async function rejected(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

/** Asserts that `error` is a PluginError with `code`, and that its message stays short. */
export function expectPluginError(error: unknown, code: PluginErrorCode): asserts error is PluginError {
  // Shows what was thrown instead, when it is not a PluginError.
  if (!PluginError.is(error)) expect(error).toBe('a PluginError');
  expect(error).toBeInstanceOf(PluginError);
  expect((error as PluginError).code).toBe(code);
  expect((error as PluginError).message.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
}

/** Asserts that nothing reached Object.prototype (hostile options use the key `polluted`). */
export function expectNoPollution(): void {
  const probe: Record<string, unknown> = {};
  // Checked plainly first: property tests call this tens of thousands of times, and expect() costs microseconds.
  if (probe.polluted === undefined && !('polluted' in Object.prototype)) return;
  expect(probe.polluted).toBeUndefined();
  expect(Object.prototype).not.toHaveProperty('polluted');
  expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
}

/** An object nested `depth` levels deep, built without recursion: `{ a: { a: ... } }` or `[[...]]`. */
export function deeplyNested(depth: number, shape: 'object' | 'array'): unknown {
  let value: unknown = shape === 'object' ? {} : [];
  for (let level = 0; level < depth; level += 1) value = shape === 'object' ? { a: value } : [value];
  return value;
}
