/**
 * Sources as a reader can follow them. Scenario and comparison files cite the
 * project's Chinese source documents by file number ("seed 000",
 * "seed 003_5b84dda5a66fd023.txt") and the project's compilation of real
 * figures as "calibration.md"; a reader of a report has neither file. Here
 * each source document gets its title, and the compilation is named by what
 * it compiles. "Seed" is kept for the random seed only: a document is a
 * "source document".
 */

/** The source documents (kept with the project's background material), by number. */
export const SOURCE_DOCUMENTS: readonly { id: string; file: string; title: string; about: string }[] = [
  {
    id: '000',
    file: '000_4ade54e485d7dad9.txt',
    title: '超大城市治理案例 — cases of the seven megacities (untitled collection)',
    about: "Chongqing's differentiated settlement, public rental housing, cost sharing and land tickets; Shenzhen's housing-based management (以房管人); Beijing's relief of non-capital functions and grids; Tianjin; Wuhan's grid information platform",
  },
  {
    id: '001',
    file: '001_b44d45977e44ef90.txt',
    title: '成都超大城市治理访谈 — interview on Chengdu as a new megacity',
    about: 'system, source, legal and smart governance; micro-grids (微网实格)',
  },
  {
    id: '002',
    file: '002_10636263e0de10a9.txt',
    title: '关于超大城市治理的调研报告（市委政研室课题组） — a municipal research report on megacity governance',
    about: 'party-led grassroots governance, community governance reform',
  },
  {
    id: '003',
    file: '003_5b84dda5a66fd023.txt',
    title: '城市治理创新十篇 — ten essays on urban governance innovation (2024)',
    about: "Xiaolan town's points for school entry (2001) and hukou (2007)",
  },
  {
    id: '004',
    file: '004_1fb7fa6f81cb26db.txt',
    title: '“城市治理现代化”（遴选公选考试网学习资料） — study material on modernising urban governance',
    about: 'grids, 12345 hotlines, one-stop services, emergencies',
  },
];

/** What the project's compilation of figures ("calibration.md") is, for a reader without it. */
export const COMPILATION =
  'official figures compiled for megasim from census communiqués (2000, 2010, 2020), city statistical bulletins and yearbooks, and news reprints of them (Xinhua, China Daily), each with its year';

/** A document number (000–099, as the files are numbered), optionally with the rest of its file name; a list of them. */
const DOC = String.raw`0\d{2}(?:_[0-9a-f]{16}\.txt)?`;
const CITATION = new RegExp(String.raw`\bseeds?\s+(${DOC}(?:\s*(?:,|and|&)\s*${DOC})*)\b`, 'gi');

const SHORT: Record<string, string> = Object.fromEntries(SOURCE_DOCUMENTS.map((d) => [d.id, d.title.split(' — ')[0]!]));

/** The source documents a text cites ("seed 000", "seeds 000, 001", "seed 003_….txt"), by number, in first-cited order. */
export function citedDocuments(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(CITATION)) {
    for (const id of m[1]!.match(/(?<![0-9a-f_])0\d{2}(?![0-9])/g) ?? []) if (SHORT[id] && !out.includes(id)) out.push(id);
  }
  return out;
}

/**
 * `text` with every citation of a source document written as its title
 * ("seed 000" → "source document 000 《超大城市治理案例》") and "calibration.md"
 * written as what it compiles. Unknown numbers are left as "source document NNN".
 */
export function readableSource(text: string): string {
  return text
    .replace(CITATION, (whole: string, list: string) => {
      const ids = (list.match(/(?<![0-9a-f_])0\d{2}(?![0-9])/g) ?? []);
      // Only the project's documents are rewritten; any other number after "seed" is left as written.
      if (ids.length === 0 || !ids.every((id) => SHORT[id])) return whole;
      const named = ids.map((id) => `${id} 《${SHORT[id]}》`);
      return `source document${ids.length > 1 ? 's' : ''} ${named.join(', ')}`;
    })
    .replace(/\bcalibration\.md\b/g, 'compiled official figures');
}
