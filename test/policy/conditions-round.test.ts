/**
 * The conditions round (sim/policy/conditions.ts, persons read four a word and staged a chunk at a
 * time) against the plain pass over persons (conditions-plain.ts: every row, the household's tenure
 * through hh), on two copies of a scrambled hand-made world built the same way: the same persons
 * granted, the same applicants, the same draws taken from stream "settlement".
 *
 * The world: the tiny world's households, a few thousand hand-made ones spread over tenures (and
 * no dwelling), hukou, ages about 18, months in the city and insured about the thresholds, permits,
 * registration and job spells, families of two adults and children (a grant converts later members
 * of the same word, who must then not be tried), more rows than one chunk; then some households
 * removed, their rows' bytes scrambled (a removed row's columns are stale), and rows added after
 * them into the removed rows; the table ends mid-word, with persons eligible in its last rows.
 */
import { describe, expect, it } from 'vitest';
import { conditionsRound, ConditionsSchema } from '../../sim/policy/conditions.ts';
import { conditionsRoundPlain } from './conditions-plain.ts';
import { NO_PERMIT, type World } from '../../sim/model/world.ts';
import { DORMITORY, LOCAL_URBAN, MARKET_RENTAL, OWNED, PUBLIC_RENTAL, RURAL_HOME, URBAN_VILLAGE } from '../../sim/model/enums.ts';
import { addHousehold, chongqingWith, lcg, tinyWorld } from './helpers.ts';

const TENURES = [-1, OWNED, MARKET_RENTAL, URBAN_VILLAGE, PUBLIC_RENTAL, DORMITORY, RURAL_HOME];

function scrambledWorld(seed: number): World {
  const w = tinyWorld(chongqingWith(), 1e-5, seed);
  const next = lcg(seed * 2654435761);
  const pc = w.persons.cols;
  const made: number[] = [];
  for (let i = 0; i < 2200; i++) {
    const size = 1 + Math.floor(next() * 4);
    const members = [];
    for (let j = 0; j < size; j++) members.push({ ageYears: j < 2 ? 17.5 + next() * 30 : next() * 17, hukou: Math.floor(next() * 4), wage: next() < 0.5 ? 3000 : undefined });
    const hh = addHousehold(w, { zone: 0, tenure: TENURES[Math.floor(next() * TENURES.length)]!, members, savings: next() * 2e6, landMu: next() < 0.5 ? next() * 5 : 0 });
    made.push(hh.h);
    for (const p of hh.persons) {
      if (next() < 0.3) pc.ageM[p] = 214 + Math.floor(next() * 5); // about 18 years
      pc.inCity[p] = 20 + Math.floor(next() * 10); // about 2 years
      pc.insured[p] = 14 + Math.floor(next() * 8); // about 1.5 years (in formal work: a spell, read through workSpells.ts)
      pc.permitSince[p] = next() < 0.4 ? NO_PERMIT : -5;
      pc.registered[p] = next() < 0.5 ? 1 : 0;
    }
  }
  // The last rows (the table ends mid-word), eligible under every case below: owned, 40 years old,
  // 100 months in the city, insured, registered, a permit.
  const eligible = (hukou: number) => {
    for (const p of addHousehold(w, { zone: 0, tenure: OWNED, members: [{ ageYears: 40, hukou }], savings: 1e6 }).persons) {
      pc.inCity[p] = 100;
      pc.insured[p] = 100;
      pc.registered[p] = 1;
      pc.permitSince[p] = -5;
    }
  };
  for (let i = 0; i < 3; i++) eligible(3);
  while (w.persons.size % 4 === 0) eligible(2);
  w.labourSteps = 3;
  // Remove some households and scramble their rows' bytes; add a few after (into removed rows).
  for (const h of made) if (next() < 0.15) w.removeHouseholdWithMembers(h);
  const live = w.persons.live;
  for (let p = 0; p < w.persons.size; p++) {
    if (live[p]) continue;
    pc.hukou[p] = Math.floor(next() * 4);
    pc.dwTenure[p] = TENURES[Math.floor(next() * TENURES.length)]!;
    pc.ageM[p] = 300;
    pc.inCity[p] = 100;
    pc.registered[p] = 1;
    pc.permitSince[p] = -5;
  }
  for (let i = 0; i < 5; i++) addHousehold(w, { zone: 0, tenure: OWNED, members: [{ ageYears: 40, hukou: 3 }, { ageYears: 38, hukou: 3 }], savings: 1e6 });
  return w;
}

function round(params: Record<string, unknown>, seed: number, plain: boolean) {
  const c = ConditionsSchema.parse({ source: 'test', ...params });
  const w = scrambledWorld(seed);
  const before = Uint8Array.from(w.persons.cols.hukou);
  (plain ? conditionsRoundPlain : conditionsRound)(w, c, 1);
  const granted: number[] = [];
  for (let p = 0; p < w.persons.size; p++) if (w.persons.live[p] && before[p] !== LOCAL_URBAN && w.persons.cols.hukou[p] === LOCAL_URBAN) granted.push(p);
  return { granted, applicants: w.flows.applicants, nextDraw: w.streams.get('settlement').next(), rows: w.persons.size };
}

describe('conditions round: the staged word pass makes the plain pass\'s trials and grants', () => {
  const cases: Record<string, unknown>[] = [
    { min_years_in_city: 2, residence: 'owned', apply_rate: 1 },
    { min_years_in_city: 2, residence: 'owned', apply_rate: 0.3 },
    { min_years_in_city: 2.1, residence: 'owned', include_local_rural: false, apply_rate: 0.5, land_retention_years: 3 },
    { min_years_in_city: 2, residence: 'any', require_permit: true, include_local_rural: false, min_insured_years: 1.5, apply_rate: 1 },
    { min_years_in_city: 1.5, residence: 'any', apply_rate: 0.2 },
    { min_years_in_city: 2, residence: 'registered', apply_rate: 1 },
    { min_years_in_city: 1.9, residence: 'owned_or_public_rental', require_permit: true, min_insured_years: 1.4, apply_rate: 1 },
    { min_years_in_city: 0, residence: 'owned_or_public_rental', apply_rate: 0.7 },
    { min_years_in_city: 20, residence: 'any', apply_rate: 1 },
  ];
  for (const params of cases) {
    it(JSON.stringify(params), () => {
      for (const seed of [1, 2]) {
        const fast = round(params, seed, false);
        const plain = round(params, seed, true);
        expect(fast.rows % 4).not.toBe(0);
        expect(fast.rows).toBeGreaterThan(4 * 1024 + 4);
        expect(fast).toEqual(plain);
        expect(plain.applicants).toBeGreaterThan(10);
      }
    });
  }

  it('with apply_rate 1, a family member made local urban by an earlier grant in the round is not tried (the plain pass skips them)', () => {
    // Among the plain pass's grants some convert a second eligible adult of the household after the
    // applicant: then the applicants are fewer than the eligible adults granted.
    const plain = round({ min_years_in_city: 2, residence: 'owned', apply_rate: 1 }, 1, true);
    expect(plain.granted.length).toBeGreaterThan(plain.applicants);
  });
});
