export { createPluginContainer } from './container/create-plugin-container.js';
export type { PluginContainer, PluginContainerOptions } from './container/create-plugin-container.js';
export { disposePluginContainer } from './container/dispose-plugin-container.js';
export { PLUGIN_OPTIONS } from './container/plugin-options.js';
export { pluginModule } from './container/plugin-module.js';
export type { PluginModuleOptions } from './container/plugin-module.js';
export { PLUGIN_TRACE_CHANNELS } from './container/plugin-trace-channels.js';
export type { PluginTraceContext } from './container/plugin-trace-channels.js';
export { PluginResolver } from './container/plugin-resolver.js';
export type { ResolvedPlugins } from './container/plugin-resolver.js';
export { ResolutionScope } from './container/resolution-scope.js';
export { pluginToken } from './container/plugin-token.js';
// The registry, decorators, errors, selection and discovery: see registry.ts (plugboard/registry).
export * from './registry.js';
