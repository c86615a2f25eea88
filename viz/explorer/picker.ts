/**
 * The plot picker: any indicator of the catalogue (sim/model/observe/
 * indicators.ts), not only the standard set, drawn over time for every
 * setting — city-wide as a line with its band, by zone as small multiples
 * when it is recorded only by zone. The choice is kept in the page state and
 * drawn above the standard charts, cut at the scrubber's month like them.
 */
import { INDICATORS, type IndicatorDef } from '../../sim/model/observe/indicators.ts';
import { hasIndicator, zonesOf } from '../charts/data.ts';
import { timeSeriesBand } from '../charts/timeSeriesBand.ts';
import { smallMultiplesByZone } from '../charts/smallMultiplesByZone.ts';
import type { ChartMeta, ScenarioInfo, StatRow } from '../types.ts';
import { indicatorName, t } from './i18n.ts';
import { $, el } from './page.ts';
import { lang, page } from './state.ts';

/** How a picked indicator is drawn: 'city' (line and band), 'zones' (small multiples) or 'none' (not recorded in this run). */
export function pickKind(rows: readonly StatRow[], name: string, meta: ChartMeta): 'city' | 'zones' | 'none' {
  if (hasIndicator(rows, name, 'all')) return 'city';
  if (zonesOf(rows, name, meta).length > 0) return 'zones';
  return 'none';
}

/** Fills the picker's list: every indicator, by its name in the page's language, with its code. */
export function renderPicker(): void {
  const sel = $<HTMLSelectElement>('plot-pick');
  const L = lang();
  const options = [el('option', { value: '' }, t(L, 'pickNone'))];
  for (const d of INDICATORS) options.push(el('option', { value: d.name }, `${indicatorName(L, d.name)} (${d.name})`));
  sel.replaceChildren(...options);
  sel.value = page.pick;
  $('plot-pick-label').textContent = t(L, 'pickLabel');
}

export function wirePicker(draw: () => void): void {
  $<HTMLSelectElement>('plot-pick').addEventListener('change', (e) => {
    const v = (e.target as HTMLSelectElement).value;
    page.pick = INDICATORS.some((d) => d.name === v) ? v : '';
    draw();
  });
}

/** Draws the picked indicator into #picked (empty when nothing is picked or no run). */
export function drawPicked(rows: readonly StatRow[] | null, scenarios: ScenarioInfo[], meta: ChartMeta, title: (def: IndicatorDef) => string | undefined, width: number): void {
  const box = $('picked');
  const def = INDICATORS.find((d) => d.name === page.pick);
  if (!def || rows === null) {
    box.replaceChildren();
    return;
  }
  const fig = el('figure', { 'data-chart': `pick-${def.name}`, 'data-kind': pickKind(rows, def.name, meta) });
  const kind = pickKind(rows, def.name, meta);
  if (kind === 'zones') fig.append(smallMultiplesByZone(document, rows, { scenarios, meta, indicator: def.name, title: title(def), width }));
  else fig.append(timeSeriesBand(document, rows, { scenarios, meta, indicator: def.name, title: title(def), width }));
  box.replaceChildren(fig);
}
