/**
 * The applicants chart where every applicant is granted (Chongqing: no
 * quota): one bar that says so, instead of a pale bar hidden behind an equal
 * dark one; and the note that explains why "granted" (heads) is smaller than
 * "Settlements" (with families), with the numbers from the rows.
 */
import { describe, expect, it } from 'vitest';
import { makeDocument } from '../../viz/dom.ts';
import { cutoffAndApplicants } from '../../viz/charts/cutoffAndApplicants.ts';
import { grantedVersusSettled } from '../../viz/publish/notes.ts';
import type { StatRow } from '../../viz/types.ts';
import { sampleData } from '../fixtures/sampleData.ts';

const meta = { ...sampleData([{ id: 'a', title: 'A' }], 24, 1).meta, startMonth: '2010-01' };
const r = (indicator: string, month: number, mean: number): StatRow => ({ scenario: 'a', month, indicator, zone: 'all', mean, median: mean, q05: mean, q95: mean, n: 1 });
const rows = (grantedShare: number) =>
  Array.from({ length: 24 }, (_, m) => [r('settlement_applicants', m, 100), r('granted_applicants', m, 100 * grantedShare), r('settlements', m, 250 * grantedShare)]).flat();
const draw = (rs: StatRow[]) => cutoffAndApplicants(makeDocument(), rs, { scenarios: [{ id: 'a', title: 'A' }], meta, monthRange: [0, 23] });

describe('applicants and grants', () => {
  it('all granted: one dark bar per year and a legend and subtitle that say every applicant was granted', () => {
    const svg = draw(rows(1));
    expect(svg.querySelectorAll('.mark.bar.applicants')).toHaveLength(2);
    expect(svg.querySelectorAll('.mark.bar.granted')).toHaveLength(0);
    expect(svg.querySelector('.legend')!.textContent).toContain('every one granted');
    expect(svg.querySelector('.subtitle')!.textContent).toContain('every applicant was granted');
    expect(svg.textContent).toContain('counted in Settlements');
  });
  it('some refused: pale applicants bars with the dark granted bars inside', () => {
    const svg = draw(rows(0.5));
    expect(svg.querySelectorAll('.mark.bar.applicants')).toHaveLength(2);
    expect(svg.querySelectorAll('.mark.bar.granted')).toHaveLength(2);
    expect(svg.querySelector('.legend')!.textContent).not.toContain('every one granted');
  });
});

describe('granted versus settled', () => {
  it('states both totals and the persons per granted applicant', () => {
    // Months 1..23: 23 × 100 granted, 23 × 250 settled.
    const [note] = grantedVersusSettled(rows(1), [{ id: 'a', title: 'A' }]);
    expect(note).toContain('2.3k applicants were granted hukou');
    expect(note).toContain('5.75k persons settled');
    expect(note).toContain('2.50 per granted applicant');
  });
  it('says nothing when they are equal', () => {
    const equal = Array.from({ length: 5 }, (_, m) => [r('granted_applicants', m, 10), r('settlements', m, 10)]).flat();
    expect(grantedVersusSettled(equal, [{ id: 'a', title: 'A' }])).toEqual([]);
  });
});
