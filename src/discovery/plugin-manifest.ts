import type { PluginOrder, PluginOrderTarget } from '../registry/plugin-order.js';
import type { PluginIncompatibility, PluginRequirement } from '../registry/plugin-rules.js';

/** The manifest format this version of plugboard writes and reads. */
export const MANIFEST_VERSION = 1;

/**
 * A plugin manifest (`plugboard.manifest.json`): what every discovered plugin says about itself, where its
 * class is, and a fingerprint of every plugin file, so that a program can list, describe and choose plugins
 * without importing their modules. Written by `writeManifest` (`plugboard manifest`), read by `loadManifest`.
 */
export interface PluginManifest {
  readonly manifestVersion: typeof MANIFEST_VERSION;
  /** The program that wrote it, and its version. */
  readonly generator: { readonly name: string; readonly version: string };
  /** The command that writes it again, named when it is stale. */
  readonly refresh: string;
  /** Where the plugin files were found (folders relative to the manifest), to notice files added since. */
  readonly sources: readonly ManifestSource[];
  /** The project (relative to the manifest) whose dependencies were searched for plugin packages, if they were. */
  readonly packagesOf?: string;
  /** Every plugin file (relative to the manifest, `/`-separated) with its size and SHA-256. */
  readonly files: Readonly<Record<string, ManifestFile>>;
  /** The kinds declared with `registry.defineKind` (exclusive, with a default, or required). */
  readonly kinds: Readonly<Record<string, ManifestKind>>;
  /** The deprecated aliases of the manifest's plugins. */
  readonly deprecations: readonly ManifestDeprecation[];
  readonly plugins: readonly ManifestPlugin[];
}

/** How a kind behaves in selections (`registry.defineKind`). */
export interface ManifestKind {
  /** At most one plugin of the kind per selection. */
  readonly exclusive: boolean;
  /** The alias filled in when a selection has no plugin of the kind. */
  readonly default?: string;
  /** A selection must have a plugin of the kind (or the kind a default). */
  readonly required?: boolean;
}

/** Glob patterns relative to a folder, as given to `discover` or declared by a package. */
export interface ManifestSource {
  /** The folder, relative to the manifest. */
  readonly cwd: string;
  readonly patterns: readonly string[];
  /** The package that declared the patterns. */
  readonly package?: string;
}

/** A plugin file's fingerprint. */
export interface ManifestFile {
  readonly size: number;
  readonly sha256: string;
}

/** A deprecated alias and the alias that replaced it. */
export interface ManifestDeprecation {
  readonly alias: string;
  readonly successor: string;
  readonly message?: string;
}

/** One plugin as the manifest holds it: its registration, minus what cannot be JSON (schema, predicate). */
export interface ManifestPlugin {
  readonly alias: string;
  readonly kind: string;
  readonly description?: string;
  readonly recommendedWhen?: string;
  readonly params?: unknown;
  readonly scope: 'singleton' | 'transient';
  readonly optionKeys?: readonly string[];
  /** True if it takes option keys it does not declare (`allowUnknownOptions: true`); absent means false. */
  readonly allowUnknownOptions?: boolean;
  /** The option keys whose values are secrets (`secretOptions`). */
  readonly secretOptions?: readonly string[];
  /** The module that registers it, relative to the manifest. */
  readonly module: string;
  /** The name the module exports the class under, if it exports it. */
  readonly exportName?: string;
  /** The class's name. */
  readonly className: string;
  /** True if the plugin has an options schema (checked once its module is loaded). */
  readonly hasSchema: boolean;
  /**
   * The JSON Schema of the options, per draft, when the plugin's schema describes itself (Standard JSON
   * Schema), or why it does not: `plugboard schema` reads it instead of importing the module.
   */
  readonly optionsJsonSchema?: ManifestJsonSchema;
  /** True if the plugin has a `recommend()` predicate, which a manifest cannot hold. */
  readonly hasRecommend: boolean;
  /** What it requires of a selection (`requires`). */
  readonly requires?: PluginRequirement;
  /** What it cannot run with (`incompatibleWith`). */
  readonly incompatibleWith?: readonly PluginIncompatibility[];
  /** True if it has a `check` predicate, which a manifest cannot hold (checked once its module is loaded). */
  readonly hasCheck?: boolean;
  /** `'first'` or `'last'` among the plugins of its kind (`order`). */
  readonly order?: PluginOrder;
  /** The plugins it runs before (`before`). */
  readonly before?: readonly PluginOrderTarget[];
  /** The plugins it runs after (`after`). */
  readonly after?: readonly PluginOrderTarget[];
}

/** A plugin's options schema as JSON Schema, per draft, or why there is none. */
export type ManifestJsonSchema =
  | { readonly '2020-12': Readonly<Record<string, unknown>>; readonly '07': Readonly<Record<string, unknown>> }
  | { readonly unavailable: string };
