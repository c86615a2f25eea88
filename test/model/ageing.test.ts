/**
 * The demography step's ageing two rows a word (sim/model/ageing.ts) against
 * the rule row by row (ageRowsScalar, the pass as it was): on hand-made
 * columns whose rows are dead or live, at and around the inCity cap, with
 * negative months in the city, ages and due ages equal, one apart and far
 * apart, due 0 (not set), and ages or due ages past 32767 (the fallback),
 * over blocks of odd and even length, the same column bytes and the same
 * listed rows in the same order.
 */
import { describe, expect, it } from 'vitest';
import { makeStream } from '../../sim/engine/random.ts';
import { ageRows, ageRowsScalar, ageViews } from '../../sim/model/ageing.ts';

interface Cols {
  live: Uint8Array;
  ageM: Int16Array;
  inCity: Int16Array;
  due: Int16Array;
}

function handMade(n: number, seed: number, wild: boolean): Cols {
  const s = makeStream(seed, 0, 'ageing-test');
  const c: Cols = { live: new Uint8Array(n), ageM: new Int16Array(n), inCity: new Int16Array(n), due: new Int16Array(n) };
  const pick = (xs: number[]) => xs[s.int(xs.length)]!;
  for (let p = 0; p < n; p++) {
    c.live[p] = s.next() < 0.8 ? 1 : 0;
    const age = wild && s.next() < 0.05 ? pick([32766, 32767, -32768, -1]) : s.int(1300);
    c.ageM[p] = age;
    c.inCity[p] = pick([0, 1, 32765, 32766, 32767, -1, -2, -32768, s.int(32767), s.int(500)]);
    const r = s.next();
    // Due now (age + 1), already past, next month, far ahead, not set (0), never (32767), or wild.
    c.due[p] = r < 0.15 ? age + 1 : r < 0.25 ? age : r < 0.35 ? age + 2 : r < 0.45 ? 0 : r < 0.55 ? 32767 : wild && r < 0.6 ? -5 : age + 1 + s.int(400);
  }
  return c;
}

const copy = (c: Cols): Cols => ({ live: c.live.slice(), ageM: c.ageM.slice(), inCity: c.inCity.slice(), due: c.due.slice() });

function compare(c0: Cols, blocks: number): { listed: number; fallbackRows: number } {
  const a = copy(c0), b = copy(c0);
  const n = c0.live.length;
  const v = ageViews(b.live, b.ageM, b.inCity, b.due);
  expect(v).not.toBeNull();
  const outA = new Int32Array(blocks), outB = new Int32Array(blocks);
  let listed = 0;
  for (let from = 0; from < n; from += blocks) {
    const to = Math.min(n, from + blocks);
    const ka = ageRowsScalar(a.live, a.ageM, a.inCity, a.due, from, to, outA, 0);
    const kb = ageRows(b.live, b.ageM, b.inCity, b.due, v!, from, to, outB);
    expect(kb).toBe(ka);
    expect(Array.from(outB.subarray(0, kb))).toEqual(Array.from(outA.subarray(0, ka)));
    listed += ka;
  }
  expect(Array.from(b.ageM)).toEqual(Array.from(a.ageM));
  expect(Array.from(b.inCity)).toEqual(Array.from(a.inCity));
  expect(Array.from(b.due)).toEqual(Array.from(c0.due));
  expect(Array.from(b.live)).toEqual(Array.from(c0.live));
  let fallbackRows = 0;
  for (let p = 0; p < n; p++) if (c0.ageM[p]! >= 32767 || c0.ageM[p]! < -1 || c0.due[p]! < 0) fallbackRows++;
  return { listed, fallbackRows };
}

describe('ageing two rows a word', () => {
  it('ages, caps and lists as the row-by-row rule on hand-made columns (even and odd blocks and sizes)', () => {
    for (const [n, blocks, seed] of [[10_000, 2048, 1], [9_999, 2048, 2], [4_097, 64, 3], [1, 2, 4], [3, 2048, 5]] as const) {
      const c = handMade(n, seed, false);
      const { listed } = compare(c, blocks);
      if (n > 100) {
        // The columns exercise what they should: listed rows, rows at the cap, dead rows.
        expect(listed).toBeGreaterThan(n * 0.2);
        expect(c.inCity.filter((x) => x === 32767).length).toBeGreaterThan(0);
        expect(c.live.filter((x) => x === 0).length).toBeGreaterThan(0);
      }
    }
  });

  it('falls back to the rule for ages or due ages outside 0..32767', () => {
    const c = handMade(20_000, 6, true);
    const { fallbackRows } = compare(c, 2048);
    expect(fallbackRows).toBeGreaterThan(100);
  });

  it('a block ending on an odd row inside the columns: the pair with the next row goes word-wise when that row is dead, and the next row is never touched', () => {
    for (const seed of [7, 8, 9]) {
      const c0 = handMade(4_001, seed, false);
      for (const [from, to] of [[0, 2047], [2048, 4001 - 2], [100, 101], [0, 1], [3000, 3999]] as const) {
        for (const nextLive of [0, 1]) {
          const c = copy(c0);
          c.live[to] = nextLive;
          const a = copy(c), b = copy(c);
          const v = ageViews(b.live, b.ageM, b.inCity, b.due)!;
          const outA = new Int32Array(to - from), outB = new Int32Array(to - from);
          const ka = ageRowsScalar(a.live, a.ageM, a.inCity, a.due, from, to, outA, 0);
          const kb = ageRows(b.live, b.ageM, b.inCity, b.due, v, from, to, outB);
          expect([kb, Array.from(outB.subarray(0, kb))]).toEqual([ka, Array.from(outA.subarray(0, ka))]);
          expect(Array.from(b.ageM)).toEqual(Array.from(a.ageM));
          expect(Array.from(b.inCity)).toEqual(Array.from(a.inCity));
          expect([b.ageM[to], b.inCity[to]]).toEqual([c.ageM[to], c.inCity[to]]);
        }
      }
    }
  });

  it('a live row next to a dead one: only the live row is aged and listed', () => {
    const c: Cols = { live: Uint8Array.of(0, 1, 1, 0), ageM: Int16Array.of(100, 200, 300, 400), inCity: Int16Array.of(5, 32767, 32766, 7), due: Int16Array.of(101, 201, 999, 401) };
    const v = ageViews(c.live, c.ageM, c.inCity, c.due)!;
    const out = new Int32Array(4);
    const k = ageRows(c.live, c.ageM, c.inCity, c.due, v, 0, 4, out);
    expect(Array.from(out.subarray(0, k))).toEqual([1]);
    expect(Array.from(c.ageM)).toEqual([100, 201, 301, 400]);
    expect(Array.from(c.inCity)).toEqual([5, 32767, 32767, 7]);
  });
});
