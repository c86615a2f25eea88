/**
 * The sources a scenario file cites, in 中文. A scenario's `source:` notes are
 * English prose with figures ("2010 census: residents 28,846,170 … [V]"); in
 * Chinese the explorer does not translate the prose but names what it cites:
 *
 * - the project's source documents ("seed 000") by their Chinese titles
 *   (SOURCE_DOCUMENTS of viz/publish/sources.ts, the same titles the report uses);
 * - Chinese documents the note already names in Chinese (居住证暂行条例,
 *   国发〔2014〕25号, 上海市居住证积分管理办法 …) as they are written;
 * - the statistical sources and publications the notes name in English
 *   (censuses, the 2013 1% survey, statistical bulletins, China Daily, Xinhua,
 *   the DRC, the migrant-worker survey, the ACWF report, the compiled official
 *   figures) by their Chinese names, from the catalogue below;
 * - megasim's own defaults, placeholders and derivations as such;
 * - English-language literature (Harris & Todaro, AER 1970) as a proper name,
 *   kept as written: the explorer draws it in `<cite class="ref" lang="en">`;
 * - and which of [V] (verified) and [U] (unconfirmed) figures the note holds.
 *
 * The whole English note stays available as the line's tooltip.
 */
import { SOURCE_DOCUMENTS, citedDocuments } from './publish/sources.ts';

/** Publications and sources named in English in the scenario notes, with their Chinese names. */
export const SOURCE_CATALOGUE: readonly { pattern: RegExp; zh: string }[] = [
  { pattern: /\b2000 census\b/i, zh: '第五次全国人口普查（2000）' },
  { pattern: /\b2010 census\b|\bcensus 2010\b|\bcensuses\b/i, zh: '第六次全国人口普查（2010）' },
  { pattern: /\b2020 census\b|\(2020 census/i, zh: '第七次全国人口普查（2020）' },
  { pattern: /\b1% (?:survey|sample survey)|2013 1%/i, zh: '2013 年 1% 人口抽样调查' },
  { pattern: /\bstatistical bulletin\b/i, zh: '统计公报' },
  { pattern: /\bChina Daily\b/, zh: '《中国日报》' },
  { pattern: /\bXinhua\b/, zh: '新华社' },
  { pattern: /\bDRC\b/, zh: '国务院发展研究中心测算（2013）' },
  { pattern: /\bnational survey\b/i, zh: '全国农民工监测调查' },
  { pattern: /\bACWF\b/, zh: '全国妇联《全国农村留守儿童、城乡流动儿童状况研究报告》（2013）' },
  { pattern: /\blife table\b/i, zh: '中国 2010 年生命表' },
  { pattern: /\bGompertz\b/, zh: 'Gompertz 死亡率曲线拟合（megasim 推算）' },
  { pattern: /\b2013 residents\b|\bin 2013 \[V\]/, zh: '2013 年常住人口统计' },
  { pattern: /\bmigrant children in public schools\b/i, zh: '全国农民工监测调查报告（2017）' },
  { pattern: /\b12345 hotline\b/i, zh: '北京 12345 市民服务热线数据' },
  { pattern: /\bLPR\b/, zh: '贷款市场报价利率（LPR）' },
  { pattern: /\bcalibration\.md\b|\bunattributed compilation\b/i, zh: '项目汇编的官方数据（人口普查公报、统计公报与年鉴）' },
  { pattern: /\bderived\b|\bsolved from\b|\bfitted on\b|\bcalibrated on\b/i, zh: 'megasim 推算' },
  { pattern: /\bplaceholder\b/i, zh: 'megasim 占位值' },
  { pattern: /\bmegasim (?:behavioural )?defaults?\b|\bpolicy variant\b/i, zh: 'megasim 默认值或政策变体' },
];

/** English-language literature: "Harris & Todaro, AER 1970", "Lichter, Peichl & Siegloch, EER 2015", "Zhao 1999", "Tversky & Kahneman 1992". */
const LITERATURE = /\b(?:[A-Z][a-z]+, )*[A-Z][a-z]+(?: (?:&|and) [A-Z][a-z]+| et al\.)?,? (?:[A-Z]{2,5} )?(?:19|20)\d{2}\b/g;
/** Words that look like an author but are not ("Shenzhen 2015", "January 2015"). */
const NOT_AUTHORS = /^(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Beijing|Shanghai|Shenzhen|Chongqing|Guangzhou|Tianjin|Chengdu|Wuhan|Daily|TFR|Measures)$/;

/** A Chinese document title named inside a note: a run of CJK (with 〔〕 numbers) naming a law, rule or measure. */
const CHINESE_TITLE = /[\u4e00-\u9fff][\u4e00-\u9fff（）()\d、·“”]*(?:条例|办法|意见|通知|规定|目录|规划|决定|〔\d{4}〕\d+号|制入户|落户|入户|入学)(?:\s*\(\d{4}\)|（\d{4}）|\s\d{4})?/g;

/** What a scenario note cites, for its line in 中文. */
export interface SourceZh {
  /** Chinese names of the documents and sources it cites, in first-cited order. */
  cited: string[];
  /** English-language literature, kept as written (proper names). */
  literature: string[];
  /** Which confidence marks the note holds. */
  verified: boolean;
  unconfirmed: boolean;
}

/** The documents, sources and literature `note` cites, named in Chinese where they have a Chinese name. */
export function sourceZh(note: string): SourceZh {
  const found: { at: number; zh: string }[] = [];
  const add = (at: number, zh: string) => {
    if (!found.some((f) => f.zh === zh)) found.push({ at, zh });
  };
  for (const id of citedDocuments(note)) {
    const doc = SOURCE_DOCUMENTS.find((d) => d.id === id)!;
    add(note.search(new RegExp(`\\b${id}\\b`)), `《${doc.title.split(' — ')[0]!.replace(/[“”]/g, '')}》`);
  }
  for (const m of note.matchAll(CHINESE_TITLE)) add(m.index!, m[0].includes('〔') ? m[0].trim() : `《${m[0].trim()}》`);
  for (const c of SOURCE_CATALOGUE) {
    const m = c.pattern.exec(note);
    if (m) add(m.index, c.zh);
  }
  found.sort((a, b) => a.at - b.at);
  const literature: string[] = [];
  for (const m of note.matchAll(LITERATURE)) {
    const first = m[0].split(/[ ,]/)[0]!;
    if (NOT_AUTHORS.test(first) || literature.includes(m[0])) continue;
    literature.push(m[0]);
  }
  return { cited: found.map((f) => f.zh), literature, verified: /\[V\b/.test(note), unconfirmed: /\[U\b/.test(note) };
}
