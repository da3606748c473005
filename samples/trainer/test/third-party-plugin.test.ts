// A third-party package adds a callback to the trainer: found through its package.json by discoverPackages.
import 'reflect-metadata';
import { cp, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { temporaryDirectory } from './fixtures.js';
import type { Output } from '../cli/output.js';
import { runCli } from '../cli/run-cli.js';

jest.setTimeout(60_000);

const capture = (): Output & { text: () => string } => {
  const chunks: string[] = [];
  return { isTTY: false, write: (text) => void chunks.push(text), text: () => chunks.join('') };
};

// Issue 24 as the trainer uses it: both packages declare the trainer versions they support; the timer's range
// holds trainer 1.0.0, the legacy package's (^0.9.0) does not, and it is reported, not loaded.
describe('a third-party plugin package (samples/trainer-timer), beside one made for trainer 0.x', () => {
  let project: Awaited<ReturnType<typeof temporaryDirectory>>;
  beforeAll(async () => {
    project = await temporaryDirectory();
    const dependencies = { 'plugboard-trainer-timer': '1.0.0', 'plugboard-plugin-legacy': '0.4.0' };
    await writeFile(
      join(project.path, 'package.json'),
      JSON.stringify({ name: 'my-project', private: true, dependencies }),
    );
    // What `npm install` leaves: a copy of the package under node_modules.
    const installed = join(project.path, 'node_modules', 'plugboard-trainer-timer');
    await mkdir(installed, { recursive: true });
    await cp(fileURLToPath(new URL('../../trainer-timer', import.meta.url)), installed, { recursive: true });
    // A package made for trainer 0.x: its peerDependencies range excludes the trainer's version.
    const legacy = join(project.path, 'node_modules', 'plugboard-plugin-legacy');
    await mkdir(legacy, { recursive: true });
    await cp(fileURLToPath(new URL('../../legacy-plugin', import.meta.url)), legacy, { recursive: true });
  });
  afterAll(async () => {
    await project.remove();
  });

  it('is listed among the callbacks, with the package it came from', async () => {
    const [stdout, stderr] = [capture(), capture()];

    const code = await runCli(['--project', project.path, '--list-plugins'], { stdout, stderr });

    expect(code).toBe(0);
    expect(stderr.text()).toBe(
      'warning: plugins of plugboard-plugin-legacy not loaded: Plugin package "plugboard-plugin-legacy" "0.4.0" ' +
        'supports "plugboard-trainer" "^0.9.0", not version "1.0.0"; it was not loaded. ' +
        'Install a version of the package made for "plugboard-trainer" "1.0.0", or pass { allowIncompatible: true } ' +
        '(--allow-incompatible) to load it anyway.\n',
    );
    expect(stdout.text()).not.toContain('averaged_weights');
    expect(stdout.text()).toMatch(
      /callback \(any number; default none\):\n(.*\n)* {2}timer +Stop training when a time budget is spent \(Lightning Timer\) \[from plugboard-trainer-timer\]\n/,
    );
  });

  it('is selected by alias with options, and stops the run', async () => {
    const [stdout, stderr] = [capture(), capture()];

    const code = await runCli(['--project', project.path, '--plugins', 'timer(seconds=0)', '--epochs', '5'], {
      stdout,
      stderr,
    });

    expect(code).toBe(0);
    expect(stdout.text()).toContain('  timer(seconds=0)  callback       --plugins\n');
    expect(stdout.text()).toContain('stopped early: the time budget of 0 s is spent\n');
    expect(stdout.text()).not.toContain('epoch 2 ');
  });
});
