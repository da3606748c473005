import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { Container, inject, injectable } from 'inversify';
import {
  PLUGIN_OPTIONS,
  PluginCreationError,
  PluginRegistry,
  PluginResolver,
  RegisterPlugin,
  createPluginContainer,
  pluginToken,
} from 'plugboard';
import { callerLine } from '../support/caller-line.js';
import { thrown } from '../support/thrown.js';

// This file compiles with experimentalDecorators + emitDecoratorMetadata (see jest.config.js and tsconfig.legacy.json).
class Logger {
  readonly lines: string[] = [];
}

describe(`${RegisterPlugin.name} (experimentalDecorators)`, () => {
  it('registers stacked variants of one class', () => {
    const registry = new PluginRegistry();

    const line = callerLine() + 1;
    @RegisterPlugin({ alias: 'deepspeed', kind: 'strategy', registry, params: { stage: 2 } })
    @RegisterPlugin({ alias: 'deepspeed_zero_3', kind: 'strategy', registry, params: { stage: 3 } })
    class DeepSpeedStrategy {
      constructor(readonly options: { stage: number }) {}
    }

    const container = createPluginContainer({ registry });
    expect(container.get(pluginToken('strategy'), { name: 'deepspeed_zero_3' })).toEqual(
      new DeepSpeedStrategy({ stage: 3 }),
    );
    expect(registry.get('deepspeed').source).toBe(`test/decorators/register-plugin.legacy.test.ts:${String(line)}`);
  });

  it('injects the variant options and other services into an @injectable plugin', () => {
    const registry = new PluginRegistry();

    @RegisterPlugin({ alias: 'ddp', kind: 'strategy', registry, params: { workers: 2 } })
    @injectable()
    class DdpStrategy {
      constructor(
        @inject(PLUGIN_OPTIONS) readonly options: { workers: number },
        @inject(Logger) readonly logger: Logger,
      ) {}
    }
    const parent = new Container();
    parent.bind(Logger).toSelf().inSingletonScope();
    const container = createPluginContainer({ registry, parent });

    const fromToken = container.get<DdpStrategy>(pluginToken('strategy'), { name: 'ddp' });
    const overridden = container.get(PluginResolver).resolve('ddp', { workers: 8 }) as DdpStrategy;

    expect(fromToken).toBeInstanceOf(DdpStrategy);
    expect(fromToken.options).toEqual({ workers: 2 });
    expect(fromToken.logger).toBe(parent.get(Logger));
    expect(overridden.options).toEqual({ workers: 8 });
  });

  it('reports a missing dependency as PluginCreationError naming the alias', () => {
    const registry = new PluginRegistry();

    @RegisterPlugin({ alias: 'needs_logger', registry })
    @injectable()
    class NeedsLogger {
      constructor(@inject(Logger) readonly logger: Logger) {}
    }

    const error = thrown(() => createPluginContainer({ registry }).get(PluginResolver).resolve('needs_logger'));

    expect(error).toBeInstanceOf(PluginCreationError);
    expect(error.message).toMatch(/^Could not create plugin "needs_logger" -> NeedsLogger\. Cause: /);
    expect(error.message).toContain('Logger');
    expect(NeedsLogger.name).toBe('NeedsLogger');
  });

  it('refuses to decorate a method', () => {
    const registry = new PluginRegistry();
    const decorator = RegisterPlugin({ alias: 'method', registry }) as unknown as MethodDecorator;

    expect(() => {
      class Host {
        @decorator
        run(): void {}
      }
      return Host;
    }).toThrow('@RegisterPlugin("method") must decorate a class, but was applied to a class member.');
  });
});
