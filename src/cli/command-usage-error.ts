import { PluginDiscoveryError } from '../discovery/plugin-discovery-error.js';

/**
 * The command cannot start because of what the user gave it: a registry module or export that is not there, or a
 * TypeScript file with no loader. The message is one line; `plugboard` exits 2 (a usage error) with it.
 */
export class CommandUsageError extends PluginDiscoveryError {}
