import { join } from 'node:path';
import { lossCurveSvg } from './loss-curve-svg.js';
import { bytes, percent } from '../cli/format.js';
import { reachPerWorker, runTotal, totalBytes, type HeldBytes } from '../engine/memory-report.js';
import type { FileSystem } from '../services/file-system.js';
import type { FitResult } from '../trainer/fit-result.js';

/** The files a report consists of. */
export interface ReportFiles {
  readonly markdown: string;
  readonly svg: string;
}

/**
 * Writes `report.md` (run, plugins, memory held per worker, per-epoch metrics) and `loss-curve.svg` (train and
 * validation loss per epoch) into `directory`.
 */
export async function writeReport(
  fs: FileSystem,
  directory: string,
  result: FitResult,
  seconds: number,
): Promise<ReportFiles> {
  const files: ReportFiles = { markdown: join(directory, 'report.md'), svg: join(directory, 'loss-curve.svg') };
  const { history } = result;
  const svg = lossCurveSvg(`Loss — ${result.plugins.strategy}, ${result.plugins.precision}`, [
    { name: 'training loss', color: '#2563eb', points: history.map((m) => [m.epoch, m.trainLoss] as const) },
    {
      name: 'validation loss',
      color: '#dc2626',
      dashed: true,
      points: history.map((m) => [m.epoch, m.validationLoss] as const),
    },
  ]);
  await fs.writeFile(files.svg, svg);
  await fs.writeFile(files.markdown, markdown(result, seconds));
  return files;
}

function markdown(result: FitResult, seconds: number): string {
  const { run, plugins, memory, history } = result;
  const last = history.at(-1);
  const row = (cells: readonly (string | number)[]): string => `| ${cells.join(' | ')} |`;
  const held = (where: string, value: HeldBytes): string =>
    row([
      where,
      bytes(value.parameters),
      bytes(value.gradients),
      bytes(value.optimizerState),
      bytes(totalBytes(value)),
    ]);
  const lines = [
    '# Training report',
    '',
    '![Training and validation loss per epoch](loss-curve.svg)',
    '',
    '| | |',
    '| --- | --- |',
    row(['strategy', plugins.strategy]),
    row(['precision', plugins.precision]),
    row(['checkpoint format', plugins.checkpointIO]),
    row([
      'model',
      `MLP ${[2, ...run.hidden, run.data.classes].join('-')} (${run.activation}), ${result.parameterCount.toLocaleString('en-US')} parameters`,
    ]),
    row([
      'data',
      `spirals: ${String(run.data.classes)} classes, ${String(run.data.pointsPerClass * run.data.classes)} training and ` +
        `${String(run.data.validationPointsPerClass * run.data.classes)} validation points, noise ${String(run.data.noise)}, seed ${String(run.seed)}`,
    ]),
    row(['optimizer', `Adam, learning rate ${String(run.learningRate)}, global batch ${String(run.batchSize)}`]),
    row(['epochs', history.length]),
    row([
      'final',
      last
        ? `training loss ${last.trainLoss.toFixed(4)} (accuracy ${percent(last.trainAccuracy)}), ` +
          `validation loss ${last.validationLoss.toFixed(4)} (accuracy ${percent(last.validationAccuracy)})`
        : 'no epochs',
    ]),
    row(['time', `${seconds.toFixed(2)} s`]),
    '',
    '## Memory',
    '',
    'Bytes of model state held privately (per worker: the largest worker), in the host (main thread), and shared.',
    '',
    row(['where', 'parameters', 'gradients', 'optimizer state', 'total']),
    row(['---', '---:', '---:', '---:', '---:']),
    held(`each of ${String(memory.workers)} worker${memory.workers === 1 ? '' : 's'}`, memory.perWorker),
    held('host', memory.host),
    '',
    `Workspace per worker (activations, casts): ${bytes(memory.workspacePerWorker)}; ` +
      `private gradient slots per worker: ${bytes(memory.privateSlotsPerWorker)}. ` +
      `Shared by all workers: gradient slots ${bytes(memory.shared.gradientSlots)}, ` +
      `all-gathered parameters ${bytes(memory.shared.parameters)}. ` +
      `Each worker holds or maps ${bytes(reachPerWorker(memory))}; the run holds ${bytes(runTotal(memory))} in all.`,
    '',
    '## Epochs',
    '',
    row(['epoch', 'training loss', 'training accuracy', 'validation loss', 'validation accuracy', 'seconds']),
    row(['---:', '---:', '---:', '---:', '---:', '---:']),
    ...history.map((m) =>
      row([
        m.epoch,
        m.trainLoss.toFixed(4),
        percent(m.trainAccuracy),
        m.validationLoss.toFixed(4),
        percent(m.validationAccuracy),
        m.seconds.toFixed(3),
      ]),
    ),
    '',
  ];
  return lines.join('\n');
}
