/**
 * A "Source:" line of the explorer's lever panels. In English it is the
 * scenario file's note as written. In 中文 it names what the note cites by
 * Chinese titles (viz/sourceCatalogue.ts): the project's source documents,
 * Chinese documents, statistical sources and publications, megasim's own
 * defaults; English-language literature is kept as a proper name in
 * `<cite class="ref" lang="en">`; the English note is the line's tooltip.
 * A policy's own `source_zh` (Chinese already) is shown as written.
 */
import { sourceZh } from '../sourceCatalogue.ts';
import type { Lang } from './i18n.ts';
import { el } from './page.ts';

export function sourceLine(L: Lang, note: string, zh?: string, cls?: string): HTMLParagraphElement {
  const attrs: Record<string, string> = cls ? { class: cls } : {};
  if (L !== 'zh') return el('p', attrs, `Source: ${note}`);
  if (zh !== undefined) return el('p', attrs, `来源：${zh}`);
  const s = sourceZh(note);
  const p = el('p', { ...attrs, 'data-source': 'zh', title: note });
  p.append(document.createTextNode(`来源：${s.cited.length > 0 ? s.cited.join('；') : '情景文件中的说明'}`));
  s.literature.forEach((ref, i) => {
    p.append(document.createTextNode(i === 0 && s.cited.length === 0 ? '；文献 ' : i === 0 ? '；文献 ' : '、'));
    p.append(el('cite', { class: 'ref', lang: 'en' }, ref));
  });
  const marks = [s.verified ? '已核实 [V]' : '', s.unconfirmed ? '未核实 [U]' : ''].filter((x) => x);
  p.append(document.createTextNode(`${marks.length > 0 ? `（含${marks.join('与')}的数字）` : ''}。英文原注见悬停提示。`));
  return p;
}
