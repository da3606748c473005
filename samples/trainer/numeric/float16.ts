// One float32 seen as its bits (same-size views share native byte order, so this is endian-safe).
const float32 = new Float32Array(1);
const bits32 = new Uint32Array(float32.buffer);

/**
 * The IEEE 754 binary16 bits of `value`, rounded to nearest, ties to even, with subnormals, infinities and NaN.
 * The value is first held as a float32 (as a float32 accumulator holds it) and then rounded to half precision.
 *
 * @example
 * float16Bits(1); // 0x3c00
 */
export function float16Bits(value: number): number {
  float32[0] = value;
  const bits = bits32[0] ?? 0;
  const sign = (bits >>> 16) & 0x8000;
  const exponent = (bits >>> 23) & 0xff;
  const mantissa = bits & 0x7fffff;
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa === 0 ? 0 : 0x200);
  const halfExponent = exponent - 127 + 15;
  if (halfExponent >= 0x1f) return sign | 0x7c00;
  if (halfExponent <= 0) {
    // Subnormal half: the value in units of 2^-24, rounded; 1024 units carry into the smallest normal.
    const shift = 14 - halfExponent;
    if (shift > 24) return sign;
    const significand = mantissa | 0x800000;
    return sign | roundShift(significand, shift);
  }
  const rounded = (halfExponent << 10) + roundShift(mantissa, 13);
  // A mantissa that rounds up to 1024 carries into the exponent; at 0x7c00 that is infinity.
  return sign | Math.min(rounded, 0x7c00);
}

/** The number that the binary16 bits `bits` stand for. */
export function float16FromBits(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >>> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  if (exponent === 0x1f) return mantissa === 0 ? sign * Infinity : NaN;
  return sign * (1024 + mantissa) * 2 ** (exponent - 25);
}

/**
 * `value` rounded to the nearest IEEE half-precision number (largest finite 65504; beyond it, infinity).
 *
 * @example
 * roundToFloat16(1 / 3); // 0.333251953125
 */
export function roundToFloat16(value: number): number {
  values ??= Float64Array.from({ length: 0x10000 }, (_, bits) => float16FromBits(bits));
  return values[float16Bits(value)] ?? NaN;
}

/** Every binary16 value by its bits (512 KiB), made on first use: decoding is then one load. */
let values: Float64Array | undefined;

/** `value >>> shift`, rounded to nearest with ties to even. */
function roundShift(value: number, shift: number): number {
  const kept = value >>> shift;
  const rest = value - kept * 2 ** shift;
  const half = 2 ** (shift - 1);
  return rest > half || (rest === half && (kept & 1) === 1) ? kept + 1 : kept;
}
