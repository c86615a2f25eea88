/**
 * How an edited setting is named: a setting whose levers differ from the
 * shipped file is shown as "B (edited: core years of work required = 1)"
 * wherever it appears — chart legends, headline cards, the reproduce panel,
 * the permalink's description — and its downloads carry it too: the YAML's
 * `id` and `title` and the file names of the scenario and the CSV.
 *
 * Pure: no DOM; the page and the tests use the same code.
 */
import type { Lever, LeverValue } from './levers.ts';
import { leverLabel, optionLabel, type Lang } from './i18n.ts';

/** One lever moved from its shipped value. */
export interface Change {
  lever: Pick<Lever, 'key' | 'field' | 'label' | 'label_zh' | 'item' | 'parents' | 'zone' | 'kind'> & Partial<Pick<Lever, 'parentLabels' | 'choices'>>;
  from: LeverValue;
  to: LeverValue;
}

/** Changes listed in a label before "and N more". */
const SHOWN = 2;

function valueWords(L: Lang, c: Change): string {
  if (typeof c.to === 'boolean') return L === 'zh' ? (c.to ? '开' : '关') : c.to ? 'on' : 'off';
  if (c.lever.kind === 'enum') return optionLabel(L, String(c.to), c.lever.choices);
  return String(c.to);
}

/** "core years of work required = 1" (zh: "都市功能核心区 core 务工经商年限要求 = 1"). */
export function changeText(L: Lang, c: Change): string {
  let label = leverLabel(L, c.lever);
  if (L === 'en') label = label.charAt(0).toLowerCase() + label.slice(1);
  const zone = c.lever.zone ? (L === 'zh' ? c.lever.zone.name : c.lever.zone.id) : '';
  return `${zone ? `${zone} ` : ''}${label} = ${valueWords(L, c)}`;
}

/** "edited: core years of work required = 1 and 2 more" ("" when nothing changed). */
export function editedWords(L: Lang, changes: readonly Change[]): string {
  if (changes.length === 0) return '';
  const shown = changes.slice(0, SHOWN).map((c) => changeText(L, c));
  const more = changes.length - shown.length;
  if (L === 'zh') return `已修改：${shown.join('；')}${more > 0 ? ` 等 ${changes.length} 项` : ''}`;
  return `edited: ${shown.join('; ')}${more > 0 ? ` and ${more} more` : ''}`;
}

/** The setting's name: "B (edited: …)", "B", or for a single setting "edited: …" / "". */
export function settingLabel(L: Lang, setting: string, changes: readonly Change[], named = true): string {
  const w = editedWords(L, changes);
  if (!named) return w;
  if (!w) return setting;
  return L === 'zh' ? `${setting}（${w}）` : `${setting} (${w})`;
}

/** A scenario title with the setting's name: "B (edited: …): Chongqing: …", or the title alone when unedited and single. */
export function settingTitle(L: Lang, setting: string, changes: readonly Change[], title: string, named: boolean): string {
  const label = settingLabel(L, setting, changes, named);
  if (!label) return title;
  return L === 'zh' ? `${label}：${title}` : `${label}: ${title}`;
}

/** The id of an edited setting's scenario ("chongqing-differentiated-b-edited"); the shipped id when nothing changed. */
export function editedId(id: string, setting: string, changes: readonly unknown[]): string {
  if (changes.length === 0) return id;
  const out = `${id}-${setting.toLowerCase()}-edited`;
  return out.length <= 100 ? out : `${id.slice(0, 100 - setting.length - 8)}-${setting.toLowerCase()}-edited`;
}

/** The title an edited setting's scenario file carries (English, as scenario titles are): "… — B (edited: …)". */
export function editedTitle(title: string, setting: string, changes: readonly Change[]): string {
  if (changes.length === 0) return title;
  const t = `${title} — ${settingLabel('en', setting, changes)}`;
  return t.length <= 300 ? t : `${t.slice(0, 299)}…`;
}

/** The Chinese title of an edited setting's scenario file: "…（B（已修改：…））". */
export function editedTitleZh(title: string, setting: string, changes: readonly Change[]): string {
  if (changes.length === 0) return title;
  const t = `${title} — ${settingLabel('zh', setting, changes)}`;
  return t.length <= 300 ? t : `${t.slice(0, 299)}…`;
}

/** A file name from an id: anything but letters, digits, "_", "." and "-" becomes "_". */
export function fileStem(s: string): string {
  return s.replace(/[^A-Za-z0-9_.-]/g, '_');
}
