/** Seeds as input files give them: a list, a range `{from, to}` (inclusive) or `{from, count}`. */

export interface SeedRange {
  from: number;
  to: number;
}

/** The seeds, in order. */
export function seedList(s: readonly number[] | SeedRange | { from: number; count: number }): number[] {
  if (Array.isArray(s)) return s as number[];
  const r = s as SeedRange | { from: number; count: number };
  const n = 'count' in r ? r.count : r.to - r.from + 1;
  return Array.from({ length: n }, (_, k) => r.from + k);
}
