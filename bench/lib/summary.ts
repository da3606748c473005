/**
 * Figures across processes: each child process (or each fresh process of a cold-start run) gives one value
 * per row; a row shows the median of them with min..max, and a ratio is taken within each process (the two
 * figures were measured side by side) before its median is taken.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { median, type Figures } from './measure.js';

export const root = fileURLToPath(new URL('../..', import.meta.url));

/** The values of each row, one per process. */
export type Runs = Record<string, number[]>;

/** How many processes each figure is the median of (BENCH_PROCESSES, default 5). */
export const PROCESSES = Number(process.env.BENCH_PROCESSES ?? 5);

/**
 * How many processes each figure of sections 1 and 1b is the median of (BENCH_RESOLVE_PROCESSES, default 15). A
 * resolve takes tens of nanoseconds, and what V8 decides for it differs from process to process: in 6 processes of
 * one build the ratio of `container.get` to raw inversify ranged 0.94-1.54x, and the median of five moved by 0.1x
 * between runs. A process takes about 2 s.
 */
export const RESOLVE_PROCESSES = Number(process.env.BENCH_RESOLVE_PROCESSES ?? 15);

/** Runs `bench/child.ts <suite>` in `count` separate processes, one after the other, and gathers their figures. */
export function inChildren(suite: string, count = PROCESSES): Runs {
  const runs: Runs = {};
  for (let run = 0; run < count; run += 1) {
    const output = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/child.ts', suite], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    });
    const figures = JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as Figures;
    for (const [name, value] of Object.entries(figures)) (runs[name] ??= []).push(value);
  }
  return runs;
}

/**
 * Per-process ratios of row `a` to row `b`; with several `b` rows, to the fastest of them in that process
 * (so that a ratio is never flattered by the slower of two fair baselines).
 */
export function ratios(runs: Runs, a: string, ...b: string[]): number[] {
  const top = runs[a] ?? [];
  return top.map((value, index) => value / Math.min(...b.map((name) => runs[name]?.[index] ?? NaN)));
}

/** Per-process differences `a - b`. */
export function differences(runs: Runs, a: string, b: string): number[] {
  const top = runs[a] ?? [];
  const bottom = runs[b] ?? [];
  return top.map((value, index) => value - (bottom[index] ?? NaN));
}

/** `123 (118..131)` with `digits` decimals. */
export function spread(values: readonly number[], digits = 0): string {
  if (values.length === 0) return 'n/a';
  const fmt = (value: number) => value.toFixed(digits);
  const single = values.length === 1;
  return single
    ? fmt(values[0] as number)
    : `${fmt(median(values))} (${fmt(Math.min(...values))}..${fmt(Math.max(...values))})`;
}

/** `1.23x (1.10..1.40x)` */
export function ratioSpread(values: readonly number[]): string {
  if (values.length === 0) return 'n/a';
  return `${median(values).toFixed(2)}x (${Math.min(...values).toFixed(2)}..${Math.max(...values).toFixed(2)})`;
}

/**
 * A goal and whether the median meets it: `≤ 1.5x: met` or `≤ 1.5x: **missed** (by 4.2%)`. A miss says by how
 * much, so that a median shown rounded to the goal (1.00x beside ≤ 1.0x: **missed**) does not read as a
 * contradiction. The percentage is of the median against the limit (for `≥` goals, of the inverted values).
 */
export function verdict(values: readonly number[], limit: number, goal: string): string {
  if (values.length === 0) return goal;
  const middle = median(values);
  return middle <= limit ? `${goal}: met` : `${goal}: **missed** (by ${((middle / limit - 1) * 100).toFixed(1)}%)`;
}

/** One markdown table. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map((_, index) => (index === 0 ? '---' : '---:'))), ...rows.map(line)].join('\n');
}
