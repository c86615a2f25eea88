/** The other settlement routes (sim/policy/routes.ts) on hand-made persons, against each rule's arithmetic. */
import { describe, expect, it } from 'vitest';
import { RoutesSchema, familyQualifies, monthlyTax, purchaseQualifies, talentQualifies, taxQualifies } from '../../sim/policy/routes.ts';
import { EDUCATION } from '../../sim/model/enums.ts';
import { chongqingWith, runSmall, series } from './helpers.ts';

const P = RoutesSchema.parse({
  tax: {},
  talent: { max_age_by_education: { college: 35, bachelor: 45 } },
  purchase: { min_m2: 90, min_price_yuan: 500000 },
  family: {},
  source: 'test',
});
const T = P.tax!;

describe('tax route (Chongqing 2010: over 100,000 yuan of tax in 3 years)', () => {
  // 36 months × 0.2 × (wage − 3,500) = 100,000 at wage = 3,500 + 100,000 / 7.2.
  const threshold = 3500 + 100000 / 7.2;
  it('qualifies exactly at the threshold, not a yuan below', () => {
    expect(36 * monthlyTax(T, threshold)).toBeCloseTo(100000, 6);
    expect(taxQualifies(T, { wage: threshold + 1e-6, insuredMonths: 36, formal: true })).toBe(true);
    expect(taxQualifies(T, { wage: threshold - 1, insuredMonths: 36, formal: true })).toBe(false);
  });
  it('needs 3 years of taxed (insured, formal) work', () => {
    expect(taxQualifies(T, { wage: 50000, insuredMonths: 35, formal: true })).toBe(false);
    expect(taxQualifies(T, { wage: 50000, insuredMonths: 36, formal: false })).toBe(false);
  });
});

describe('talent route (Shenzhen: full-time junior college ≤ 35, bachelor ≤ 45)', () => {
  const edu = (e: (typeof EDUCATION)[number]) => EDUCATION.indexOf(e);
  it('by education and age; higher degrees take the highest listed level below them', () => {
    expect(talentQualifies(P.talent!, { edu: edu('college'), ageYears: 35, formal: true })).toBe(true);
    expect(talentQualifies(P.talent!, { edu: edu('college'), ageYears: 36, formal: true })).toBe(false);
    expect(talentQualifies(P.talent!, { edu: edu('bachelor'), ageYears: 45, formal: true })).toBe(true);
    expect(talentQualifies(P.talent!, { edu: edu('master'), ageYears: 45, formal: true })).toBe(true);
    expect(talentQualifies(P.talent!, { edu: edu('senior'), ageYears: 25, formal: true })).toBe(false);
    expect(talentQualifies(P.talent!, { edu: edu('bachelor'), ageYears: 30, formal: false })).toBe(false);
  });
});

describe('purchase and family routes', () => {
  it('purchase: an owned home of the size and value', () => {
    expect(purchaseQualifies(P.purchase!, { owned: true, m2: 90, valueYuan: 500000, yearsInCity: 0 })).toBe(true);
    expect(purchaseQualifies(P.purchase!, { owned: true, m2: 89.9, valueYuan: 900000, yearsInCity: 0 })).toBe(false);
    expect(purchaseQualifies(P.purchase!, { owned: false, m2: 120, valueYuan: 900000, yearsInCity: 0 })).toBe(false);
  });
  it('family: a local urban spouse, 10 years together, age 40', () => {
    expect(familyQualifies(P.family!, { spouseLocal: true, yearsTogether: 10, ageYears: 40 })).toBe(true);
    expect(familyQualifies(P.family!, { spouseLocal: true, yearsTogether: 9.9, ageYears: 50 })).toBe(false);
    expect(familyQualifies(P.family!, { spouseLocal: false, yearsTogether: 20, ageYears: 50 })).toBe(false);
  });
});

describe('in a run', () => {
  it('the tax route grants hukou only to persons it qualifies (10,000 yuan in 3 years: some; a threshold nobody reaches: none)', () => {
    const base = { policies: { routes: { tax: { apply_rate: 0.5, min_tax_yuan: 10000 }, land_retention_years: 100, source: 'test' } } };
    const none = { policies: { routes: { tax: { apply_rate: 0.5, min_tax_yuan: 1e9 }, land_retention_years: 100, source: 'test' } } };
    const drop = ['conditions'];
    const sum = (v: number[]) => v.reduce((a, b) => a + (b || 0), 0);
    const a = runSmall(chongqingWith(base, drop), { seed: 1, months: 6, sample: 0.001 });
    const b = runSmall(chongqingWith(none, drop), { seed: 1, months: 6, sample: 0.001 });
    expect(sum(series(a, 'granted_applicants'))).toBeGreaterThan(0);
    expect(sum(series(b, 'granted_applicants'))).toBe(0);
  });
});
