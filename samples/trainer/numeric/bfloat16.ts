// One float32 seen as its bits (same-size views share native byte order, so this is endian-safe).
const float32 = new Float32Array(1);
const bits32 = new Uint32Array(float32.buffer);

/**
 * `value` rounded to the nearest bfloat16 number (float32's 8-bit exponent, 7 mantissa bits), ties to even.
 * The value is first held as a float32 and then its low 16 bits are rounded away.
 *
 * @example
 * roundToBfloat16(1 / 3); // 0.333984375
 */
export function roundToBfloat16(value: number): number {
  float32[0] = value;
  const bits = bits32[0] ?? 0;
  if ((bits & 0x7f800000) === 0x7f800000 && (bits & 0x7fffff) !== 0) return NaN;
  const lsb = (bits >>> 16) & 1;
  // Adding 0x7fff (+1 when the kept part is odd) carries into bit 16 exactly when rounding up; an exponent that
  // carries to all ones gives infinity, as it should.
  bits32[0] = (bits + 0x7fff + lsb) & 0xffff0000;
  return float32[0];
}
