/**
 * Demography (MODEL.md §3.1): ageing by one month, deaths from a Gompertz
 * schedule of annual mortality, births to women aged 15–49 at the total
 * fertility rate spread evenly over those 35 years, education drawn on the
 * 18th birthday, labour-force entry at 16 and exit at 60, and young adults
 * leaving large households to form their own. Stream "demography".
 */
import type { World } from './world.ts';
import { IndexList } from './scratch.ts';
import { drawEducation } from './init.ts';
import { FEMALE, isLocal } from './enums.ts';

const deaths = new IndexList();
const mothers = new IndexList();
const leavers = new IndexList();

/** Monthly death probability at an age in months, from annual Gompertz mortality m(x) = a·exp(b·x). */
export function monthlyDeathChance(a: number, b: number, infant: number, ageM: number): number {
  const annual = ageM < 12 ? infant : Math.min(1, a * Math.exp((b * ageM) / 12));
  return 1 - Math.pow(1 - annual, 1 / 12);
}

export function demography(w: World, month: number): void {
  const s = w.streams.get('demography');
  const D = w.city.demography;
  const pc = w.persons.cols;
  const hc = w.households.cols;
  // Death chance by year of age, computed once per month (no per-agent exp()).
  const byYear = deathTable(D.mortality_a, D.mortality_b, D.infant_mortality);
  const birthChance = D.fertility_rate / 35 / 12;
  const splitChance = D.household_split_rate / 12;
  const partRate = w.city.labour.participation_rate;
  deaths.clear();
  mothers.clear();
  leavers.clear();
  const n = w.persons.size;
  const live = w.persons.live;
  // Columns held in locals: the loop adds no rows, so the arrays stay the same.
  const ageM = pc.ageM, inCity = pc.inCity, sex = pc.sex, active = pc.active, hh = pc.hh;
  const hSize = hc.size, hHead = hc.head;
  const eduHukou = w.city.education_adults.hukou, eduNonhukou = w.city.education_adults.nonhukou;
  for (let p = 0; p < n; p++) {
    if (!live[p]) continue;
    const age = ++ageM[p]!;
    if (inCity[p]! < 32767) inCity[p]!++;
    const year = (age / 12) | 0;
    if (s.next() < byYear[year > 110 ? 110 : year]!) {
      deaths.push(p);
      continue;
    }
    if (age === 216) {
      const local = isLocal(pc.hukou[p]!);
      pc.edu[p] = drawEducation(s, local ? eduHukou : eduNonhukou);
    } else if (age === 192) {
      active[p] = s.next() < partRate ? 1 : 0;
    } else if (age === 720 && active[p]) {
      active[p] = 0;
      w.leaveJob(p);
    }
    if (year >= 15 && year < 50 && sex[p] === FEMALE && s.next() < birthChance) mothers.push(p);
    if (year >= 22 && year < 35) {
      const h = hh[p]!;
      if (hSize[h]! >= 3 && hHead[h] !== p && s.next() < splitChance) leavers.push(p);
    }
  }
  for (let i = 0; i < deaths.n; i++) {
    const h = w.removePerson(deaths.a[i]!);
    if (hc.size[h] === 0) w.removeHousehold(h);
  }
  w.flows.deaths += deaths.n;
  for (let i = 0; i < mothers.n; i++) {
    const m = mothers.a[i]!;
    if (!live[m]) continue;
    const h = pc.hh[m]!;
    const baby = w.newPerson(h, 0, s.int(2), 0, pc.hukou[m]!, pc.hukouZone[m]!);
    w.persons.cols.inCity[baby] = 0;
  }
  w.flows.births += mothers.n;
  // Young adults forming their own household: unhoused until the housing step finds them a dwelling.
  for (let i = 0; i < leavers.n; i++) {
    const p = leavers.a[i]!;
    if (!live[p]) continue;
    const old = pc.hh[p]!;
    if (hc.size[old]! < 2) continue;
    const h = w.newHousehold(hc.zone[old]!, month, hc.migrant[old] === 1);
    w.detachPerson(p);
    w.attachPerson(p, h);
    // Half of the household's savings are not theirs: they take a tenth.
    const take = hc.savings[old]! * 0.1;
    hc.savings[old]! -= take;
    hc.savings[h] = take;
  }
}

let cachedKey = '';
let cachedTable = new Float64Array(111);
function deathTable(a: number, b: number, infant: number): Float64Array {
  const key = `${a}/${b}/${infant}`;
  if (key === cachedKey) return cachedTable;
  const t = new Float64Array(111);
  for (let y = 0; y <= 110; y++) t[y] = monthlyDeathChance(a, b, infant, y * 12 + 6);
  t[0] = monthlyDeathChance(a, b, infant, 0);
  cachedKey = key;
  cachedTable = t;
  return t;
}
