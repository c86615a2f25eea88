/**
 * Deterministic per-person draws for policies: a fixed uniform number in
 * [0, 1) for (salt, person row), so that a trait a policy models as a share
 * of the population (a criminal record, a penalty) stays the same for the
 * same person from one round to the next without a column of its own.
 * The salt comes from the policy's own random stream, so it changes with the
 * seed and replication. (A row reused after a departure gets the draw of its
 * row, which is as random as any other.)
 */

/** murmur3's 32-bit finaliser of (salt, row): a uniform number in [0, 1). */
export function personDraw(salt: number, row: number): number {
  let h = (Math.imul(row + 1, 0x9e3779b1) ^ salt) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

/** A 32-bit salt drawn from a stream's next() value. */
export function saltFrom(u: number): number {
  return Math.floor(u * 4294967296) >>> 0;
}
