import { registerPlugin } from 'plugboard';

/**
 * Stops training once the epochs have taken `seconds` in all (Lightning's Timer callback). A trainer callback:
 * the trainer calls `onEpochEnd(context)` after every epoch; `context.stop(reason)` ends the run.
 */
export class Timer {
  /** @param {{ seconds?: number }} options */
  constructor(options = {}) {
    this.seconds = options.seconds ?? 60;
    this.elapsed = 0;
    this.label = `timer (${String(this.seconds)} s)`;
  }

  /** @param {{ metrics: Readonly<Record<string, number>>, stop(reason: string): void }} context */
  onEpochEnd(context) {
    this.elapsed += context.metrics.seconds ?? 0;
    if (this.elapsed >= this.seconds) context.stop(`the time budget of ${String(this.seconds)} s is spent`);
  }
}

registerPlugin(Timer, {
  alias: 'timer',
  kind: 'callback',
  params: { seconds: 60 },
  optionKeys: ['seconds'],
  description: 'Stop training when a time budget is spent (Lightning Timer)',
  recommendedWhen: 'runs share a machine or must end by a deadline',
});
