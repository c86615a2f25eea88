/**
 * Byte columns read four rows a word (SWAR: SIMD within a register), for passes that skip the rows
 * a cheap test fails on: a Uint32Array view over a byte column's buffer gives rows 4q..4q+3 in word
 * q, and the functions below turn a word into a mask with bit 7 of byte i set where row 4q+i passes
 * a byte test, exactly (no carry crosses a byte). On a little-endian machine byte i of word q is
 * row 4q+i; on a big-endian one it is row 4q+3−i, and a pass must not use these masks there
 * (LITTLE_ENDIAN; the passes fall back to row by row). Word arithmetic in JavaScript: `&`, `|`,
 * `^` and `~` work on the int32 of their operands, so the masks may be negative; only their bits
 * matter.
 */

/** Whether this machine stores the low byte of a word first (every platform Node and browsers run on today). */
export const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Bit 7 of every byte. */
export const HIGH = 0x80808080 | 0;
const LOW7 = 0x7f7f7f7f;

/**
 * A Uint32Array view of byte column a, 4 rows a word (word q holds rows 4q..4q+3, which covers the
 * rows below 4 × ⌊a.length / 4⌋), or an empty one when a does not start its buffer (then a pass
 * reads no word). `old` is returned when it already views a's buffer, so that a monthly pass makes
 * no new view unless the table grew.
 */
export function byteWords(a: Uint8Array | Int8Array, old: Uint32Array<ArrayBufferLike>): Uint32Array<ArrayBufferLike> {
  if (old.buffer === a.buffer && old.length === a.length >> 2) return old;
  if (a.byteOffset !== 0 || a.buffer.byteLength < a.length) return new Uint32Array(0);
  return new Uint32Array(a.buffer, 0, a.length >> 2);
}

/** Bit 7 of each byte of x that is not 0. */
export function nonZeroBytes(x: number): number {
  return (((x & LOW7) + LOW7) | x) & HIGH;
}

/** Bit 7 of each byte of x that is 0. */
export function zeroBytes(x: number): number {
  return ~(((x & LOW7) + LOW7) | x | LOW7);
}

/** Bit 7 of each byte of x equal to the byte v (0..255; an i8 value v as v & 255). */
export function bytesEqual(x: number, v: number): number {
  return zeroBytes(x ^ (v * 0x01010101));
}

/** Bit 7 of each byte of x that is ≥ 0 read as an i8 (bit 7 clear). */
export function nonNegativeBytes(x: number): number {
  return ~x & HIGH;
}
