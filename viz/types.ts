/**
 * The data contract between run outputs and the charts/report: comparison
 * statistics in long form, scenario descriptions, chart metadata and
 * population-pyramid snapshots. `viz` reads these and nothing of the model.
 */
import type { IndicatorDef } from '../sim/model/observe/indicators.ts';
import type { StatRow } from '../sim/run/stats.ts';

export type { IndicatorDef };

/** One summary row per (scenario, month, indicator, zone): defined with the statistics in sim/run/stats.ts. */
export type { StatRow };

/** A scenario as shown to readers; `color` overrides the palette. */
export interface ScenarioInfo {
  id: string;
  title: string;
  color?: string;
  /** Optional one-paragraph description (shown in the report). */
  description?: string;
}

/** A zone of the city. */
export interface ZoneInfo {
  id: string;
  name: string;
  areaKm2: number;
}

/** Metadata every chart needs: units, calendar, zones and caption sources. */
export interface ChartMeta {
  indicators: readonly IndicatorDef[];
  /** Calendar month of month 0, "YYYY-MM". */
  startMonth: string;
  zones: ZoneInfo[];
  /** Caption lines naming the sources. */
  sources: string[];
  /** The question's headline indicators (a comparison's `headline`), charted first; absent = the indicators' own `headline` flags only. */
  headline?: readonly string[];
  /** The language of the charts' own words and numbers (viz/charts/words.ts, viz/format.ts); default English. */
  lang?: 'en' | 'zh';
}

/** Persons by 5-year age band, sex and hukou status at one month (real persons). */
export interface PyramidSnapshot {
  month: number;
  /** '0-4', '5-9', …, '85+' (youngest first). */
  ageBands: string[];
  groups: {
    hukou: { male: number[]; female: number[] };
    nonhukou: { male: number[]; female: number[] };
  };
}

/** Pyramid snapshots keyed by scenario id (one snapshot or several months). */
export type PyramidInput = Record<string, PyramidSnapshot | PyramidSnapshot[]>;

/** Options shared by every chart. */
export interface BaseChartOptions {
  scenarios: ScenarioInfo[];
  meta: ChartMeta;
  /** Overrides the default title. */
  title?: string;
  /** viewBox width in px (default 720). */
  width?: number;
  /** viewBox height in px (default 360, grows with caption lines). */
  height?: number;
}
