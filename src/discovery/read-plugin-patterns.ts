import { PluginDiscoveryError } from './plugin-discovery-error.js';

/**
 * The glob patterns of a package.json `"plugboard"` field, `{ "plugins": ["./dist/plugins/*.js"] }`; throws
 * PluginDiscoveryError naming `owner` if the field has another shape.
 */
export function readPluginPatterns(field: unknown, owner: string, file: string): string[] {
  const plugins: unknown =
    typeof field === 'object' && field !== null && !Array.isArray(field)
      ? (field as { plugins?: unknown }).plugins
      : [];
  if (!Array.isArray(plugins) || plugins.length === 0 || !plugins.every((p) => typeof p === 'string' && p !== '')) {
    throw new PluginDiscoveryError(
      `The "plugboard" field in the package.json of ${owner} must look like ` +
        '{ "plugins": ["./dist/plugins/*.js"] }: a list of glob patterns of plugin modules, relative to the package.',
      file,
    );
  }
  return plugins as string[];
}
