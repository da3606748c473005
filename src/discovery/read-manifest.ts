import path from 'node:path';
import { MAX_LISTED_PROBLEMS, manifestProblems } from './manifest-problems.js';
import { MANIFEST_VERSION, type PluginManifest } from './plugin-manifest.js';
import { PluginManifestError } from './plugin-manifest-error.js';
import { MAX_MANIFEST_BYTES, readBoundedFile } from './read-bounded-file.js';
import { errorText } from '../internal/error-text.js';
import { quote } from '../internal/quote.js';

const REWRITE = 'Write it again with "npx plugboard manifest".';

/**
 * Reads and checks a manifest written by `writeManifest`. Throws PluginManifestError if `file` is not a path, the
 * file is missing, is not a regular file (a FIFO or device is refused before anything is read), is larger than
 * 16 MiB, is not JSON (the message gives the position, never the content), or is not a manifest this version of
 * plugboard reads (every field is checked; every plugin's module must be one of its fingerprinted files).
 */
export function readManifest(file: string): PluginManifest {
  const where = manifestPath(file);
  let read: ReturnType<typeof readBoundedFile>;
  try {
    read = readBoundedFile(where, MAX_MANIFEST_BYTES);
  } catch (error) {
    throw new PluginManifestError(
      `Cannot read the plugin manifest ${quote(where)}: ${errorText(error, [path.dirname(where)])}`,
      where,
      [],
      { cause: error },
    );
  }
  if ('problem' in read) {
    const why = {
      missing: `No plugin manifest at ${quote(where)}. Write one with "npx plugboard manifest".`,
      'not a file': `The plugin manifest ${quote(where)} is not a regular file (a folder, device or pipe); it was not read.`,
      'too large': `The plugin manifest ${quote(where)} is larger than ${String(MAX_MANIFEST_BYTES / 1024 / 1024)} MiB; it was not read. ${REWRITE}`,
    }[read.problem];
    throw new PluginManifestError(why, where, [read.problem]);
  }
  let value: unknown;
  try {
    value = JSON.parse(read.text);
  } catch (error) {
    // The parser's message quotes the file's content, which may be anything: say where it failed instead.
    const at = /position (\d+)/.exec(errorText(error))?.[1];
    const position = at === undefined ? '' : ` (${lineAndColumn(read.text, Number(at))})`;
    throw new PluginManifestError(
      `The plugin manifest ${quote(where)} is not valid JSON${position}. ${REWRITE}`,
      where,
      [`not valid JSON${position}`],
    );
  }
  assertManifest(value, where);
  return value;
}

/**
 * Throws the PluginManifestError `readManifest` throws if `value` (read from `where`) is not a manifest this
 * version reads; a getter or Proxy trap that throws is one of the problems.
 */
export function assertManifest(value: unknown, where: string): asserts value is PluginManifest {
  const problems = manifestProblems(value);
  if (problems.length > 0) {
    const listed = problems.slice(0, MAX_LISTED_PROBLEMS).map((problem) => `  ${problem}`);
    if (problems.length > listed.length) listed.push(`  and ${String(problems.length - listed.length)} more`);
    throw new PluginManifestError(
      `${quote(where)} is not a plugboard manifest this version reads (format ${String(MANIFEST_VERSION)}):\n` +
        `${listed.join('\n')}\n${REWRITE}`,
      where,
      problems,
    );
  }
}

/** `file` as an absolute path; a PluginManifestError if it is not a non-empty string. */
export function manifestPath(file: unknown): string {
  if (typeof file !== 'string' || file === '' || file.includes('\0')) {
    throw new PluginManifestError(
      `A plugin manifest is named by a file path (a non-empty string), got ${typeof file === 'string' ? quote(file) : typeof file}.`,
      typeof file === 'string' ? file : '',
    );
  }
  return path.resolve(file);
}

function lineAndColumn(text: string, position: number): string {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  return `line ${String(line)}, column ${String(position - before.lastIndexOf('\n'))}`;
}
