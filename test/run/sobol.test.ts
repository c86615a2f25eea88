/**
 * Global sensitivity: the Sobol' sequence against SciPy's unscrambled points,
 * Jansen's estimators on the Ishigami function (known analytic indices), and
 * Morris's elementary effects on functions whose effects are known.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { saltelliDesign, sobolIndices, sobolPoints } from '../../sim/run/sobol.ts';
import { morrisDesign, morrisIndices } from '../../sim/run/morris.ts';
import { directionNumbers } from '../../sim/run/sobolData.ts';

describe("Sobol' sequence (Joe–Kuo direction numbers)", () => {
  it('gives the same 64 points in 12 dimensions as scipy.stats.qmc.Sobol(scramble=False)', () => {
    const ref = JSON.parse(readFileSync('test/fixtures/sobol-scipy-d12-n64.json', 'utf8')) as { points: number[][] };
    const pts = sobolPoints(64, 12, directionNumbers());
    for (let i = 0; i < 64; i++) for (let j = 0; j < 12; j++) expect(pts[i]![j]).toBe(ref.points[i]![j]);
  });
  it('is balanced: each half of each coordinate gets half of the first 2^k points', () => {
    const pts = sobolPoints(256, 40, directionNumbers());
    for (let j = 0; j < 40; j++) expect(pts.filter((p) => p[j]! < 0.5).length).toBe(128);
  });
});

// Ishigami: f = sin x1 + a sin² x2 + b x3⁴ sin x1 on [−π, π]³, a = 7, b = 0.1.
const A = 7;
const B = 0.1;
const ishigami = (u: number[]) => {
  const [x1, x2, x3] = u.map((v) => -Math.PI + 2 * Math.PI * v) as [number, number, number];
  return Math.sin(x1) + A * Math.sin(x2) ** 2 + B * x3 ** 4 * Math.sin(x1);
};
// Analytic indices (Ishigami & Homma 1990; e.g. Saltelli et al. 2008, §4.7).
const V = A ** 2 / 8 + (B * Math.PI ** 4) / 5 + (B ** 2 * Math.PI ** 8) / 18 + 0.5;
const V1 = 0.5 * (1 + (B * Math.PI ** 4) / 5) ** 2;
const V2 = A ** 2 / 8;
const V13 = (B ** 2 * Math.PI ** 8) * (1 / 18 - 1 / 50);
const TRUE_S1 = [V1 / V, V2 / V, 0];
const TRUE_ST = [(V1 + V13) / V, V2 / V, V13 / V];

describe("Sobol' indices (Saltelli design, Jansen estimators)", () => {
  const D = 3;
  const n = 4096;
  const rows = saltelliDesign(n, D, directionNumbers(), n);
  const y = rows.map(ishigami);
  const idx = sobolIndices(y, D, 300, 11);
  it('the design has n × (D + 2) rows with AB^(j) = A but column j from B', () => {
    expect(rows.length).toBe(n * (D + 2));
    const [a, ab2, b] = [rows[0]!, rows[2]!, rows[D + 1]!];
    expect(ab2).toEqual([a[0], b[1], a[2]]);
  });
  for (let j = 0; j < D; j++) {
    it(`x${j + 1}: S1 ${TRUE_S1[j]!.toFixed(4)} and ST ${TRUE_ST[j]!.toFixed(4)} lie within the 95% bootstrap intervals`, () => {
      const s = idx[j]!;
      expect(s.S1lo).toBeLessThanOrEqual(TRUE_S1[j]!);
      expect(s.S1hi).toBeGreaterThanOrEqual(TRUE_S1[j]!);
      expect(s.STlo).toBeLessThanOrEqual(TRUE_ST[j]!);
      expect(s.SThi).toBeGreaterThanOrEqual(TRUE_ST[j]!);
      // and the intervals are narrow enough to tell the inputs apart
      expect(s.S1hi - s.S1lo).toBeLessThan(0.15);
      expect(s.SThi - s.STlo).toBeLessThan(0.1);
    });
  }
  it('the same seed gives the same intervals; another seed other intervals', () => {
    expect(sobolIndices(y, D, 300, 11)).toEqual(idx);
    expect(sobolIndices(y, D, 300, 12)[0]!.S1lo).not.toBe(idx[0]!.S1lo);
  });
});

describe('Morris elementary effects', () => {
  it('a linear function: μ* = |coefficient| (per unit range), σ = 0', () => {
    const c = [3, -2, 0.5, 0];
    const des = morrisDesign(20, 4, 4, 5);
    const y = des.rows.map((x) => x.reduce((s, v, j) => s + c[j]! * v, 0));
    const m = morrisIndices(des, y, 4);
    m.forEach((r, j) => {
      expect(r.muStar).toBeCloseTo(Math.abs(c[j]!), 10);
      expect(r.mu).toBeCloseTo(c[j]!, 10);
      expect(r.sigma).toBeCloseTo(0, 10);
    });
  });
  it('an interaction x1·x2 gives σ > 0 for both and nothing for an unused input', () => {
    const des = morrisDesign(30, 3, 4, 6);
    const y = des.rows.map((x) => 4 * x[0]! * x[1]!);
    const m = morrisIndices(des, y, 3);
    expect(m[0]!.sigma).toBeGreaterThan(0.3);
    expect(m[1]!.sigma).toBeGreaterThan(0.3);
    expect(m[2]!.muStar).toBe(0);
    // |EE| of x1 = 4·x2 with x2 on the grid {0, 1/3, 2/3, 1}: mean between 0 and 4
    expect(m[0]!.muStar).toBeGreaterThan(1);
    expect(m[0]!.muStar).toBeLessThan(3);
  });
  it('every trajectory moves each input exactly once by ±Δ and stays in [0, 1]', () => {
    const des = morrisDesign(10, 5, 6, 7);
    const delta = 6 / 10;
    for (const mv of des.moves) {
      expect(mv.map((m) => m.input).sort()).toEqual([0, 1, 2, 3, 4]);
      for (const m of mv) expect(Math.abs(m.delta)).toBeCloseTo(delta, 12);
    }
    for (const r of des.rows) for (const v of r) expect(v >= 0 && v <= 1 + 1e-12).toBe(true);
  });
});
