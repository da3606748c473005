/** Where discovered modules came from: patterns relative to a folder, and the package that declared them. */
export interface DiscoverySource {
  /** The folder the patterns are relative to (absolute). */
  readonly cwd: string;
  /** The glob patterns, as given. */
  readonly patterns: readonly string[];
  /** The npm package that declared the patterns in its package.json, for `discoverPackages`. */
  readonly package?: { readonly name: string; readonly version: string };
}

/** A plugin module that was imported, and the plugins it registered. */
export interface DiscoveredModule {
  /** The module's absolute path, symlinks resolved. */
  readonly file: string;
  /** How messages name it: its path relative to the folder it was found in, or `package/path`. */
  readonly module: string;
  /** The plugins it registered, each with the name under which the module exports the class (if it does). */
  readonly plugins: readonly { readonly alias: string; readonly exportName: string | undefined }[];
}

/** A plugin module (or package) that failed to import or was refused. Listings of the other plugins still work. */
export interface DiscoveryFailure {
  /** How messages name it, as in `registry.loadErrors()`. */
  readonly module: string;
  /** The module's absolute path, or the package's folder. */
  readonly file: string;
  readonly error: unknown;
}

/** What `discover` and `discoverPackages` did: the modules imported, in order, and what failed. */
export interface DiscoveryReport {
  readonly sources: readonly DiscoverySource[];
  readonly modules: readonly DiscoveredModule[];
  readonly errors: readonly DiscoveryFailure[];
  /**
   * What looks wrong though nothing failed: a module that was imported but registered no plugin into the
   * registry (`"plugins/ddp.js registered no plugin (does it register into another registry than ...?)"`).
   * Always set by `discover` and `discoverPackages`; optional so that reports made by hand need not give it.
   */
  readonly warnings?: readonly string[];
}
