/**
 * The housing market of every shipped city stays plausible: nominal rents
 * and prices do not fall while wages rise (unless supply makes them: the
 * tenure's vacancy a point or more over its natural rate),
 * each market tenure's vacancy stays within 2–15%, and no tenure sits at
 * zero vacancies for more than 12 months running.
 *
 * MEGASIM_LONG=1: the check, 120 months at sample 0.01 over 5 seeds.
 * Default: a cheaper version, 60 months at sample 0.003, seed 1.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { loadScenarioFile } from '../../sim/scenario/node.ts';
import { runSmall, series } from '../policy/helpers.ts';

const LONG = process.env.MEGASIM_LONG === '1';
const SEEDS = LONG ? [1, 2, 3, 4, 5] : [1];
const MONTHS = LONG ? 120 : 60;
const SAMPLE = LONG ? 0.01 : 0.003;
const CITIES = readdirSync('scenarios/cities').filter((f) => f.endsWith('.yaml')).map((f) => `scenarios/cities/${f}`);
const TENURES = ['owned', 'market_rental', 'urban_village', 'dormitory'] as const;

/** Mean of months from..to of a monthly series (missing months skipped). */
function mean(s: number[], from: number, to: number): number {
  let a = 0, n = 0;
  for (let m = from; m <= to; m++) if (Number.isFinite(s[m])) (a += s[m]!), n++;
  return n > 0 ? a / n : NaN;
}

describe('housing market of every shipped city', () => {
  for (const file of CITIES) {
    for (const seed of SEEDS) {
      it(`${file} seed ${seed}: ${MONTHS} months at sample ${SAMPLE}`, () => {
        const sc = loadScenarioFile(file).scenario;
        const r = runSmall(sc, { seed, months: MONTHS, sample: SAMPLE });
        const target = sc.city.market.target_vacancy;
        const problems: string[] = [];
        const vac = Object.fromEntries(TENURES.map((t) => [t, series(r, `vacancy_${t}`)]));
        // Vacancy: yearly means within 2–15%; never zero for more than 12 months running.
        const figures: string[] = [];
        for (const t of TENURES) {
          const v = vac[t]!;
          let run = 0;
          let longest = 0;
          const years: number[] = [];
          for (let y = 1; y * 12 <= MONTHS; y++) years.push(mean(v, y * 12 - 11, y * 12));
          for (let m = 1; m <= MONTHS; m++) longest = Math.max(longest, (run = v[m] === 0 ? run + 1 : 0));
          figures.push(`${t} vacancy yearly min ${Math.min(...years).toFixed(3)} max ${Math.max(...years).toFixed(3)} longest zero run ${longest}`);
          run = 0;
          for (let m = 1; m <= MONTHS; m++) {
            run = v[m] === 0 ? run + 1 : 0;
            if (run > 12) {
              problems.push(`${t}: no vacancy for more than 12 months (to month ${m})`);
              break;
            }
          }
          for (let y = 1; y * 12 <= MONTHS; y++) {
            const x = mean(v, y * 12 - 11, y * 12);
            if (Number.isFinite(x) && (x < 0.02 || x > 0.15)) problems.push(`${t}: year ${y} vacancy ${x.toFixed(3)}`);
          }
        }
        // Rents and prices: a year's mean index not below the year before's, unless that tenure's vacancy is
        // over its natural rate by a point or more that year or the year before (supply makes them fall).
        const glut = (t: (typeof TENURES)[number], y: number) => mean(vac[t]!, y * 12 - 11, y * 12) > target[t] + 0.01;
        for (const [name, tenures] of [['rent_index', ['market_rental', 'urban_village']], ['price_index', ['owned']]] as const) {
          const s = series(r, name);
          const ch: number[] = [];
          for (let y = 2; y * 12 <= MONTHS; y++) ch.push(mean(s, y * 12 - 11, y * 12) / mean(s, y * 12 - 23, y * 12 - 12) - 1);
          figures.push(`${name} year 1 ${mean(s, 1, 12).toFixed(3)} year ${MONTHS / 12} ${mean(s, MONTHS - 11, MONTHS).toFixed(3)} smallest yearly change ${(100 * Math.min(...ch)).toFixed(1)}%`);
          for (let y = 2; y * 12 <= MONTHS; y++) {
            const prev = mean(s, y * 12 - 23, y * 12 - 12);
            const now = mean(s, y * 12 - 11, y * 12);
            if (now < prev && !tenures.some((t) => glut(t, y) || glut(t, y - 1))) problems.push(`${name}: year ${y} ${now.toFixed(3)} < year ${y - 1} ${prev.toFixed(3)}`);
          }
        }
        // The figures behind the check, for the record (the long check's report).
        if (LONG) console.log(`${file} seed ${seed}\n  ${figures.join('\n  ')}\n  problems: ${problems.length ? problems.join('; ') : 'none'}`);
        expect(problems).toEqual([]);
      });
    }
  }
});
