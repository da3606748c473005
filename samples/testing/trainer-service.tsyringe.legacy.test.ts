// The same tests with a tsyringe container (compiled with experimentalDecorators, as tsyringe needs).
import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { container as rootContainer } from 'tsyringe';
import { PluginResolver } from 'plugboard';
import { overridePlugin } from 'plugboard/testing';
import { pluginAliasToken, registerPlugins } from 'plugboard/tsyringe';
import { registry, type Strategy } from './plugins.js';
import { TrainerService } from './trainer-service.js';

const fake: Strategy = { name: 'fake', allReduce: (gradients) => gradients.length };

function tsyringeContainer() {
  const container = rootContainer.createChildContainer();
  registerPlugins(container, registry);
  return container;
}

describe('TrainerService with tsyringe', () => {
  it('overridePlugin works on a tsyringe container', () => {
    const container = tsyringeContainer();
    using _ = overridePlugin(container, 'ddp', fake);

    const trainer = new TrainerService(container.resolve(PluginResolver), { strategy: 'ddp' });

    expect(trainer.step([1, 2, 3])).toBe('fake: 3.00');
  });

  it('a child container can replace the alias token for everything resolved from it', () => {
    const child = tsyringeContainer().createChildContainer();
    child.register(pluginAliasToken('ddp'), { useValue: fake });

    expect(child.resolve(pluginAliasToken('ddp'))).toBe(fake);
  });
});
