/**
 * Deterministic synthetic comparison statistics, pyramids and headline
 * differences, shaped like real run outputs, for chart/report tests and
 * demos. No randomness: small wiggles come from a fixed trigonometric hash.
 */
import { INDICATORS } from '../sim/model/observe/indicators.ts';
import type { ChartMeta, PyramidInput, PyramidSnapshot, ScenarioInfo, StatRow } from './types.ts';

/** A headline difference row, as the report expects. */
export interface SampleDiff {
  scenario: string;
  indicator: string;
  month: number;
  diffMean: number;
  lo: number;
  hi: number;
  significant: boolean;
}

/** Everything a sample report needs. */
export interface SampleData {
  stats: StatRow[];
  scenarios: ScenarioInfo[];
  meta: ChartMeta;
  pyramids: PyramidInput;
  differences: SampleDiff[];
}

const ZONES = [
  { id: 'core', name: 'Core functional zone', areaKm2: 294 },
  { id: 'expansion', name: 'Expansion zone', areaKm2: 5179 },
  { id: 'new_dev', name: 'New development zone', areaKm2: 23000 },
  { id: 'eco_ne', name: 'NE ecological zone', areaKm2: 34000 },
  { id: 'eco_se', name: 'SE ecological zone', areaKm2: 19800 },
];
const ZONE_SHARE = [0.15, 0.2, 0.33, 0.2, 0.12];
const AGE_BANDS = ['0-4', '5-9', '10-14', '15-19', '20-24', '25-29', '30-34', '35-39', '40-44', '45-49', '50-54', '55-59', '60-64', '65-69', '70-74', '75-79', '80-84', '85+'];

/** A fixed pseudo-noise in [-1, 1] from integers. */
function wiggle(a: number, b: number, c = 0): number {
  const s = Math.sin(a * 12.9898 + b * 78.233 + c * 37.719) * 43758.5453;
  return 2 * (s - Math.floor(s)) - 1;
}

/**
 * Synthetic statistics for `scenarios` (default two) over `months` months
 * from 2010-07, with `n` replications (n = 1 gives q05 = q95 = mean).
 */
export function sampleData(scenarios?: ScenarioInfo[], months = 66, n = 20): SampleData {
  const scen = scenarios ?? [
    { id: 'baseline', title: 'Baseline: 2010 rules' },
    { id: 'differentiated', title: 'Differentiated settlement by zone' },
  ];
  const stats: StatRow[] = [];
  const push = (scenario: string, month: number, indicator: string, zone: string, mean: number, spread: number) => {
    const w = n > 1 ? spread : 0;
    stats.push({ scenario, month, indicator, zone, mean, median: mean, q05: mean - w, q95: mean + w, n });
  };
  scen.forEach((s, si) => {
    const boost = si * 0.35;
    for (let m = 0; m < months; m++) {
      const t = m / 12;
      const residents = 28.8e6 * (1 + 0.012 * t + 0.002 * boost * t) + 40e3 * wiggle(si, m);
      const hukouShare = Math.min(0.95, 0.62 + 0.006 * t + 0.012 * boost * t);
      const hukou = residents * hukouShare;
      const sd = Math.sqrt(t + 1);
      push(s.id, m, 'residents', 'all', residents, 60e3 * sd);
      push(s.id, m, 'hukou_residents', 'all', hukou, 50e3 * sd);
      push(s.id, m, 'hukou_share', 'all', hukouShare, 0.003 * sd);
      push(s.id, m, 'urban_hukou_rate', 'all', 0.34 + 0.01 * t + 0.02 * boost * t, 0.004 * sd);
      push(s.id, m, 'urbanisation_gap', 'all', 0.2 - 0.004 * t - 0.012 * boost * t, 0.004 * sd);
      push(s.id, m, 'arrivals', 'all', 52e3 * (1 + 0.2 * boost) * (1 + 0.15 * Math.sin((2 * Math.PI * (m + 6)) / 12)), 3e3);
      push(s.id, m, 'departures', 'all', 41e3 * (1 - 0.1 * boost) * (1 + 0.1 * Math.cos((2 * Math.PI * m) / 12)), 3e3);
      const round = (m + 7) % 12 === 3; // rounds in March
      const settled = round ? 6e4 * (1 + 1.5 * boost) : 2e3 * boost;
      push(s.id, m, 'settlements', 'all', settled, settled * 0.05);
      if (round) {
        push(s.id, m, 'settlement_applicants', 'all', 9e4 * (1 + 0.8 * boost) * (1 + 0.08 * t), 4e3);
        push(s.id, m, 'cutoff_score', 'all', 96 + 3 * t - 9 * boost + 2 * wiggle(si, m, 1), 1.5);
      }
      const perCitizen = settled * 1.1e5;
      push(s.id, m, 'fiscal_cost_gov', 'all', perCitizen * 0.3, perCitizen * 0.02);
      push(s.id, m, 'fiscal_cost_employers', 'all', perCitizen * 0.4, perCitizen * 0.02);
      push(s.id, m, 'fiscal_cost_persons', 'all', perCitizen * 0.3, perCitizen * 0.02);
      push(s.id, m, 'migrant_school_access', 'all', Math.min(1, 0.55 + 0.02 * t + 0.03 * boost * t), 0.01);
      ZONES.forEach((z, zi) => {
        const shift = zi === 0 ? -0.01 * boost * t : zi === 2 ? 0.01 * boost * t : 0;
        push(s.id, m, 'zone_population', z.id, residents * (ZONE_SHARE[zi]! + shift), 30e3 * sd);
        push(s.id, m, 'rent_to_income', z.id, 0.42 - zi * 0.05 - 0.01 * boost + 0.005 * wiggle(zi, m, si), 0.02);
      });
      push(s.id, m, 'rent_to_income', 'all', 0.33 - 0.008 * boost, 0.015);
    }
  });
  const meta: ChartMeta = {
    indicators: INDICATORS,
    startMonth: '2010-07',
    zones: ZONES,
    sources: ['synthetic sample data (not a model result)', 'Chongqing Statistical Yearbook 2011 (zones)'],
  };
  const pyramids: PyramidInput = {};
  scen.forEach((s, si) => {
    const snap = (month: number): PyramidSnapshot => {
      const base = AGE_BANDS.map((_, k) => 1.9e6 * Math.exp(-(((k - 6) / 6.5) ** 2)) + 2e5 * Math.max(0, 1 - k / 17));
      const nonShare = AGE_BANDS.map((_, k) => (k >= 4 && k <= 9 ? 0.55 - 0.05 * si : 0.18 - 0.02 * si));
      const part = (sex: number, hukou: boolean) => base.map((b, k) => Math.round(b * (sex ? 0.97 : 1.03) * (hukou ? 1 - nonShare[k]! : nonShare[k]!)));
      return { month, ageBands: AGE_BANDS, groups: { hukou: { male: part(0, true), female: part(1, true) }, nonhukou: { male: part(0, false), female: part(1, false) } } };
    };
    pyramids[s.id] = [snap(0), snap(months - 1)];
  });
  const horizon = months - 1;
  const differences: SampleDiff[] = scen.slice(1).flatMap((s, k) =>
    ['hukou_share', 'residents', 'urbanisation_gap', 'fiscal_cost_gov'].map((indicator, j) => {
      const d = (k + 1) * [0.021, 210e3, -0.017, 3.1e8][j]!;
      const half = Math.abs(d) * [0.3, 1.4, 0.4, 0.5][j]!;
      return { scenario: s.id, indicator, month: horizon, diffMean: d, lo: d - half, hi: d + half, significant: Math.abs(d) > half };
    }),
  );
  return { stats, scenarios: scen, meta, pyramids, differences };
}
