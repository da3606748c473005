import { createRequire } from '../internal/builtins.js';
import { describeValue } from './alias.js';
import { PluginRegistrationError } from '../errors/plugin-registration-error.js';
import { messageOf, quote } from '../internal/quote.js';

/**
 * The program that plugins are loaded into, as plugin packages name it: `name` is the key of their
 * `peerDependencies` (or of `"plugboard": { "hosts": { ... } }` for a host that is not an npm package), and
 * `version` is checked against the range they give.
 */
export interface PluginHost {
  /** The host's package name, as plugin packages write it in their `peerDependencies`. */
  readonly name: string;
  /** The host's version: a semantic version (`2.1.0`, `3.0.0-beta.1`). */
  readonly version: string;
}

/** `semver`'s `parse`. */
type ParseVersion = (version: string) => { readonly version: string } | null;

let parseVersion: ParseVersion | undefined;

/**
 * A `host` option (of `call`, default `new PluginRegistry(options)`) checked and copied; a PluginRegistrationError
 * for anything else.
 */
export function readPluginHost(value: unknown, call = 'new PluginRegistry(options)'): PluginHost | undefined {
  if (value === undefined) return undefined;
  const fail = (why: string, cause?: unknown): PluginRegistrationError =>
    new PluginRegistrationError(
      `${call}: host must be { name: string, version: string } with a semantic version ` +
        `(as package.json has them); ${why}.`,
      cause === undefined ? undefined : { cause },
    );
  if (typeof value !== 'object' || value === null) throw fail(`got ${describeValue(value)}`);
  let name: unknown;
  let version: unknown;
  let isArray: boolean;
  try {
    // Array.isArray throws for a revoked Proxy: read inside the try, like the fields.
    isArray = Array.isArray(value);
    if (!isArray) ({ name, version } = value as { name?: unknown; version?: unknown });
  } catch (error) {
    throw fail(`reading it threw: ${messageOf(error)}`, error);
  }
  if (isArray) throw fail(`got ${describeValue(value)}`);
  if (typeof name !== 'string' || name.trim() === '') throw fail(`name is ${describeValue(name)}`);
  if (typeof version !== 'string') throw fail(`version is ${describeValue(version)}`);
  // Required at the first host given, so that importing plugboard does not load semver's CommonJS modules.
  parseVersion ??= createRequire(import.meta.url)('semver/functions/parse.js') as ParseVersion;
  const parsed = parseVersion(version);
  if (parsed === null) throw fail(`version ${quote(version)} is not a semantic version such as "2.1.0"`);
  return Object.freeze({ name, version: parsed.version });
}
