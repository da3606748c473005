// A program that uses the plugins of an installed package without naming its modules:
// discoverPackages() imports them because the package's package.json declares them.
/* global console */
import 'reflect-metadata';
import { PluginResolver, createPluginContainer, discoverPackages, pluginsRegistry } from 'plugboard';

const report = await discoverPackages();
for (const failure of report.errors) console.error(`not loaded: ${failure.module}`);

console.log(pluginsRegistry.availablePlugins({ withDescriptions: true, withRecommendations: true }).join('\n'));

const [best] = pluginsRegistry.recommend({ tpus: 32 }, { kind: 'strategy' });
const resolver = createPluginContainer().get(PluginResolver);
const strategy = /** @type {{ describe(): string }} */ (resolver.resolve(best?.alias ?? 'tpu'));
console.log(`chosen for 32 TPU cores: ${best?.alias ?? 'tpu'} (${strategy.describe()})`);
