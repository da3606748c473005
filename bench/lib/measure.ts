import { Bench } from 'tinybench';

/** Nanoseconds per call of each task, measured in one process, one after the other. */
export type Timings = Record<string, number>;

/**
 * Times each task with tinybench. Each sample runs the task `batch` times, so that calls far shorter
 * than the timer's resolution are still measured; the result is the mean time of one call.
 */
export async function measure(tasks: Record<string, () => unknown>, batch = 1000, time = 400): Promise<Timings> {
  const bench = new Bench({ time, warmupTime: 100 });
  let sink: unknown;
  for (const [name, task] of Object.entries(tasks)) {
    bench.add(name, () => {
      for (let i = 0; i < batch; i += 1) sink = task();
    });
  }
  await bench.run();
  const timings: Timings = {};
  for (const task of bench.tasks) {
    const result = task.result;
    if (result.state !== 'completed') throw new Error(`benchmark ${task.name} ${result.state}`);
    timings[task.name] = (result.period * 1e6) / batch;
  }
  if (sink === Symbol.for('never')) console.log(sink);
  return timings;
}

/** Milliseconds one call of `fn` takes: the best of `runs`, after one warm-up. */
export function timeOnce(fn: () => unknown, runs = 5): number {
  fn();
  let best = Infinity;
  for (let run = 0; run < runs; run += 1) {
    const start = process.hrtime.bigint();
    fn();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return best;
}

/** `1.23x` */
export function ratio(value: number, baseline: number): string {
  return `${(value / baseline).toFixed(2)}x`;
}
