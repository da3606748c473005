import { cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import { linkPackage, repoRoot, writeFiles } from './plugboard-package.js';

/** A line that records, in the file PLUGBOARD_TRACE names, that a plugin module was imported. */
const trace = (name: string): string =>
  `if (process.env.PLUGBOARD_TRACE) appendFileSync(process.env.PLUGBOARD_TRACE, '${name}\\n');`;

/** The plugin modules of the fixture project: plain ES modules, as a build would leave them in dist/. */
export const pluginFiles: Record<string, string> = {
  'plugins/ddp.js': `import { appendFileSync } from 'node:fs';
import { registerPlugin } from 'plugboard';
${trace('plugins/ddp.js')}

export class DdpStrategy {
  constructor(options) {
    this.options = options;
  }
}

registerPlugin(DdpStrategy, {
  alias: 'ddp',
  kind: 'strategy',
  params: { workers: 2 },
  optionKeys: ['workers'],
  description: 'Distributed data parallel',
  recommendedWhen: 'the model fits one device',
  recommend: (env) => env.gpus > 1,
});
`,
  'plugins/deepspeed.js': `import { appendFileSync } from 'node:fs';
import { pluginsRegistry, registerPlugin } from 'plugboard';
${trace('plugins/deepspeed.js')}

/** A Standard Schema written by hand (zod, valibot and arktype implement the same interface). */
const stageSchema = {
  '~standard': {
    version: 1,
    vendor: 'handmade',
    validate: (value) =>
      [1, 2, 3].includes(value?.stage) ? { value } : { issues: [{ message: 'stage must be 1, 2 or 3', path: ['stage'] }] },
  },
};

export class DeepSpeedStrategy {
  constructor(options) {
    this.options = options;
  }
}

registerPlugin(DeepSpeedStrategy, {
  alias: 'deepspeed',
  kind: 'strategy',
  params: { stage: 2 },
  schema: stageSchema,
  description: 'DeepSpeed ZeRO stage 2',
  recommendedWhen: 'model states do not fit one device',
});
registerPlugin(DeepSpeedStrategy, {
  alias: 'deepspeed_zero_3_offload',
  kind: 'strategy',
  params: { stage: 3, offloadOptimizer: true },
  schema: stageSchema,
  description: 'ZeRO stage 3 with CPU offload',
  recommendedWhen: 'largest models, little GPU memory',
  recommend: (env) => (env.modelGb > 30 ? 3 : false),
});
pluginsRegistry.deprecate('deepspeed_stage_3_offload', 'deepspeed_zero_3_offload', { message: 'Removed in 2.0.' });
`,
  'plugins/precision.js': `import { appendFileSync } from 'node:fs';
import { registerPlugin } from 'plugboard';
${trace('plugins/precision.js')}

export class MixedPrecision {
  constructor(options) {
    this.options = options;
  }
}

registerPlugin(MixedPrecision, { alias: 'bf16-mixed', kind: 'precision', params: { dtype: 'bfloat16' },
  description: 'bfloat16 mixed precision' });
`,
};

/**
 * A project as a user has it: its own plugin modules declared in package.json, the sample plugin package installed
 * in node_modules (copied, as npm installs it), and node_modules/plugboard linked to the built package.
 */
export function makeApp(dir: string, plugboard: string): string {
  writeFiles(dir, {
    'package.json': JSON.stringify(
      {
        name: 'fixture-app',
        private: true,
        type: 'module',
        plugboard: { plugins: ['plugins/*.js'] },
        dependencies: { plugboard: '0.1.0', 'plugboard-plugin-tpu': '1.0.0', 'left-pad': '1.3.0' },
      },
      null,
      2,
    ),
    ...pluginFiles,
    'node_modules/left-pad/package.json': '{ "name": "left-pad", "version": "1.3.0" }',
  });
  installSamplePackage(dir);
  linkPackage(dir, 'plugboard', plugboard);
  return dir;
}

/** Copies samples/third-party-plugin into `<project>/node_modules/plugboard-plugin-tpu`, as npm would install it. */
export function installSamplePackage(project: string): void {
  const target = path.join(project, 'node_modules/plugboard-plugin-tpu');
  cpSync(path.join(repoRoot, 'samples/third-party-plugin'), target, { recursive: true });
  rmSync(path.join(target, 'app'), { recursive: true, force: true });
}

/**
 * A project with problems: a module with a syntax error, one that registers an alias another module holds, and an
 * installed package whose "plugboard" field points outside it.
 */
export function makeMessyApp(dir: string, plugboard: string): string {
  makeApp(dir, plugboard);
  writeFiles(dir, {
    'package.json': JSON.stringify({
      name: 'messy-app',
      type: 'module',
      plugboard: { plugins: ['plugins/*.js', 'more-plugins/*.js'] },
      dependencies: { plugboard: '0.1.0', 'plugboard-plugin-tpu': '1.0.0', 'evil-plugin': '1.0.0' },
    }),
    'more-plugins/broken.js': "import { registerPlugin } from 'plugboard';\nexport const = ;\n",
    'more-plugins/ddp-v2.js':
      "import { registerPlugin } from 'plugboard';\nexport class DdpV2 {}\nregisterPlugin(DdpV2, { alias: 'DDP', kind: 'strategy', params: { workers: 1 } });\n",
    'node_modules/evil-plugin/package.json': JSON.stringify({
      name: 'evil-plugin',
      version: '1.0.0',
      plugboard: { plugins: ['../../plugins/*.js'] },
    }),
  });
  return dir;
}
