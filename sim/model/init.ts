/**
 * Builds the starting city from the census inputs of a scenario (MODEL.md
 * section 7): zones, households with their members, dwellings by tenure with
 * vacancies, jobs, wages, school places and registry state. Draws from the
 * stream "init".
 */
import type { Stream } from '../engine/random.ts';
import type { CityParams } from './params.ts';
import { World, NO_PERMIT } from './world.ts';
import { allocateSchoolPlaces } from './services.ts';
import { setRegMonths } from './regMonths.ts';
import { drawEducation, drawSector, drawWage, formalChance } from './draws.ts';
import {
  DORMITORY,
  EDUCATION,
  EDU_JUNIOR,
  FEMALE,
  HUKOU,
  LOCAL_RURAL,
  LOCAL_URBAN,
  MALE,
  MARKET_RENTAL,
  NS,
  NT,
  OWNED,
  PUBLIC_RENTAL,
  RURAL_HOME,
  SECTORS,
  URBAN_VILLAGE,
  isLocal,
} from './enums.ts';

/** Residents per zone in real persons, scaled to residents_total when it is given. */
export function zoneResidents(city: CityParams): number[] {
  const raw = city.zones.map((z) => z.residents);
  const sum = raw.reduce((a, b) => a + b, 0);
  const scale = city.residents_total ? city.residents_total / sum : 1;
  return raw.map((r) => r * scale);
}

function ageMonths(s: Stream, band: 0 | 1 | 2 | 3): number {
  // 0: child 0–14, 1: adult 15–64, 2: head adult 18–64, 3: elderly 65–95 (declining)
  if (band === 0) return s.int(15 * 12);
  if (band === 1) return 15 * 12 + s.int(50 * 12);
  if (band === 2) return 18 * 12 + s.int(47 * 12);
  const y = Math.min(30, -Math.log(1 - s.next()) * 9);
  return Math.floor((65 + y) * 12);
}

export interface InitSummary {
  residentsReal: number[];
}

/** Creates the starting persons, households, dwellings, jobs and school places. */
export function initialiseCity(w: World): void {
  const city = w.city;
  const s = w.streams.get('init');
  const res = zoneResidents(city);
  const totalReal = res.reduce((a, b) => a + b, 0);
  const ruralReal = res.reduce((a, r, z) => a + r * (1 - city.zones[z]!.urban_share), 0);
  const hs = city.hukou_shares;
  // Rural parts of zones hold local-rural residents; the urban parts the rest of the mix.
  const urbanMix = [hs.local_urban, Math.max(0, hs.local_rural - ruralReal / totalReal), hs.nonlocal_urban, hs.nonlocal_rural];
  const mixSum = urbanMix.reduce((a, b) => a + b, 0);
  for (let i = 0; i < 4; i++) urbanMix[i]! /= mixSum;

  const m = city.household_size;
  const s14 = city.age_shares.age_0_14;
  const s65 = city.age_shares.age_65_plus;
  const pChild = Math.min(0.95, (s14 * m) / (m - 1 || 1));
  const pElder = s65;
  const pc = w.persons.cols;

  // Rent and price levels by zone × tenure.
  city.zones.forEach((z, zi) => {
    const k = zi * NT;
    w.rentLevel[k + MARKET_RENTAL] = z.rent_yuan_month;
    w.rentLevel[k + URBAN_VILLAGE] = z.rent_yuan_month * z.urban_village_rent_ratio;
    w.rentLevel[k + PUBLIC_RENTAL] = z.rent_yuan_month * 0.6;
    w.rentLevel[k + DORMITORY] = z.dormitory_rent_yuan_month;
    w.priceLevel[k + OWNED] = z.price_yuan_m2 * z.dwelling_m2;
    // The implied monthly user cost of owning, used to value owned dwellings in search.
    w.rentLevel[k + OWNED] = 0;
  });

  // Where jobs are: weight of each zone as a job location.
  const jobWeight = city.zones.map((z, zi) => z.jobs_per_resident * res[zi]!);

  for (let zi = 0; zi < w.nz; zi++) {
    const zone = city.zones[zi]!;
    const target = res[zi]! * w.sample;
    const ruralTarget = target * (1 - zone.urban_share);
    let made = 0;
    const occupiedByTenure = new Float64Array(NT);
    const ts = zone.tenure_shares;
    const nonDorm = [ts.owned, ts.market_rental, ts.urban_village, ts.public_rental];
    // Share of urban households of one person (size = 1 + Poisson(m − 1)).
    const single = Math.exp(-(m - 1));
    const dormChance = Math.min(1, ts.dormitory / single);
    while (made < target) {
      const rural = made < ruralTarget;
      const hukou = rural ? LOCAL_RURAL : s.pick(urbanMix);
      const local = isLocal(hukou);
      const h = w.newHousehold(zi, -1 - s.int(240), !rural && hukou !== LOCAL_URBAN);
      const size = Math.min(8, 1 + s.poisson(m - 1));
      for (let k = 0; k < size; k++) {
        let age: number;
        if (k === 0) age = ageMonths(s, s.chance(pElder) ? 3 : 2);
        else {
          const r = s.next();
          age = r < pChild ? ageMonths(s, 0) : r < pChild + pElder ? ageMonths(s, 3) : ageMonths(s, 1);
        }
        const years = age / 12;
        const edu =
          years >= 18 ? drawEducation(s, local ? city.education_adults.hukou : city.education_adults.nonhukou) : years >= 15 ? EDU_JUNIOR : 0;
        const p = w.newPerson(h, age, k === 0 ? s.int(2) : k === 1 ? 1 - pc.sex[w.households.cols.head[h]!]! : s.int(2), edu, hukou, zi);
        pc.inCity[p] = local ? Math.min(age, 32767) : Math.min(age, Math.floor(-Math.log(1 - s.next()) * city.migration.nonlocal_months_in_city_mean));
      }
      // Dwelling.
      let tenure: number;
      if (rural) tenure = RURAL_HOME;
      else {
        // Dormitories house one person: one-person households take a dormitory with the chance that
        // makes the zone's dormitory share come out right; everyone else draws among the other tenures.
        if (size === 1 && s.next() < dormChance) tenure = DORMITORY;
        else tenure = s.pick(nonDorm);
      }
      occupiedByTenure[tenure]!++;
      const d = w.newDwelling(zi, tenure, Math.exp(0.25 * s.normal() - 0.03125));
      w.moveIn(h, d);
      if (hukou === LOCAL_RURAL || hukou === 3) w.households.cols.landMu[h] = city.arrivals.land_mu_per_household;
      made += size;
    }
    // Vacant dwellings.
    for (let t = 0; t < NT; t++) {
      const n = Math.round(occupiedByTenure[t]! * (t === RURAL_HOME ? 0.02 : zone.vacancy_rate));
      for (let i = 0; i < n; i++) w.newDwelling(zi, t, Math.exp(0.25 * s.normal() - 0.03125));
    }
  }

  // Employment, wages, insurance, registry and permits.
  const L = city.labour;
  const reg = city.registration.declare_rate_month;
  const regRate = [reg.owned, reg.market_rental, reg.urban_village, reg.public_rental, reg.dormitory, reg.rural_home];
  const move = city.location.move_rate_renter_month;
  const n = w.persons.size;
  const hc = w.households.cols;
  for (let p = 0; p < n; p++) {
    if (!w.persons.live[p]) continue;
    const years = pc.ageM[p]! / 12;
    const h = pc.hh[p]!;
    const zi = hc.zone[h]!;
    w.setActive(p, years >= 16 && years < 60 && s.chance(L.participation_rate) ? 1 : 0);
    if (pc.active[p] && s.chance(1 - L.unemployment_rate_start)) {
      const jz = s.chance(L.demand.home_zone_job_share) ? zi : s.pick(jobWeight);
      const sector = drawSector(w, s);
      w.takeJob(p, jz, sector, drawWage(w, s, pc.edu[p]!, jz), s.chance(formalChance(w, pc.edu[p]!)));
      if (pc.formal[p]) pc.insured[p] = Math.min(pc.inCity[p]!, Math.floor(years * 12 - 18 * 12 > 0 ? (years - 18) * 12 : 0));
    }
    const t = w.tenureOf(h);
    const r = regRate[t]!;
    pc.registered[p] = t >= 0 && s.chance(r / (r + move + 1e-9)) ? 1 : 0;
    // Registered for between half and all of their months in the city.
    const regMonths = pc.registered[p] ? Math.max(1, Math.round(pc.inCity[p]! * (0.5 + 0.5 * s.next()))) : 0;
    if (pc.registered[p]) setRegMonths(w, p, regMonths);
    pc.permitSince[p] = NO_PERMIT;
    // A permit is granted after permit_months of registration, so it has been held since then.
    const pm = w.levers.permitMonths;
    if (!isLocal(pc.hukou[p]!) && pc.registered[p] && regMonths >= pm && years >= 16) {
      pc.permitSince[p] = -Math.min(32767, Math.max(1, regMonths - pm));
    }
    // Work history: those in the labour force have worked since they came or came of working age.
    if (pc.active[p]) pc.worked[p] = Math.min(32767, pc.inCity[p]!, Math.max(0, pc.ageM[p]! - 16 * 12));
    void HUKOU;
  }
  // Jobs: filled jobs plus the starting vacancy share in each zone × sector.
  for (let k = 0; k < w.nz * NS; k++) w.jobs[k] = Math.ceil(w.filled[k]! / (1 - L.demand.vacancy_share_start));

  // Savings: a few months of income.
  for (let h = 0; h < w.households.size; h++) {
    if (!w.households.live[h]) continue;
    hc.savings[h] = w.incomeOf(h) * (3 + s.int(24));
  }

  // School places and the first allocation (all children in the city, priority order).
  const from = city.services.school_age_from * 12;
  const to = (city.services.school_age_to + 1) * 12;
  const children = new Float64Array(w.nz);
  for (let p = 0; p < n; p++) {
    if (!w.persons.live[p]) continue;
    if (pc.ageM[p]! >= from && pc.ageM[p]! < to) children[hc.zone[pc.hh[p]!]!]!++;
  }
  for (let zi = 0; zi < w.nz; zi++) {
    w.schoolPlaces[zi] = Math.round(children[zi]! * city.zones[zi]!.school_places_per_child);
  }
  allocateSchoolPlaces(w, s, false);
  initialLeftBehind(w);
  void MALE;
  void FEMALE;
  void LOCAL_URBAN;
}

/**
 * Left-behind children at the start (MODEL.md §5 step 9): migrant families keep
 * (1 − b) / b school-age children in the origin for each school-age child they
 * have in the city, b = `arrivals.bring_children_share` (the share arrivals
 * bring). 0.4 agrees with the ACWF 2013 report (全国妇联《我国农村留守儿童、城乡流动儿童
 * 状况研究报告》, from the 2010 census 1% sample: 35.81 M migrant children and
 * 61.03 M rural left-behind children aged 0–17, a share with their parents of
 * 0.37 [U]). The total, ⌊·⌋ plus one with the fractional chance, is spread over
 * the non-local households of two or more persons, drawn uniformly
 * (stream "init-left-behind", so that no other draw moves).
 */
export function initialLeftBehind(w: World): void {
  const city = w.city;
  const b = city.arrivals.bring_children_share;
  if (!(b > 0) || b >= 1) return;
  const pc = w.persons.cols;
  const hc = w.households.cols;
  const from = city.services.school_age_from * 12;
  const to = (city.services.school_age_to + 1) * 12;
  let inCity = 0;
  const families: number[] = [];
  for (let h = 0; h < w.households.size; h++) {
    if (!w.households.live[h] || isLocal(pc.hukou[hc.head[h]!]!)) continue;
    if (hc.size[h]! >= 2) families.push(h);
    for (let q = hc.head[h]!; q >= 0; q = pc.next[q]!) if (pc.ageM[q]! >= from && pc.ageM[q]! < to) inCity++;
  }
  if (families.length === 0) return;
  const s = w.streams.get('init-left-behind');
  const expected = (inCity * (1 - b)) / b;
  let total = Math.floor(expected);
  if (s.next() < expected - total) total++;
  for (let i = 0; i < total; i++) {
    const h = families[s.int(families.length)]!;
    if (hc.leftBehind[h]! < 255) hc.leftBehind[h]!++;
  }
}
