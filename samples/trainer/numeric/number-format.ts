import { roundToBfloat16 } from './bfloat16.js';
import { roundToFloat16 } from './float16.js';

/** A floating-point format that numbers are rounded through. */
export type NumberFormat = 'bfloat16' | 'float16' | 'float32' | 'float64';

/** A function that rounds a number to a format. */
export type Rounding = (value: number) => number;

const identity: Rounding = (value) => value;

const roundings: Record<NumberFormat, Rounding> = {
  bfloat16: roundToBfloat16,
  float16: roundToFloat16,
  float32: Math.fround,
  float64: identity,
};

/** The rounding function of `format`. */
export function roundingOf(format: NumberFormat): Rounding {
  return roundings[format];
}

/** True when every number of `narrow` is also a number of `wide` (so rounding to `narrow` then `wide` is a no-op). */
export function isWithin(narrow: NumberFormat, wide: NumberFormat): boolean {
  const bits: Record<NumberFormat, number> = { bfloat16: 1, float16: 1, float32: 2, float64: 3 };
  return narrow === wide || bits[narrow] < bits[wide];
}

/** Rounds every element of `values` to `format` in place. Returns true if all of them are finite. */
export function roundInPlace(values: Float64Array, format: NumberFormat, start = 0, end = values.length): boolean {
  const round = roundings[format];
  let finite = true;
  for (let i = start; i < end; i++) {
    const rounded = round(values[i] ?? 0);
    values[i] = rounded;
    if (!Number.isFinite(rounded)) finite = false;
  }
  return finite;
}
