import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { temporaryDirectory } from './fixtures.js';
import { parseCliOptions } from '../cli/parse-cli-options.js';
import type { Output } from '../cli/output.js';
import { runCli } from '../cli/run-cli.js';
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
    expect(() => parseCliOptions(['--model-size', 'huge'])).toThrow('--model-size must be small, medium, large, xlarge');
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
    expect(stdout.text()).toMatch(/\n {2}ddp_sharded +Sharded data parallel: optimizer state split across workers\n {2} +recommended when: optimizer state dominates memory\n/);
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

    const code = await runCli(['--epochs', '3', '--plugins', 'bf16-mixed', '--report', directory.path], { stdout, stderr });

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
