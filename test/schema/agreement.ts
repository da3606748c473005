import { Ajv2020 } from 'ajv/dist/2020.js';
import { PluginError, PluginResolver, createPluginContainer, pluginsJsonSchema, readPluginsOption } from 'plugboard';
import type { PluginRegistry } from 'plugboard';

/** The two judges of a config file that the agreement property tests compare, for one registry. */
export function judges(registry: PluginRegistry): {
  schemaAccepts: (config: Record<string, unknown>) => boolean;
  plugboardAccepts: (config: Record<string, unknown>) => boolean;
} {
  const resolver = createPluginContainer({ registry }).get(PluginResolver);
  const validate = new Ajv2020({ strict: true }).compile(pluginsJsonSchema(registry, { config: true }));
  return {
    schemaAccepts: (config) => validate(config),
    /** What plugboard says of a config file: read its plugins, then resolve them (the test plugins build nothing). */
    plugboardAccepts: (config) => {
      try {
        resolver.resolveAll(readPluginsOption({ config, registry }).choices);
        return true;
      } catch (error) {
        if (PluginError.is(error)) return false;
        throw error;
      }
    },
  };
}
