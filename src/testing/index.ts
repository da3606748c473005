export { createTestContainer } from './create-test-container.js';
export type { TestContainer } from './create-test-container.js';
export { overridePlugin } from './override-plugin.js';
export type { OverrideOptions, OverrideTarget } from './override-plugin.js';
export type { PluginReplacement } from './plugin-replacement.js';
export { usePluginOverrides } from './use-plugin-overrides.js';
export type { UsePluginOverridesOptions } from './use-plugin-overrides.js';
export { withPluginOverrides } from './with-plugin-overrides.js';
export type { PluginOverrides } from './with-plugin-overrides.js';
