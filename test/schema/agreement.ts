import { Ajv2020 } from 'ajv/dist/2020.js';
import { PluginError, PluginResolver, createPluginContainer, pluginsJsonSchema, readPluginsOption } from 'plugboard';
import type { PluginRegistry } from 'plugboard';

/** The keywords the schema holds for editors, listed in docs/json-schema.md. */
export const EDITOR_KEYWORDS = [
  'errorMessage',
  'deprecationMessage',
  'enumDescriptions',
  'markdownDescription',
  'defaultSnippets',
] as const;

/** The two judges of a config file that the agreement property tests compare, for one registry. */
export function judges(registry: PluginRegistry): {
  schemaAccepts: (config: Record<string, unknown>) => boolean;
  plugboardAccepts: (config: Record<string, unknown>) => boolean;
} {
  const resolver = createPluginContainer({ registry }).get(PluginResolver);
  const ajv = new Ajv2020({ strict: true });
  // The keywords editors read (docs/json-schema.md): a strict validator is told they are annotations.
  ajv.addVocabulary([...EDITOR_KEYWORDS]);
  const validate = ajv.compile(pluginsJsonSchema(registry, { config: true }));
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
