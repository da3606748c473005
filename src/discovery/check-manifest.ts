import path from 'node:path';
import { findPluginPackages } from './find-plugin-packages.js';
import { fingerprintFileSync } from './fingerprint-file.js';
import { globFiles } from './glob-files.js';
import { listMatchingFiles } from './list-matching-files.js';
import { plugboardVersion } from './plugboard-version.js';
import { readOptions } from './discovery-arguments.js';
import type { PluginManifest } from './plugin-manifest.js';
import { PluginManifestError } from './plugin-manifest-error.js';
import { manifestPath, readManifest } from './read-manifest.js';
import { isInside, listFolder, realPathOf, realPathsUnder, type ListFolder } from './real-path-inside.js';
import { relativePath } from './relative-path.js';
import { quote, safeText } from '../internal/quote.js';

/** Whether a manifest still describes the plugin files, and if not, what changed. */
export interface ManifestCheck {
  /** The manifest file (absolute). */
  readonly file: string;
  /** True if no plugin file or package changed since it was written, by this version of plugboard. */
  readonly fresh: boolean;
  /** Plugin files (relative to the manifest) whose content changed. */
  readonly changed: readonly string[];
  /** Plugin files that match its patterns now but are not in it. */
  readonly added: readonly string[];
  /** Plugin files in it that are gone or no longer match. */
  readonly removed: readonly string[];
  /** Plugin packages installed since, and those no longer installed. */
  readonly packagesAdded: readonly string[];
  readonly packagesRemoved: readonly string[];
  /** The plugboard version that wrote it, when another than this one. */
  readonly writtenBy: string | undefined;
  /** The command that writes it again. */
  readonly refresh: string;
  /** For people: that it is fresh, or what changed and the command that refreshes it. */
  readonly message: string;
}

/** Where `checkManifest` may look. */
export interface CheckManifestOptions {
  /**
   * The folder the manifest's sources must be inside: it never globs, reads or hashes a file outside it, whatever
   * the manifest says. Default: the manifest's folder.
   */
  root?: string;
}

/**
 * Compares a manifest with the plugin files and packages as they are now: files changed (by content), added or
 * removed under the manifest's patterns, plugin packages installed or removed, and the plugboard version.
 * Imports nothing. Throws PluginManifestError if the file is not a manifest (see `readManifest`: a plugin module
 * that is not one of its fingerprinted files makes it invalid), or if a source or `packagesOf` points outside
 * `root`.
 *
 * @example
 * const check = await checkManifest('plugboard.manifest.json');
 * if (!check.fresh) console.warn(check.message); // "... is stale: ... Run "npx plugboard manifest" to refresh it."
 */
export async function checkManifest(file: string, options: CheckManifestOptions = {}): Promise<ManifestCheck> {
  const where = manifestPath(file);
  const given = readOptions<CheckManifestOptions>(
    'checkManifest(file, options)',
    options,
    { root: 'folder' },
    (message) => new PluginManifestError(message, where),
  );
  const dir = await realPathOf(path.dirname(where));
  const root = given.root === undefined ? dir : await realPathOf(path.resolve(given.root));
  return checkReadManifest(where, readManifest(where), { dir, root });
}

/**
 * `checkManifest` of a manifest read already (the command reads it once for loading and checking): `dir` is the
 * real path of the manifest's folder, `root` the real path of the folder the check may look in, `realPath` the real
 * path of a file inside `root` or undefined (`realPathsUnder`), `list` how folders are listed (`folderListings`):
 * the command shares both with the registration.
 */
export async function checkReadManifest(
  where: string,
  manifest: PluginManifest,
  {
    dir,
    root,
    list = listFolder,
    realPath = realPathsUnder(root, list),
  }: { dir: string; root: string; list?: ListFolder; realPath?: (file: string) => string | undefined },
): Promise<ManifestCheck> {
  const inside = (relative: string, what: string): string =>
    folderInside(where, root, path.resolve(dir, relative), what);
  const found =
    manifest.packagesOf === undefined ? undefined : await findPluginPackages(inside(manifest.packagesOf, 'packagesOf'));
  const installed = new Map((found?.packages ?? []).map((pkg) => [pkg.name, pkg]));
  const current = new Map<string, string>();
  const recorded = new Set<string>();
  for (const source of manifest.sources) {
    if (source.package !== undefined) recorded.add(source.package);
    // A package is looked for where it is installed now (an upgrade may move it); a folder is globbed again.
    const files =
      source.package !== undefined && found !== undefined
        ? (installed.get(source.package)?.modules.map((module) => module.file) ?? [])
        : await globInside(where, root, inside(source.cwd, 'a source'), source.patterns, { realPath, list });
    for (const real of files) current.set(relativePath(dir, real), real);
  }
  const recordedFiles = Object.entries(manifest.files);
  const removed = recordedFiles.filter(([name]) => !current.has(name)).map(([name]) => name);
  // Read one after the other, synchronously: for small files that is several times faster than promise-based reads.
  const differs = recordedFiles.map(([name, fingerprint]) => {
    const real = current.get(name);
    if (real === undefined) return false;
    const now = fingerprintFileSync(real);
    return now.size !== fingerprint.size || now.sha256 !== fingerprint.sha256;
  });
  const changed = recordedFiles.filter((_, index) => differs[index]).map(([name]) => name);
  const added = [...current.keys()].filter((name) => !(name in manifest.files)).sort();
  const packagesAdded = [...installed.keys()].filter((name) => !recorded.has(name));
  const packagesRemoved = found === undefined ? [] : [...recorded].filter((name) => !installed.has(name));
  const writtenBy = manifest.generator.version === plugboardVersion() ? undefined : manifest.generator.version;
  const check = { file: where, changed, added, removed, packagesAdded, packagesRemoved, writtenBy };
  const fresh =
    writtenBy === undefined && [changed, added, removed, packagesAdded, packagesRemoved].every((l) => l.length === 0);
  // The refresh command and file names come from the manifest and the disk: the message shows their controls escaped.
  const message = safeText(describeCheck(check, fresh, manifest.refresh), { oneLine: true });
  return { ...check, fresh, refresh: manifest.refresh, message };
}

/** `folder` if it lies inside `root` (or is it), else a PluginManifestError: a manifest cannot send a check elsewhere. */
function folderInside(where: string, root: string, folder: string, what: string): string {
  if (isInside(root, folder, true)) return folder;
  throw new PluginManifestError(
    `${quote(where)} names ${what} folder ${quote(relativePath(root, folder))} outside ${quote(root)}, the folder ` +
      'it may be checked in; nothing was read there. Write the manifest again, or pass { root } that contains it.',
    where,
    [`${what} folder ${quote(relativePath(root, folder))} is outside ${quote(root)}`],
  );
}

/**
 * The real paths of the files `patterns` match in `cwd` (none if it does not exist) that lie inside `root`;
 * a pattern that leads out of it (`../`, an absolute path, a symlink) makes the manifest invalid.
 */
async function globInside(
  where: string,
  root: string,
  cwd: string,
  patterns: readonly string[],
  { realPath, list }: { realPath: (file: string) => string | undefined; list: ListFolder },
): Promise<string[]> {
  for (const pattern of patterns) {
    const normal = path.posix.normalize(pattern.replaceAll('\\', '/'));
    if (path.isAbsolute(pattern) || normal === '..' || normal.startsWith('../') || /^[A-Za-z]:/.test(pattern)) {
      folderInside(where, root, path.resolve(cwd, pattern), 'a pattern');
    }
  }
  // A folder listing answers the patterns manifests have; the glob library is loaded for the others.
  const files = listMatchingFiles(cwd, patterns, list) ?? (await globFiles(cwd, patterns).catch(() => []));
  // A file gone since the glob, or outside `root`, is left out.
  return files.map(realPath).filter((file) => file !== undefined);
}

function describeCheck(
  check: Omit<ManifestCheck, 'fresh' | 'refresh' | 'message'>,
  fresh: boolean,
  refresh: string,
): string {
  const name = quote(path.basename(check.file));
  if (fresh) return `${name} is up to date.`;
  const list = (files: readonly string[]): string =>
    files.length <= 3 ? files.join(', ') : `${files.slice(0, 3).join(', ')} and ${String(files.length - 3)} more`;
  const parts = [
    check.changed.length > 0 && `changed: ${list(check.changed)}`,
    check.added.length > 0 && `added: ${list(check.added)}`,
    check.removed.length > 0 && `removed: ${list(check.removed)}`,
    check.packagesAdded.length > 0 && `plugin packages installed since: ${list(check.packagesAdded)}`,
    check.packagesRemoved.length > 0 && `plugin packages removed: ${list(check.packagesRemoved)}`,
    check.writtenBy !== undefined && `written by plugboard ${check.writtenBy}, this is ${plugboardVersion()}`,
  ].filter((part) => typeof part === 'string');
  return `${name} is stale (${parts.join('; ')}). Run "${refresh}" to refresh it.`;
}
