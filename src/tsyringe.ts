export { pluginAliasToken, pluginKindToken } from './tsyringe/plugin-tokens.js';
export type { PluginKindLookup } from './tsyringe/plugin-tokens.js';
export { registerPlugins } from './tsyringe/register-plugins.js';
