export { createTestContainer } from './testing/create-test-container.js';
export type { TestContainer } from './testing/create-test-container.js';
export { overridePlugin } from './testing/override-plugin.js';
export type { OverrideOptions, OverrideTarget } from './testing/override-plugin.js';
export type { PluginReplacement } from './testing/plugin-replacement.js';
export { usePluginOverrides } from './testing/use-plugin-overrides.js';
export type { UsePluginOverridesOptions } from './testing/use-plugin-overrides.js';
export { withPluginOverrides } from './testing/with-plugin-overrides.js';
export type { PluginOverrides } from './testing/with-plugin-overrides.js';
