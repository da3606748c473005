/**
 * Timing helpers. A task brings its own loop function, written out once per task, so that V8 optimises
 * each loop for the one call it makes (a shared loop calling a different closure per task would be
 * polymorphic and slow every task down alike). Tasks of one table run interleaved in the same process.
 */

/** One timed task: `loop(n)` calls the code under test n times and returns the last result. */
export interface Task {
  readonly name: string;
  readonly loop: (n: number) => unknown;
  /** Throws unless `value` (a result of `loop`) is what the code under test must return. */
  readonly check: (value: unknown) => void;
}

/** Nanoseconds per call (or milliseconds, bytes: whatever a child measures), by row name. */
export type Figures = Record<string, number>;

const now = (): number => Number(process.hrtime.bigint());

/** A results sink the optimiser cannot see through. */
export let sink: unknown;

/**
 * Times `tasks` interleaved: each round runs every task once (rotating which goes first) for a batch of about
 * `batchMs`; the figure of a task is the median of its rounds, in ns per call. Each task's result is checked
 * before any timing, and after every batch.
 */
export function interleaved(tasks: readonly Task[], rounds = 15, batchMs = 8): Figures {
  const sizes = tasks.map((task) => {
    task.check(task.loop(1));
    for (let warm = 0; warm < 5; warm += 1) task.check(task.loop(2000));
    let n = 1000;
    for (;;) {
      const start = now();
      sink = task.loop(n);
      const elapsed = (now() - start) / 1e6;
      if (elapsed >= batchMs / 4 || n > 1e8) return Math.max(1, Math.round((n * batchMs) / Math.max(elapsed, 1e-3)));
      n *= 4;
    }
  });
  const samples = tasks.map((): number[] => []);
  for (let round = 0; round < rounds; round += 1) {
    for (let k = 0; k < tasks.length; k += 1) {
      const index = (k + round) % tasks.length;
      const task = tasks[index] as Task;
      const n = sizes[index] as number;
      const start = now();
      const result = task.loop(n);
      const elapsed = now() - start;
      task.check(result);
      sink = result;
      samples[index]?.push(elapsed / n);
    }
  }
  return Object.fromEntries(tasks.map((task, index) => [task.name, median(samples[index] ?? [])]));
}

/** Milliseconds `fn` takes, once. */
export function timeOnce(fn: () => unknown): number {
  const start = now();
  sink = fn();
  return (now() - start) / 1e6;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Throws `message` unless `condition`. */
export function expect(condition: boolean, message: string): true {
  if (!condition) throw new Error(`benchmark check failed: ${message}`);
  return true;
}

/** Runs a full collection twice (`node --expose-gc`). */
export function collect(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc');
  gc();
  gc();
}
