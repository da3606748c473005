import type { Replacement } from '../container/plugin-overrides.js';
import { PluginRegistrationError } from '../errors/plugin-registration-error.js';
import { isPlainObject } from '../internal/options.js';
import { messageOf, nameOf, quote, truncate } from '../internal/quote.js';
import { PluginError } from '../errors/plugin-error.js';
import { describeValue } from '../registry/alias.js';
import type { PluginClass } from '../registry/plugin-entry.js';

/**
 * What a test puts in place of a plugin: a class (built with the plugin's options), a factory function
 * (called with them), or a ready instance. The explicit forms `{ useClass }`, `{ useFactory }` and
 * `{ useValue }` say which one is meant, for example to use a function itself as the instance.
 */
export type PluginReplacement<TInstance = unknown> =
  | PluginClass<TInstance>
  | ((options: never) => TInstance)
  | {
      /** A class, built with the plugin's options. */
      useClass: PluginClass<TInstance>;
    }
  | {
      /** A factory, called with the plugin's options. */
      useFactory: (options: never) => TInstance;
    }
  | {
      /** The instance itself, whatever it is. */
      useValue: TInstance;
    }
  | object;

type Make = (options: unknown) => unknown;

/** Turns what a test passed into a Replacement, or throws a PluginRegistrationError saying what is accepted. */
export function toReplacement(alias: string, value: unknown): Replacement {
  try {
    return readReplacement(alias, value);
  } catch (error) {
    if (PluginError.is(error)) throw error;
    throw new PluginRegistrationError(
      `Cannot override plugin ${quote(alias)}: reading the replacement threw: ${messageOf(error)}.`,
      { cause: error },
    );
  }
}

function readReplacement(alias: string, value: unknown): Replacement {
  if (isPlainObject(value) && Object.keys(value).length === 1) {
    const { useClass, useFactory } = value;
    if ('useClass' in value && isClass(useClass)) return fromClass(useClass);
    if ('useFactory' in value && typeof useFactory === 'function') return fromFactory(useFactory as Make);
    if ('useValue' in value) {
      const instance = value.useValue;
      return { label: labelOf(instance), produce: () => instance };
    }
  }
  if (isClass(value)) return fromClass(value);
  if (typeof value === 'function') return fromFactory(value as Make);
  if (typeof value === 'object' && value !== null) return { label: labelOf(value), produce: () => value };
  throw new PluginRegistrationError(
    `Cannot override plugin ${quote(alias)} with ${describeValue(value)}: ` +
      'pass a class, a factory function, an instance, or { useClass | useFactory | useValue }.',
  );
}

function isClass(value: unknown): value is new (options: unknown) => unknown {
  return typeof value === 'function' && Function.prototype.toString.call(value).startsWith('class');
}

function fromClass(target: new (options: unknown) => unknown): Replacement {
  return { label: nameOf(target), produce: (options) => new target(options) };
}

function fromFactory(factory: Make): Replacement {
  return { label: nameOf(factory, '(factory)'), produce: factory };
}

function labelOf(value: unknown): string {
  const proto: unknown = typeof value === 'object' && value !== null ? Object.getPrototypeOf(value) : undefined;
  const name = (proto as { constructor?: { name?: unknown } } | undefined)?.constructor?.name;
  return typeof name === 'string' && name !== 'Object' && name !== '' ? `${truncate(name)} instance` : 'value';
}
