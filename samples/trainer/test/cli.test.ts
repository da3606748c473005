import 'reflect-metadata';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PluginSelection } from 'plugboard';
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { temporaryDirectory } from './fixtures.js';
import { parseCliOptions } from '../cli/parse-cli-options.js';
import type { Output } from '../cli/output.js';
import { recommendPlugins } from '../cli/recommend-plugins.js';
import { runCli } from '../cli/run-cli.js';
import { trainerRegistry } from '../registry.js';
import { PluginPlan } from '../trainer/plugin-plan.js';
import { UsageError } from '../cli/usage-error.js';

// Worker threads start slowly on a busy 2-core machine: a generous limit, not a timing assertion.
jest.setTimeout(60_000);

const capture = (isTTY = false): Output & { text: () => string } => {
  const chunks: string[] = [];
  return { isTTY, write: (text) => void chunks.push(text), text: () => chunks.join('') };
};

describe(parseCliOptions.name, () => {
  it('reads every option', () => {
    const options = parseCliOptions([
      '--plugins',
      'ddp,json',
      '--epochs',
      '3',
      '--seed',
      '1',
      '--report',
      'out',
      '--resume',
      'a.ckpt',
    ]);

    expect(options).toMatchObject({ plugins: ['ddp,json'], epochs: 3, seed: 1, report: 'out', resume: 'a.ckpt' });
  });

  it('takes --plugins more than once', () => {
    expect(parseCliOptions(['-p', 'ddp(workers=4)', '--plugins', 'bf16-mixed']).plugins).toEqual([
      'ddp(workers=4)',
      'bf16-mixed',
    ]);
  });

  it('reads --model-size by name or as hidden widths', () => {
    expect(parseCliOptions(['--model-size', 'large']).hidden).toEqual([1024, 1024]);
    expect(parseCliOptions(['--model-size', '64x8']).hidden).toEqual([64, 8]);
    expect(() => parseCliOptions(['--model-size', 'huge'])).toThrow(
      '--model-size must be small, medium, large, xlarge',
    );
  });

  it.each([[['--epochs', '0']], [['--epochs', '2.5']], [['--bogus']], [['extra']]])('refuses %p', (args) => {
    expect(() => parseCliOptions(args)).toThrow(UsageError);
  });
});

describe(runCli.name, () => {
  let directory: Awaited<ReturnType<typeof temporaryDirectory>>;
  beforeEach(async () => {
    directory = await temporaryDirectory();
  });
  afterEach(async () => {
    await directory.remove();
  });

  it('--list-plugins prints one line per plugin with description and recommendation', async () => {
    const [stdout, stderr] = [capture(), capture()];

    const code = await runCli(['--list-plugins'], { stdout, stderr });

    expect(code).toBe(0);
    expect(stdout.text()).toContain('strategy (one per run; default single_device):\n');
    expect(stdout.text()).toMatch(
      /\n {2}ddp_sharded +Sharded data parallel: optimizer state split across workers\n {2} +recommended when: optimizer state dominates memory\n/,
    );
    expect(stdout.text()).toContain('logger (any number; default console_logger):\n');
    expect(stdout.text()).toContain('callback (any number; default none):\n');
  });

  it('exits 2 with the library message for a mistyped alias', async () => {
    const [stdout, stderr] = [capture(), capture()];

    const code = await runCli(['--plugins', 'deepsped'], { stdout, stderr });

    expect(code).toBe(2);
    expect(stderr.text()).toContain('No plugin "deepsped". Did you mean "deepspeed"?');
    expect(stdout.text()).toBe('');
  });

  it('trains, prints progress and final metrics, and writes a report with an SVG loss curve', async () => {
    const [stdout, stderr] = [capture(true), capture()];

    const code = await runCli(['--epochs', '3', '--plugins', 'bf16-mixed', '--report', directory.path], {
      stdout,
      stderr,
    });

    expect(code).toBe(0);
    expect(stderr.text()).toBe('');
    expect(stdout.text()).toMatch(/epoch 3 {2}train_loss \d\.\d{4}/);
    expect(stdout.text()).toContain('█');
    expect(stdout.text()).toMatch(/done in [\d.]+ s: final loss \d\.\d{4}, accuracy [\d.]+%/);
    const markdown = await readFile(`${directory.path}/report.md`, 'utf8');
    const svg = await readFile(`${directory.path}/loss-curve.svg`, 'utf8');
    expect(markdown).toContain('![Training and validation loss per epoch](loss-curve.svg)');
    expect(markdown).toContain('| precision | bfloat16 compute, float32 master weights |');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg.match(/<polyline /g)).toHaveLength(2);
  });
});

describe('runCli: where the plugins come from', () => {
  let directory: Awaited<ReturnType<typeof temporaryDirectory>>;
  beforeEach(async () => {
    directory = await temporaryDirectory();
  });
  afterEach(async () => {
    await directory.remove();
  });

  const firstLines = (text: string, count: number): string[] => text.split('\n').slice(0, count);

  it('starts with the plugins by alias and kind, from their defaults, and how to change them', async () => {
    const [stdout, stderr] = [capture(), capture()];

    await runCli(['--epochs', '1'], { stdout, stderr });

    expect(firstLines(stdout.text(), 6)).toEqual([
      'plugins (alias, kind, from):',
      '  single_device   strategy       default',
      '  32-true         precision      default',
      '  binary          checkpoint_io  default',
      '  console_logger  logger         default',
      'change them with --plugins "...", TRAINER_PLUGINS or --config FILE; list them with --list-plugins; advice with --recommend',
    ]);
  });

  it('names TRAINER_PLUGINS as the source when the environment chose', async () => {
    const [stdout, stderr] = [capture(), capture()];

    await runCli(['--epochs', '1'], { stdout, stderr, env: { TRAINER_PLUGINS: 'json, early_stopping(patience=2)' } });

    expect(stdout.text()).toContain('  json                        checkpoint_io  TRAINER_PLUGINS\n');
    expect(stdout.text()).toContain('  early_stopping(patience=2)  callback       TRAINER_PLUGINS\n');
  });

  it('reads a config file with $schema and plugins, and says so', async () => {
    const config = join(directory.path, 'trainer.json');
    await writeFile(
      config,
      JSON.stringify({
        $schema: './trainer.schema.json',
        plugins: ['64-true', { alias: 'json', options: { pretty: true } }],
      }),
    );
    const [stdout, stderr] = [capture(), capture()];

    const code = await runCli(['--epochs', '1', '--config', config], { stdout, stderr });

    expect(code).toBe(0);
    expect(stdout.text()).toContain(`  64-true            precision      --config ${config}\n`);
    expect(stdout.text()).toContain(`  json(pretty=true)  checkpoint_io  --config ${config}\n`);
  });

  it('--plugins wins over TRAINER_PLUGINS and the config file', async () => {
    const config = join(directory.path, 'trainer.json');
    await writeFile(config, JSON.stringify({ plugins: 'json' }));
    const [stdout, stderr] = [capture(), capture()];

    await runCli(['--epochs', '1', '--config', config, '--plugins', '64-true'], {
      stdout,
      stderr,
      env: { TRAINER_PLUGINS: 'json' },
    });

    expect(stdout.text()).toContain('  64-true         precision      --plugins\n');
    expect(stdout.text()).toContain('  binary          checkpoint_io  default\n');
  });

  it('refuses a config file with other keys, naming them', async () => {
    const config = join(directory.path, 'trainer.json');
    await writeFile(config, JSON.stringify({ plugin: 'ddp' }));
    const [stdout, stderr] = [capture(), capture()];

    const code = await runCli(['--config', config], { stdout, stderr });

    expect(code).toBe(2);
    expect(stderr.text()).toBe(
      `The config file ${config} has unknown keys "plugin" (did you mean "plugins"?); it may have $schema, $origins, ` +
        'plugins, strategy, precision, epochs, seed, modelSize, batchSize, learningRate, checkpointDir, resume, report, ' +
        'setupTimeoutMs.\n' +
        'Run with --help for usage.\n',
    );
  });

  // issue 22: an object item's options were checked only while building, blaming the strategy.
  it('blames the plugin of a bad object item while reading the config, before building anything', async () => {
    const config = join(directory.path, 'trainer.json');
    await writeFile(config, JSON.stringify({ plugins: ['ddp', { alias: 'bf16-mixed', options: { x: 1 } }] }));
    const [stdout, stderr] = [capture(), capture()];

    const code = await runCli(['--epochs', '1', '--config', config], { stdout, stderr });

    expect([code, stdout.text()]).toEqual([2, '']);
    expect(stderr.text()).toBe(
      'In config plugins: Invalid options for plugin "bf16-mixed":\n' +
        '  - x: unknown option. Known options: compute, master, lossScaling, initialScale.\n' +
        'Run with --list-plugins to see the plugins.\n',
    );
  });

  it('the sample config file selects ddp, bf16-mixed, a CSV logger and early stopping', async () => {
    const config = JSON.parse(await readFile(new URL('../trainer.json', import.meta.url), 'utf8')) as {
      plugins: unknown;
    };

    const plan = new PluginPlan(config.plugins as PluginSelection, trainerRegistry);

    expect(plan.plugins.map((p) => `${p.kind}: ${p.text}`)).toEqual([
      'strategy: ddp',
      'precision: bf16-mixed',
      'checkpoint_io: binary',
      'logger: csv_logger(dir=out/logs)',
      'callback: early_stopping(patience=3)',
    ]);
  });

  it('--recommend names this machine, the model size, and a plugin per kind with its reason', async () => {
    const [stdout, stderr] = [capture(), capture()];

    const code = await runCli(['--recommend', '--model-size', 'small'], { stdout, stderr });

    expect(code).toBe(0);
    expect(stdout.text()).toMatch(
      /^for this machine \(\d+ cores, .* free of .*\) and the model MLP 2-32-32-3 \(1,251 parameters/,
    );
    expect(stdout.text()).toContain(
      '  strategy       single_device             recommended when the model is small or you are debugging\n',
    );
    expect(stdout.text()).toContain(
      'run with: --plugins "single_device, 32-true, binary, console_logger, early_stopping"\n',
    );
  });
});

describe(recommendPlugins.name, () => {
  const env = { cores: 2, freeMemoryBytes: 16 * 2 ** 30, totalMemoryBytes: 32 * 2 ** 30 };

  it('recommends ddp for a large model on 2 cores, and ZeRO stage 3 with offload when two replicas do not fit', () => {
    const large = recommendPlugins(
      trainerRegistry,
      { ...env, parameters: 1_054_723, modelStateBytes: 33_751_136 },
      'large',
    );
    const huge = recommendPlugins(trainerRegistry, { ...env, parameters: 3e8, modelStateBytes: 9.6e9 }, 'huge');

    expect(large[1]).toBe(
      '  strategy       ddp                       recommended when the model fits in one worker and you want more throughput',
    );
    expect(huge[1]).toBe(
      '  strategy       deepspeed_zero_3_offload  recommended when largest models, little worker memory',
    );
  });
});
