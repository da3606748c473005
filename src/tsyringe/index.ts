export { pluginAliasToken, pluginKindToken } from './plugin-tokens.js';
export type { PluginKindLookup } from './plugin-tokens.js';
export { registerPlugins } from './register-plugins.js';
