import { isPlainObject } from '../internal/options.js';

/**
 * Why `value` would not survive `JSON.stringify` and `JSON.parse` unchanged, one line per place
 * (`params.onStep is a function`); empty when it would.
 */
export function jsonProblems(value: unknown, at: string): string[] {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return [];
  if (typeof value === 'number')
    return Number.isFinite(value) ? [] : [`${at} is ${String(value)}, which JSON cannot hold`];
  if (Array.isArray(value)) return value.flatMap((item, index) => jsonProblems(item, `${at}[${String(index)}]`));
  if (isPlainObject(value)) {
    return Object.keys(value).flatMap((key) =>
      jsonProblems(value[key], /^[A-Za-z_$][\w$]*$/.test(key) ? `${at}.${key}` : `${at}[${JSON.stringify(key)}]`),
    );
  }
  const what =
    typeof value === 'object'
      ? `a ${className(value)} instance`
      : typeof value === 'function'
        ? 'a function'
        : typeof value === 'undefined'
          ? 'undefined'
          : `a ${typeof value}`;
  return [`${at} is ${what}, which JSON cannot hold`];
}

function className(value: object): string {
  const constructor: unknown = (Object.getPrototypeOf(value) as { constructor?: unknown } | null)?.constructor;
  return typeof constructor === 'function' && constructor.name !== '' ? constructor.name : 'class';
}
