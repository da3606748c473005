// plugboard/registry: everything but the container integration. It does not load inversify, so tools that
// only list, describe or check plugins (and plugin modules themselves) start fast.
export { createRegisterPlugin } from './decorators/create-register-plugin.js';
export type { BoundRegisterPlugin } from './decorators/create-register-plugin.js';
export { RegisterPlugin, registerPlugin } from './decorators/register-plugin.js';
export type { PluginDecorator } from './decorators/register-plugin.js';
export { checkManifest } from './discovery/check-manifest.js';
export type { CheckManifestOptions, ManifestCheck } from './discovery/check-manifest.js';
export { createManifest } from './discovery/create-manifest.js';
export type { ManifestOptions } from './discovery/create-manifest.js';
export { discoverPackages } from './discovery/discover-packages.js';
export type { PackageDiscoveryOptions } from './discovery/discover-packages.js';
export { discover } from './discovery/discover.js';
export type { DiscoveryOptions } from './discovery/discover.js';
export type {
  DiscoveredModule,
  DiscoveryFailure,
  DiscoveryReport,
  DiscoverySource,
} from './discovery/discovery-report.js';
export { loadManifest } from './discovery/load-manifest.js';
export type { LoadedManifest, LoadManifestOptions } from './discovery/load-manifest.js';
export { PluginDiscoveryError } from './discovery/plugin-discovery-error.js';
export { PluginManifestError } from './discovery/plugin-manifest-error.js';
export { MANIFEST_VERSION } from './discovery/plugin-manifest.js';
export type {
  ManifestDeprecation,
  ManifestFile,
  ManifestJsonSchema,
  ManifestKind,
  ManifestPlugin,
  ManifestSource,
  PluginManifest,
} from './discovery/plugin-manifest.js';
export { readManifest } from './discovery/read-manifest.js';
export { writeManifest } from './discovery/write-manifest.js';
export { DuplicatePluginError } from './errors/duplicate-plugin-error.js';
export { InvalidPluginOptionsError } from './errors/invalid-plugin-options-error.js';
export type { PluginOptionsIssue } from './errors/invalid-plugin-options-error.js';
export { PluginConflictError } from './errors/plugin-conflict-error.js';
export { PluginConstraintError } from './errors/plugin-constraint-error.js';
export type { PluginConstraintViolation } from './errors/plugin-constraint-error.js';
export { PluginCreationError } from './errors/plugin-creation-error.js';
export { PluginDisposalError } from './errors/plugin-disposal-error.js';
export type { PluginDisposalFailure } from './errors/plugin-disposal-error.js';
export { PluginDisposedError } from './errors/plugin-disposed-error.js';
export { PluginIncompatibleError } from './errors/plugin-incompatible-error.js';
export { PluginError } from './errors/plugin-error.js';
export { PluginLockError } from './errors/plugin-lock-error.js';
export type { PluginErrorCode } from './errors/plugin-error.js';
export { PluginRegistrationError } from './errors/plugin-registration-error.js';
export { PluginRequiredError } from './errors/plugin-required-error.js';
export { PluginSelectionError } from './errors/plugin-selection-error.js';
export { PluginSetupTimeoutError } from './errors/plugin-setup-timeout-error.js';
export { UnknownPluginError } from './errors/unknown-plugin-error.js';
export { checkPluginLock } from './lock/check-plugin-lock.js';
export type { CheckPluginLockOptions, PluginLockCheck, PluginLockDifference } from './lock/check-plugin-lock.js';
export { createPluginLock, LOCK_VERSION } from './lock/create-plugin-lock.js';
export type { LockedPlugin, PluginLock } from './lock/create-plugin-lock.js';
export { explainPluginSelection } from './lock/explain-plugin-selection.js';
export type {
  ExplainedOption,
  ExplainedPlugin,
  OptionOrigin,
  PluginExplanation,
  PluginLockOptions,
  RegistrationSite,
} from './lock/explain-plugin-selection.js';
export type {
  KindOptions,
  LazyRegistration,
  ListingOptions,
  PluginChange,
  PluginClass,
  PluginDefinition,
  PluginEntry,
  PluginHandle,
  PluginScope,
  RecommendationEnv,
} from './registry/plugin-entry.js';
export type { DeprecatedAlias } from './registry/deprecated-aliases.js';
export type { InjectedDependency, PluginDependency, PluginInjectionToken } from './registry/plugin-dependency.js';
export { PluginRegistry } from './registry/plugin-registry.js';
export type { PluginRegistration, PluginRegistryOptions } from './registry/plugin-registry.js';
export type { PluginHost } from './registry/plugin-host.js';
export type { PluginOrder, PluginOrderTarget } from './registry/plugin-order.js';
export type {
  PluginCheck,
  PluginIncompatibility,
  PluginRequirement,
  SelectedPlugin,
  SelectionView,
} from './registry/plugin-rules.js';
export { pluginSetup } from './registry/plugin-setup.js';
export type { PluginWithSetup } from './registry/plugin-setup.js';
export type { Recommendation } from './registry/recommend.js';
export type { StandardSchemaV1 } from './registry/standard-schema.js';
export { pluginsRegistry } from './registry/plugins-registry.js';
export type {
  CheckedAlias,
  PluginAlias,
  PluginInstance,
  PluginOptionsOverride,
  PluginTypes,
} from './registry/plugin-types.js';
export { pluginsJsonSchema } from './schema/plugins-json-schema.js';
export type { PluginsJsonSchemaOptions } from './schema/plugins-json-schema.js';
export type { JsonSchemaDraft } from './registry/json-schema-of.js';
export type { StandardJSONSchemaV1 } from './registry/standard-json-schema.js';
export { checkPluginSelection } from './selection/check-plugin-selection.js';
export { formatPluginSelection } from './selection/format-plugin-selection.js';
export { parsePluginSelection } from './selection/parse-plugin-selection.js';
export type { ParseSelectionOptions } from './selection/parse-plugin-selection.js';
export type { PluginChoice, PluginSelection, PluginSelectionItem } from './selection/plugin-selection.js';
export { readPluginsOption } from './selection/read-plugins-option.js';
export type { PluginsOption, PluginsOptionSources } from './selection/read-plugins-option.js';
export { reviewPluginSelection } from './selection/review-plugin-selection.js';
export type { PluginSelectionReview } from './selection/review-plugin-selection.js';
