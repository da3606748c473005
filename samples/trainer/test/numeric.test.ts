import { describe, expect, it } from '@jest/globals';
import { roundToBfloat16 } from '../numeric/bfloat16.js';
import { float16Bits, float16FromBits, roundToFloat16 } from '../numeric/float16.js';
import { mulberry32 } from '../numeric/mulberry32.js';
import { roundInPlace } from '../numeric/number-format.js';

describe('roundToFloat16', () => {
  it.each([
    [1, 1],
    [1 / 3, 0.333251953125],
    [65504, 65504],
    [65519, 65504],
    [65520, Infinity],
    [-1e6, -Infinity],
    [2 ** -24, 2 ** -24],
    [2 ** -25, 0],
    [1.5 * 2 ** -25, 2 ** -24],
    [2049, 2048],
    [2051, 2052],
    [1 + 2 ** -11, 1],
    [1 + 3 * 2 ** -11, 1 + 2 ** -9],
  ])('rounds %p to %p (nearest, ties to even, subnormals, overflow)', (value, expected) => {
    expect(roundToFloat16(value)).toBe(expected);
  });

  it('keeps the sign of zero and NaN', () => {
    expect(Object.is(roundToFloat16(-0), -0)).toBe(true);
    expect(roundToFloat16(NaN)).toBeNaN();
  });

  it('round-trips every finite half-precision bit pattern', () => {
    // Mismatches are collected and compared once: an expect() per pattern made this test take seconds.
    const changed: string[] = [];
    for (let bits = 0; bits < 0x10000; bits++) {
      if ((bits & 0x7c00) === 0x7c00) continue;
      const back = float16Bits(float16FromBits(bits));
      if (back !== bits) changed.push(`0x${bits.toString(16)} -> 0x${back.toString(16)}`);
    }
    expect(changed).toEqual([]);
  });
});

describe('roundToBfloat16', () => {
  it.each([
    [1, 1],
    [1 / 3, 0.333984375],
    [1 + 2 ** -8, 1],
    [1 + 3 * 2 ** -8, 1 + 2 ** -6],
    [3.4e38, Infinity],
  ])('rounds %p to %p', (value, expected) => {
    expect(roundToBfloat16(value)).toBe(expected);
  });
});

describe(roundInPlace.name, () => {
  it('reports overflow to infinity', () => {
    const values = Float64Array.of(1, 70000);

    expect(roundInPlace(values, 'float16')).toBe(false);
    expect(values[1]).toBe(Infinity);
  });
});

describe(mulberry32.name, () => {
  it('gives the same sequence for the same seed', () => {
    const [a, b] = [mulberry32(42), mulberry32(42)];

    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
    expect(mulberry32(42)()).toBe(0.6011037519201636);
  });
});
