/** The population pyramid: persons by five-year age band, sex and hukou (local / non-local) at a month, in real persons. Only reads the world. */
import type { World } from '../world.ts';
import { isLocal } from '../enums.ts';
import { formatNumber } from '../../engine/format.ts';

export const AGE_BANDS = ['0-4', '5-9', '10-14', '15-19', '20-24', '25-29', '30-34', '35-39', '40-44', '45-49', '50-54', '55-59', '60-64', '65-69', '70-74', '75-79', '80-84', '85+'];

export interface Pyramid {
  month: number;
  ageBands: string[];
  groups: { hukou: { male: number[]; female: number[] }; nonhukou: { male: number[]; female: number[] } };
}

/** Persons by five-year age band, sex and hukou (local / non-local), in real persons. */
export function pyramidOf(w: World, month: number): Pyramid {
  const nb = AGE_BANDS.length;
  const g = { hukou: { male: new Array(nb).fill(0), female: new Array(nb).fill(0) }, nonhukou: { male: new Array(nb).fill(0), female: new Array(nb).fill(0) } };
  const pc = w.persons.cols;
  for (let p = 0; p < w.persons.size; p++) {
    if (!w.persons.live[p]) continue;
    const band = Math.min(nb - 1, Math.floor(pc.ageM[p]! / 60));
    const grp = isLocal(pc.hukou[p]!) ? g.hukou : g.nonhukou;
    (pc.sex[p] === 0 ? grp.male : grp.female)[band]! += 1 / w.sample;
  }
  const round = (a: number[]) => a.map((x) => Number(formatNumber(x)));
  return { month, ageBands: AGE_BANDS, groups: { hukou: { male: round(g.hukou.male), female: round(g.hukou.female) }, nonhukou: { male: round(g.nonhukou.male), female: round(g.nonhukou.female) } } };
}

