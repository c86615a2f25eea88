import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { makeStream, Streams } from '../../sim/engine/random.ts';
import { Table, rowBytes } from '../../sim/engine/table.ts';
import { Schedule } from '../../sim/engine/schedule.ts';
import { sha256, Sha256 } from '../../sim/engine/digest.ts';
import { formatNumber } from '../../sim/engine/format.ts';

describe('random streams', () => {
  it('are reproducible from (seed, replication, name)', () => {
    const a = makeStream(42, 3, 'arrivals');
    const b = makeStream(42, 3, 'arrivals');
    const xs = Array.from({ length: 100 }, () => a.next());
    expect(Array.from({ length: 100 }, () => b.next())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('differ between seeds, replications and names', () => {
    const first = (s: number, r: number, n: string) => makeStream(s, r, n).next();
    const base = first(1, 0, 'housing');
    expect(first(2, 0, 'housing')).not.toBe(base);
    expect(first(1, 1, 'housing')).not.toBe(base);
    expect(first(1, 0, 'labour')).not.toBe(base);
  });

  it('are independent: extra draws from one stream leave another unchanged', () => {
    const run = (extra: number) => {
      const s = new Streams(7, 0);
      const out: number[] = [];
      for (let m = 0; m < 20; m++) {
        for (let i = 0; i < extra; i++) s.get('demography').next();
        out.push(s.get('arrivals').next());
      }
      return out;
    };
    expect(run(5)).toEqual(run(0));
  });

  it('draw distributions with the right means', () => {
    const s = makeStream(9, 0, 'test');
    const n = 20000;
    let u = 0, norm = 0, pois = 0, bin = 0, binBig = 0;
    for (let i = 0; i < n; i++) {
      u += s.next();
      norm += s.normal();
      pois += s.poisson(3.5);
      bin += s.binomial(20, 0.3);
      binBig += s.binomial(1000, 0.2);
    }
    expect(u / n).toBeCloseTo(0.5, 1);
    expect(Math.abs(norm / n)).toBeLessThan(0.03);
    expect(pois / n).toBeCloseTo(3.5, 1);
    expect(bin / n).toBeCloseTo(6, 1);
    expect(binBig / n / 200).toBeCloseTo(1, 2);
    // Large-mean Poisson uses the normal approximation: mean still right.
    let big = 0;
    for (let i = 0; i < 2000; i++) big += s.poisson(400);
    expect(big / 2000 / 400).toBeCloseTo(1, 1);
  });

  it('pick follows the weights and int stays in range', () => {
    const s = makeStream(3, 0, 'pick');
    const counts = [0, 0, 0];
    for (let i = 0; i < 30000; i++) counts[s.pick([1, 0, 3])]!++;
    expect(counts[1]).toBe(0);
    expect(counts[2]! / counts[0]!).toBeGreaterThan(2.7);
    expect(counts[2]! / counts[0]!).toBeLessThan(3.3);
    for (let i = 0; i < 1000; i++) {
      const k = s.int(7);
      expect(k >= 0 && k < 7 && Number.isInteger(k)).toBe(true);
    }
  });
});

describe('column tables', () => {
  const spec = { a: 'i32', b: 'f64', c: 'u8' } as const;
  it('grow by doubling and keep values', () => {
    const t = new Table('t', spec, 16);
    for (let i = 0; i < 100; i++) {
      const r = t.add();
      t.cols.a[r] = i * 3;
      t.cols.b[r] = i / 7;
    }
    expect(t.capacity).toBe(128);
    expect(t.count).toBe(100);
    expect(t.cols.a[99]).toBe(297);
    expect(t.cols.b[50]).toBeCloseTo(50 / 7, 12);
    expect(rowBytes(spec)).toBe(4 + 8 + 1 + 1);
  });

  it('reuse removed rows in LIFO order, zeroed', () => {
    const t = new Table('t', spec, 16);
    for (let i = 0; i < 10; i++) t.cols.a[t.add()] = 5;
    t.remove(3);
    t.remove(7);
    expect(t.count).toBe(8);
    expect(t.live[3]).toBe(0);
    expect(t.add()).toBe(7);
    expect(t.add()).toBe(3);
    expect(t.cols.a[3]).toBe(0);
    expect(t.add()).toBe(10);
    expect(() => t.remove(99)).toThrow(/not live/);
  });

  it('zeroes every column of every kind in a reused row, also after the table has grown', () => {
    const all = { a: 'u8', b: 'i8', c: 'i16', d: 'u16', e: 'i32', f: 'f32', g: 'f64', h: 'u8' } as const;
    const t = new Table('t', all, 16);
    const names = Object.keys(all) as (keyof typeof all)[];
    const fill = (i: number) => names.forEach((k, j) => (t.cols[k][i] = j + 1));
    for (let i = 0; i < 20; i++) fill(t.add()); // grows past 16: the arrays are replaced
    t.remove(5);
    t.remove(18);
    expect(t.add()).toBe(18);
    expect(t.add()).toBe(5);
    for (const k of names) {
      expect(t.cols[k][5], k).toBe(0);
      expect(t.cols[k][18], k).toBe(0);
      expect(t.cols[k][6], k).toBe(names.indexOf(k) + 1); // other rows keep their values
    }
  });
});

describe('schedule', () => {
  it('runs steps in order, yearly steps only in their month, and inserts by name', () => {
    const log: string[] = [];
    const s = new Schedule<string[]>();
    s.add({ name: 'a', monthOfYear: 0, run: (c) => c.push('a') });
    s.add({ name: 'c', monthOfYear: 9, run: (c) => c.push('c') });
    s.insertAfter('a', { name: 'b', monthOfYear: 0, run: (c) => c.push('b') });
    s.runMonth(log, 1, 8);
    s.runMonth(log, 2, 9);
    expect(log).toEqual(['a', 'b', 'a', 'b', 'c']);
    expect(() => s.add({ name: 'a', monthOfYear: 0, run: () => {} })).toThrow();
  });
});

describe('digest', () => {
  it('equals node:crypto SHA-256 on edge lengths and Unicode', () => {
    for (const s of ['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(63), 'a'.repeat(64), 'a'.repeat(65), '重庆,residents\n'.repeat(500)]) {
      expect(sha256(s)).toBe(createHash('sha256').update(s).digest('hex'));
    }
  });
  it('is the same fed in pieces', () => {
    const text = 'scenario,replication\n'.repeat(300);
    const h = new Sha256();
    for (let i = 0; i < text.length; i += 17) h.update(text.slice(i, i + 17));
    expect(h.digestHex()).toBe(sha256(text));
  });
});

describe('number formatting', () => {
  it('writes integers plainly, rounds to 9 significant digits, no -0', () => {
    expect(formatNumber(28846170)).toBe('28846170');
    expect(formatNumber(1 / 3)).toBe('0.333333333');
    expect(formatNumber(-0)).toBe('0');
    expect(formatNumber(NaN)).toBe('NaN');
    expect(formatNumber(2.5e-7)).toBe('2.5e-7');
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
  });
});
