import { readFileSync } from 'node:fs';
import path from 'node:path';
import { MANIFEST_VERSION, type PluginManifest } from './plugin-manifest.js';
import { PluginManifestError } from './plugin-manifest-error.js';
import { quote } from '../internal/quote.js';

/**
 * Reads and checks a manifest written by `writeManifest`. Throws PluginManifestError if the file is missing,
 * is not JSON, or is not a manifest this version of plugboard reads.
 */
export function readManifest(file: string): PluginManifest {
  const where = path.resolve(file);
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(where, 'utf8'));
  } catch (error) {
    const missing = (error as { code?: unknown }).code === 'ENOENT';
    throw new PluginManifestError(
      missing
        ? `No plugin manifest at ${quote(where)}. Write one with "npx plugboard manifest".`
        : `Cannot read the plugin manifest ${quote(where)}: ${error instanceof Error ? error.message : String(error)}. ` +
            'Write it again with "npx plugboard manifest".',
      where,
      [],
      { cause: error },
    );
  }
  const problems = manifestProblems(value);
  if (problems.length > 0) {
    throw new PluginManifestError(
      `${quote(where)} is not a plugboard manifest this version reads (format ${String(MANIFEST_VERSION)}):\n` +
        `${problems.map((problem) => `  ${problem}`).join('\n')}\nWrite it again with "npx plugboard manifest".`,
      where,
      problems,
    );
  }
  return value as PluginManifest;
}

function manifestProblems(value: unknown): string[] {
  if (!isRecord(value)) return ['the file does not hold a JSON object'];
  if (value.manifestVersion !== MANIFEST_VERSION) {
    return [
      `manifestVersion is ${value.manifestVersion === undefined ? 'missing' : JSON.stringify(value.manifestVersion)}, not ${String(MANIFEST_VERSION)}`,
    ];
  }
  const problems: string[] = [];
  const expect = (ok: boolean, problem: string): void => {
    if (!ok) problems.push(problem);
  };
  expect(isRecord(value.generator) && typeof value.generator.version === 'string', 'generator.version is missing');
  expect(typeof value.refresh === 'string', 'refresh is not a string');
  expect(Array.isArray(value.sources), 'sources is not a list');
  expect(isRecord(value.files), 'files is not an object');
  expect(isRecord(value.kinds), 'kinds is not an object');
  expect(Array.isArray(value.deprecations), 'deprecations is not a list');
  if (!Array.isArray(value.plugins)) return [...problems, 'plugins is not a list'];
  value.plugins.forEach((plugin: unknown, index) => {
    const ok =
      isRecord(plugin) &&
      typeof plugin.alias === 'string' &&
      typeof plugin.kind === 'string' &&
      typeof plugin.module === 'string' &&
      typeof plugin.className === 'string';
    expect(ok, `plugins[${String(index)}] lacks a string alias, kind, module or className`);
  });
  return problems;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
