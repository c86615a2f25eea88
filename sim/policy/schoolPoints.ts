/**
 * Points-ranked school entry (积分入学), after Xiaolan town, Zhongshan.
 * Source: seed 003 (003_5b84dda5a66fd023.txt, 小榄镇社会治理创新): Xiaolan first
 * ranked migrant workers' children for school places by points in 2001
 * ("积分入学", the forerunner of Guangdong's points systems) and refined the
 * points in 2007 by the post a migrant holds and their contribution to the
 * town, rewarding employment, self-improvement (education) and law-abiding
 * conduct; about 6,343 migrant children entered school through points by
 * 2012 (calibration.md, "Xiaolan" [V]). The weights below are megasim's
 * documented defaults [U]: the seed names the items, not their points.
 *
 * Rule. A child's score is their parent's (the household head's):
 *   score = education[level] + min(insurance_cap, insurance_per_year ×
 *           whole years of social insurance in the city)
 *         + min(residence_cap, residence_per_year × whole years in the city)
 *         + formal_job (a formal job: the post) + owned_home (an owned home).
 * In the enrolment month, non-hukou school-age children whose parent may
 * apply (a residence permit if require_permit) form the points queue:
 * local-hukou children keep their priority, children who already hold a
 * place keep it, and the queue's new applicants are admitted in descending
 * score (ties: lower row) while their zone has places left and, with
 * places_per_year, at most that many children (real persons, scaled to the
 * sample with a carried remainder) a year; the rest are placed after the
 * queue as the city's services block says for other migrants (or not at all).
 * Acts through the model's allocation (services.ts, w.schoolRank and
 * w.schoolQueue); replaces a school priority an earlier policy set (e.g.
 * points' services threshold). Checked mode: admissions never exceed the
 * year's places. Deterministic: no stream of its own.
 */
import { z } from 'zod';
import { definePolicy } from './types.ts';
import { num, source } from '../model/params.ts';
import { NO_PERMIT, type World } from '../model/world.ts';
import { quotaInvariant, type QuotaLedger } from '../model/invariants.ts';
import { EDUCATION, NO_JOB, OWNED, isLocal } from '../model/enums.ts';

const points = (label: string, label_zh: string, dflt: number, doc?: string, doc_zh?: string) =>
  num(0, 1000, { label, label_zh, unit: 'points', step: 1, ui: { max: 50, step: 1 }, lever: true, ...(doc ? { doc, doc_zh } : {}) }).default(dflt);

export const SchoolPointsSchema = z.strictObject({
  education: z
    .partialRecord(z.enum(EDUCATION), num(0, 1000, { unit: 'points', ui: { max: 150, step: 1 }, label: 'Points for education', label_zh: '学历积分' }))
    .default({ senior: 5, college: 10, bachelor: 20, master: 30, doctorate: 40 })
    .describe("the parent's points by highest education level (自我增值); levels not listed score 0"),
  insurance_per_year: points('Points a year of social insurance', '每缴纳一年社保积分', 5, "Points a parent earns for each whole year of social insurance paid in the city (就业创业: the post and contribution; Xiaolan's items, weights [U])", '家长在本市每缴纳满一年社会保险所得积分（小榄以岗位和贡献计分；分值 [U]）'),
  insurance_cap: num(0, 1000, { ui: { max: 200, step: 5 }, label: 'Cap on social insurance points', label_zh: '社保积分上限', unit: 'points', step: 5 }).default(50),
  residence_per_year: points('Points a year lived in the city', '每居住一年积分', 2, 'Points a parent earns for each whole year lived in the city (weights [U]; Xiaolan ranks by contribution to the town, seed 003)', '家长在本市每居住满一年所得积分（分值 [U]；小榄按对本地的贡献计分，《城市治理创新十篇》）'),
  residence_cap: num(0, 1000, { ui: { max: 200, step: 5 }, label: 'Cap on residence points', label_zh: '居住积分上限', unit: 'points', step: 5 }).default(20),
  formal_job: points('Points for a formal job (the post held)', '正规就业岗位积分', 10, "Points for a parent in a formal job: Xiaolan's 2007 points count the post a migrant holds (seed 003; weight [U])", '家长从事正规就业岗位的积分：小榄 2007 年起按所从事的岗位计分（《城市治理创新十篇》；分值 [U]）'),
  owned_home: points('Points for an owned home', '自有住房积分', 10, 'Points for a family that owns its home in the city (weight [U])', '家庭在本市拥有自有住房的积分（分值 [U]）'),
  require_permit: z.boolean().default(false).describe("only children of parents holding a residence permit join the points queue (Xiaolan's 2001 rule predates Guangdong's permits)").meta({ label: 'Residence permit required', label_zh: '须持居住证' }),
  places_per_year: num(0, 1e7, {
    label: 'Public school places for points entry a year',
    label_zh: '每年积分入学学位数',
    unit: 'children/year',
    step: 100,
    lever: true,
    doc: 'Children newly admitted to public school places through points each year (Xiaolan: about 6,343 in 2007–2012, seed 003); omitted = as many as the zones have places left',
    doc_zh: '每年通过积分入读公办学校的新生人数（小榄 2007–2012 年约 6343 人，《城市治理创新十篇》）；未设时以各区剩余学位为限',
  })
    .optional()
    .describe('children (real persons) newly admitted through points a year; none = only the zones’ places bound'),
  source,
});
export type SchoolPointsParams = z.infer<typeof SchoolPointsSchema>;

/** What the rule reads of a parent, in plain numbers (hand-made in tests). */
export interface ParentFacts {
  /** EDUCATION index. */
  edu: number;
  insuredMonths: number;
  inCityMonths: number;
  formalJob: boolean;
  ownedHome: boolean;
}

/** A parent's points (the arithmetic in the file comment). */
export function schoolScore(P: SchoolPointsParams, x: ParentFacts): number {
  const e = (P.education as Partial<Record<string, number>>)[EDUCATION[x.edu]!] ?? 0;
  const ins = Math.min(P.insurance_cap, P.insurance_per_year * Math.floor(x.insuredMonths / 12));
  const res = Math.min(P.residence_cap, P.residence_per_year * Math.floor(x.inCityMonths / 12));
  return e + ins + res + (x.formalJob ? P.formal_job : 0) + (x.ownedHome ? P.owned_home : 0);
}

const F: ParentFacts = { edu: 0, insuredMonths: 0, inCityMonths: 0, formalJob: false, ownedHome: false };

/** The points of parent `p` (a person row) in world w. */
export function parentScore(w: World, P: SchoolPointsParams, p: number): number {
  const pc = w.persons.cols;
  F.edu = pc.edu[p]!;
  F.insuredMonths = w.insuredMonths(p);
  F.inCityMonths = pc.inCity[p]!;
  F.formalJob = pc.sector[p] !== NO_JOB && pc.formal[p] === 1;
  F.ownedHome = w.tenureOf(pc.hh[p]!) === OWNED;
  return schoolScore(P, F);
}

export const schoolPointsPolicy = definePolicy({
  name: 'school_points',
  title: 'Points-ranked school entry',
  title_zh: '积分入学',
  source: 'Xiaolan, Zhongshan: 积分入学 from 2001, refined 2007 by post and contribution; 6,343 migrant children admitted by points by 2012 (seed 003_5b84dda5a66fd023.txt); weights [U]',
  source_zh: '中山小榄：2001 年起积分入学，2007 年起按岗位和贡献细化；至 2012 年 6343 名随迁子女积分入学（《城市治理创新十篇》）；分值 [U]',
  schema: SchoolPointsSchema,
  install(w, P) {
    const ledger: QuotaLedger = { policy: 'school_points', allowed: Infinity, granted: 0 };
    ledgers.set(w, ledger);
    let carry = 0;
    w.schoolRank = (w, child, parent) => {
      if (parent < 0 || isLocal(w.persons.cols.hukou[child]!)) return 2;
      return !P.require_permit || w.persons.cols.permitSince[parent] !== NO_PERMIT ? 1 : 2;
    };
    w.schoolQueue = {
      rank: 1,
      score: (w, _child, parent) => parentScore(w, P, parent),
      newPlaces: () => ledger.allowed - ledger.granted,
      admitted: (_w, n) => void (ledger.granted += n),
    };
    // The year's places, before the enrolment (real children scaled to the sample, the remainder carried).
    w.schedule.insertBefore('services', {
      name: 'school_points',
      monthOfYear: w.city.services.enrolment_month,
      run: (w) => {
        ledger.granted = 0;
        if (P.places_per_year === undefined) return;
        const q = P.places_per_year * w.sample + carry;
        ledger.allowed = Math.floor(q + 1e-9);
        carry = Math.max(0, q - ledger.allowed);
      },
    });
  },
  invariants: (w) => [quotaInvariant(ledgers.get(w)!)],
});

/** The policy's admissions ledger of each world it is installed in (the current year's). */
const ledgers = new WeakMap<World, QuotaLedger>();

/** This year's points admissions in world w: allowed (agents; Infinity without places_per_year) and granted. */
export const schoolPointsLedger = (w: World): QuotaLedger | undefined => ledgers.get(w);
