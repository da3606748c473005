import { InvalidArgumentError } from 'commander';

const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

/**
 * Adds one `--env key=value` to the environment built so far. Values are coerced as people mean them:
 * `4` and `0.5` are numbers, `true`/`false` booleans, `null` null, anything else a string (quote nothing).
 */
export function parseEnvFlag(flag: string, env: Record<string, unknown> = {}): Record<string, unknown> {
  const at = flag.indexOf('=');
  const key = at < 0 ? flag : flag.slice(0, at).trim();
  if (at < 0 || key === '' || key === '__proto__' || key === 'constructor' || key === 'prototype') {
    throw new InvalidArgumentError(`expected key=value, such as gpus=4 or offload=true, got "${flag}".`);
  }
  const text = flag.slice(at + 1).trim();
  const value: unknown =
    text === 'true'
      ? true
      : text === 'false'
        ? false
        : text === 'null'
          ? null
          : NUMBER.test(text)
            ? Number(text)
            : text;
  return { ...env, [key]: value };
}
