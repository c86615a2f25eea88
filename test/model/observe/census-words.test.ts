/**
 * The census reads its byte columns four rows a word (and i16 columns two a word): checked here
 * against a plain recount, row by row and household by household, written out in censusRecount.ts, on a small
 * world whose columns were overwritten with every value that matters to a mask: all four hukou
 * codes (and codes with high bits set), hukou zones in runs and mixed, −1 for none, ages at both
 * school-age bounds and the i16 extremes, permits granted in any month and NO_PERMIT, sectors, NO_JOB
 * and other negative sectors (no job), wages outside the Gini table's range, removed rows with values that would count, rows
 * beyond `size` marked live, every length of tail that is not a whole word, and a column whose bytes
 * do not start on a word (the plain pass); households in runs of one zone and mixed, of every tenure
 * and unhoused, sizes and left-behind counts whose sum over four households passes a byte. Every field must agree bit for bit (Object.is).
 * Written past World's methods, the columns leave World's census counts stale, so the census counts everything with its
 * passes ('words'); census-counts.test.ts tests the census that reads World's counts.
 */
import { describe, expect, it } from 'vitest';
import { measure } from '../../../sim/model/observe/census.ts';
import { expectSame, fields, scrambled } from './censusRecount.ts';

describe('census word by word', () => {
  it('agrees bit for bit with a plain recount, for every tail length and on removed rows and garbage beyond size', () => {
    const w = scrambled(11);
    const size = w.persons.size;
    expect(size).toBeGreaterThan(400);
    const seen = new Set<number>(), seenH = new Set<number>();
    const hsize = w.households.size;
    [size, size - 1, size - 2, size - 3, 7, 4, 3, 1, 0].forEach((n, i) => {
      w.persons.size = n;
      w.households.size = i < 4 ? hsize - ((i + 1) % 4) : [6, 5, 4, 1, 0][i - 4]!;
      seen.add(n & 3);
      seenH.add(w.households.size & 3);
      const c = expectSame(w, 'words');
      if (n === size) {
        // The world tests what it is meant to: each count has rows counted and rows not.
        expect(c.residents).toBeLessThan(size);
        for (const k of ['hukou', 'localUrban', 'permits', 'mgKids', 'mgKidsPlaced', 'registered', 'lf', 'employed', 'formalN'] as const) {
          expect([k, c[k] > 0 && c[k] < c.residents]).toEqual([k, true]);
        }
        expect(c.hukouZone.every((v) => v > 0)).toBe(true);
        expect(c.gc[1]!.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
        for (const k of ['rural', 'uv', 'prh', 'leftBehind', 'renters', 'burdened'] as const) expect([k, c[k] > 0]).toEqual([k, true]);
      }
    });
    expect([...seen].sort()).toEqual([0, 1, 2, 3]);
    expect([...seenH].sort()).toEqual([0, 1, 2, 3]);
  });

  it('agrees on other worlds, and on one where a formal byte is neither 0 nor 1', () => {
    for (const seed of [1, 2, 3]) expectSame(scrambled(seed), 'words');
    const w = scrambled(4);
    const pc = w.persons.cols;
    const p = Array.from({ length: w.persons.size }, (_, i) => i).find((i) => w.persons.live[i] && pc.active[i] && pc.sector[i]! >= 0)!;
    pc.formal[p] = 2;
    expectSame(w, 'plain', 'words'); // the plain passes read the formal column
  });

  it('agrees on a world of several chunks of the person pass (the wage pass takes each chunk\'s employed rows)', () => {
    // A chunk is 32 × 255 words (32,640 rows): this world has three or more, and the wage sums run on across them in row order.
    const w = scrambled(6, 0.003);
    expect(w.persons.size).toBeGreaterThan(2 * 32 * 255 * 4);
    const size = w.persons.size;
    for (const n of [size, 32 * 255 * 4, 32 * 255 * 4 + 1, 2 * 32 * 255 * 4 - 1]) {
      w.persons.size = n;
      const c = expectSame(w, 'words');
      expect(c.employed).toBeGreaterThan(1000);
    }
  });

  it('agrees when a column does not start on a word (the plain pass)', () => {
    const w = scrambled(5);
    const pc = w.persons.cols;
    const before = measure(w);
    const shifted = new Uint8Array(new ArrayBuffer(pc.hukou.length + 1), 1, pc.hukou.length);
    shifted.set(pc.hukou);
    (pc as { hukou: Uint8Array }).hukou = shifted;
    const c = expectSame(w, 'plain', 'words');
    expect(fields(c as unknown as Record<string, unknown>)).toEqual(fields(before as unknown as Record<string, unknown>));
  });
});
