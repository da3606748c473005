import { memoryLines } from './memory-lines.js';
import { percent } from './format.js';
import type { Output } from './output.js';
import type { RunConfig } from '../trainer/run-config.js';
import type { TrainerEvent } from '../trainer/trainer-event.js';

const BAR_WIDTH = 24;
const REDRAW_MS = 50;

/**
 * Prints a trainer's events: the run and its memory at the start, and on a terminal a progress bar over all
 * steps of the run, redrawn in place. Other lines (the Log service's) go through `line()`.
 */
export class ProgressPrinter {
  readonly #out: Output;
  #firstEpoch = 1;
  #maxEpochs = 1;
  #drawn = 0;
  #barShown = false;
  #barEpoch = 0;
  #lossSum = 0;

  constructor(out: Output) {
    this.#out = out;
  }

  /** Handles one event; pass it as the trainer's `onEvent`. */
  readonly onEvent = (event: TrainerEvent): void => {
    switch (event.type) {
      case 'start':
        this.#firstEpoch = event.firstEpoch;
        this.#maxEpochs = event.maxEpochs;
        if (event.resumedFrom !== undefined)
          this.#line(`resumed from ${event.resumedFrom} at epoch ${String(event.firstEpoch - 1)}`);
        this.#line(describeRun(event.run, event.parameterCount));
        for (const line of memoryLines(event.memory)) this.#line(line);
        break;
      case 'step':
        if (this.#out.isTTY) this.#bar(event.report.epoch, event.report.step, event.report.steps, event.report.loss);
        break;
      case 'epoch':
        // The console_logger plugin prints the epoch's metrics (through the Log service, see line()).
        break;
      case 'checkpoint':
        break;
    }
  };

  /** Prints a line of text (above the progress bar, which is redrawn with the next step). */
  line(text: string): void {
    this.#line(text);
  }

  /** Removes the progress bar, if one is shown. */
  finish(): void {
    this.#clearBar();
  }

  #bar(epoch: number, step: number, steps: number, loss: number): void {
    if (epoch !== this.#barEpoch) [this.#barEpoch, this.#lossSum] = [epoch, 0];
    this.#lossSum += loss;
    const now = performance.now();
    if (now - this.#drawn < REDRAW_MS && step < steps) return;
    this.#drawn = now;
    const epochs = Math.max(1, this.#maxEpochs - this.#firstEpoch + 1);
    const done = Math.min(1, (epoch - this.#firstEpoch + step / steps) / epochs);
    const filled = Math.round(done * BAR_WIDTH);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
    const width = String(this.#maxEpochs).length;
    this.#out.write(
      `\r\x1b[2K${bar} ${percent(done).padStart(6)}  epoch ${String(epoch).padStart(width)}/${String(this.#maxEpochs)}` +
        `  step ${String(step).padStart(String(steps).length)}/${String(steps)}  loss ${(this.#lossSum / step).toFixed(4)}`,
    );
    this.#barShown = true;
  }

  #line(text: string): void {
    this.#clearBar();
    this.#out.write(`${text}\n`);
  }

  #clearBar(): void {
    if (!this.#barShown) return;
    this.#out.write('\r\x1b[2K');
    this.#barShown = false;
  }
}

/** `data: spirals, 3 classes, 900 points (seed 7) | model: MLP 2-32-32-3 tanh, 1,251 parameters | Adam lr 0.02, batch 32`. */
export function describeRun(run: RunConfig, parameterCount: number): string {
  const { data } = run;
  return (
    `data: spirals, ${String(data.classes)} classes, ${String(data.classes * data.pointsPerClass)} points (seed ${String(run.seed)})` +
    ` | model: MLP ${[2, ...run.hidden, data.classes].join('-')} ${run.activation}, ${parameterCount.toLocaleString('en-US')} parameters` +
    ` | Adam lr ${String(run.learningRate)}, batch ${String(run.batchSize)}`
  );
}
