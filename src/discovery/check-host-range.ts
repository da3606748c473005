import { createRequire } from '../internal/builtins.js';
import { PluginDiscoveryError } from './plugin-discovery-error.js';
import { PluginIncompatibleError } from '../errors/plugin-incompatible-error.js';
import { quote } from '../internal/quote.js';
import type { PluginHost } from '../registry/plugin-host.js';

/** The two functions of the `semver` package that range checks use. */
interface Semver {
  satisfies(version: string, range: string, options: { loose: boolean }): boolean;
  validRange(range: string, options: { loose: boolean }): string | null;
}

let semver: Semver | undefined;

/**
 * `semver`, required at the first range check: importing plugboard would otherwise load about 40 CommonJS modules
 * of it that only discovery into a registry with a host uses.
 */
function loadSemver(): Semver {
  return (semver ??= createRequire(import.meta.url)('semver') as Semver);
}

/**
 * Throws PluginIncompatibleError if plugin package `name` declares a range of `host` versions that does not
 * include the host's version: its `peerDependencies[host.name]`, else its `"plugboard": { "hosts": { [host.name]:
 * range } }`. A package that declares no range for the host is taken as compatible. The range is npm's: matched
 * as npm matches a peer dependency (`*` and an empty range take any version, prereleases included; any other
 * range takes a prerelease only of a version it names with a prerelease), and a range npm cannot read is a
 * PluginDiscoveryError.
 */
export function checkHostRange(
  name: string,
  version: string,
  pkg: Record<string, unknown>,
  host: PluginHost,
  dir: string,
): void {
  const declared = rangeIn(pkg.peerDependencies, host.name) ?? rangeIn(hostsOf(pkg.plugboard, name, dir), host.name);
  if (declared === undefined) return;
  const range = declared.trim();
  if (range === '' || range === '*') return;
  if (loadSemver().validRange(range, { loose: true }) === null) {
    throw new PluginDiscoveryError(
      `Package ${quote(name)} declares the versions of ${quote(host.name)} it supports as ${quote(declared)}, ` +
        'which is not a semver range; none of its modules were imported. Fix the range in its package.json.',
      dir,
      dir,
    );
  }
  if (!loadSemver().satisfies(host.version, range, { loose: true }))
    throw new PluginIncompatibleError(name, version, declared, host);
}

function rangeIn(field: unknown, hostName: string): string | undefined {
  if (typeof field !== 'object' || field === null || !Object.hasOwn(field, hostName)) return undefined;
  const range: unknown = (field as Record<string, unknown>)[hostName];
  return typeof range === 'string' ? range : undefined;
}

/** The `"hosts"` of a `"plugboard"` field: an object of ranges by host name; a PluginDiscoveryError otherwise. */
function hostsOf(field: unknown, name: string, dir: string): Record<string, unknown> | undefined {
  const hosts: unknown = typeof field === 'object' && field !== null ? (field as { hosts?: unknown }).hosts : undefined;
  if (hosts === undefined) return undefined;
  if (
    typeof hosts !== 'object' ||
    hosts === null ||
    Array.isArray(hosts) ||
    !Object.values(hosts).every((range) => typeof range === 'string')
  ) {
    throw new PluginDiscoveryError(
      `The "hosts" in the "plugboard" field of package ${quote(name)} must look like { "my-app": "^2.0.0" }: ` +
        'semver ranges by host name. None of its modules were imported.',
      dir,
      dir,
    );
  }
  return hosts as Record<string, unknown>;
}
