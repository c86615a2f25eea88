/**
 * The shipped scenario files, embedded in the bundle as text at build time
 * (scenarios/cities/*.yaml, scenarios/policies/*.yaml and whatever they
 * `extends`), read through the same pure loader as `megasim run` with a
 * Reader over that map. Each policy scenario is filed under the city file
 * its `extends` chain ends in. Files that do not load are listed with their
 * error, never silently dropped.
 */
import { loadScenario, type Loaded, type Reader } from '../../sim/scenario/load.ts';

/** Repository-relative path → file text. */
export type EmbeddedFiles = Readonly<Record<string, string>>;

export interface ScenarioEntry {
  /** The scenario's `id:`. */
  id: string;
  /** Repository-relative file name ("scenarios/policies/chongqing-differentiated.yaml"). */
  file: string;
  title: string;
  title_zh?: string;
  question?: string;
  question_zh?: string;
  /** The city file itself (its own policies), as opposed to a policy scenario extending it. */
  isCity: boolean;
  /** The city's baseline: the scenario the shipped comparisons of this city compare against most often (their first member). */
  baseline?: true;
  loaded: Loaded;
}

export interface CityEntry {
  /** Id of the city file (or of the first scenario, for scenarios that extend no city file). */
  id: string;
  file: string;
  title: string;
  title_zh?: string;
  /** The city file first, then policy scenarios by file name. */
  scenarios: ScenarioEntry[];
}

export interface Catalog {
  cities: CityEntry[];
  /** Files that could not be loaded, with the loader's message. */
  problems: { file: string; message: string }[];
}

/** Normalises a POSIX path ("a/b/../c" → "a/c"). */
export function normalizePath(p: string): string {
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return out.join('/');
}

/** A loader Reader over the embedded files (`extends` resolved like paths on disk). */
export function embeddedReader(files: EmbeddedFiles): Reader {
  return {
    read: (name) => (Object.prototype.hasOwnProperty.call(files, name) ? { name, text: files[name]! } : null),
    resolve: (from, rel) => normalizePath(`${from.split('/').slice(0, -1).join('/')}/${rel}`),
  };
}

/** Loads one scenario file held in memory (no `extends` to follow), with the same loader as `megasim run`. */
export function loadText(name: string, text: string): Loaded {
  return loadScenario(name, {
    read: (n) => (n === name ? { name, text } : null),
    resolve: (_from, rel) => rel,
  });
}

const CITY_DIR = 'scenarios/cities/';
const POLICY_DIR = 'scenarios/policies/';

/**
 * Loads every city and policy scenario among `files` and groups them by city.
 * `baselines` lists the first members of the shipped comparisons
 * (repository-relative files, in comparison-file order, one per comparison):
 * per city, the file listed most often (the first such on a tie) is marked
 * as its baseline, the scenario a city opens with.
 */
export function buildCatalog(files: EmbeddedFiles, baselines: readonly string[] = []): Catalog {
  const reader = embeddedReader(files);
  const problems: Catalog['problems'] = [];
  const names = Object.keys(files).sort();
  const load = (file: string): Loaded | null => {
    try {
      return loadScenario(file, reader);
    } catch (e) {
      problems.push({ file, message: (e as Error).message });
      return null;
    }
  };
  const cities = new Map<string, CityEntry>();
  const entry = (file: string, l: Loaded, isCity: boolean): ScenarioEntry => ({
    id: l.scenario.id,
    file,
    title: l.scenario.title,
    title_zh: l.scenario.title_zh,
    question: l.scenario.question,
    question_zh: l.scenario.question_zh,
    isCity,
    loaded: l,
  });
  for (const file of names.filter((n) => n.startsWith(CITY_DIR))) {
    const l = load(file);
    if (!l) continue;
    cities.set(file, { id: l.scenario.id, file, title: l.scenario.title, title_zh: l.scenario.title_zh, scenarios: [entry(file, l, true)] });
  }
  for (const file of names.filter((n) => n.startsWith(POLICY_DIR))) {
    const l = load(file);
    if (!l) continue;
    // `files` is most derived first: the city is the last file of the chain in scenarios/cities/.
    const cityFile = [...l.files].reverse().find((f) => f.startsWith(CITY_DIR));
    let city = cityFile ? cities.get(cityFile) : undefined;
    if (!city) {
      // A self-contained scenario: file it under a city of the same name, or on its own.
      city = [...cities.values()].find((c) => c.scenarios[0]!.loaded.scenario.city.name === l.scenario.city.name);
      if (!city) {
        city = { id: l.scenario.id, file, title: l.scenario.city.name, scenarios: [] };
        cities.set(file, city);
      }
    }
    city.scenarios.push(entry(file, l, false));
  }
  // Ids must be unique for permalinks: a clash keeps the first file and reports the other.
  const seen = new Set<string>();
  const list = [...cities.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const c of list) {
    c.scenarios = c.scenarios.filter((s) => {
      if (seen.has(s.id)) {
        problems.push({ file: s.file, message: `id "${s.id}" is used by another shipped scenario; this file is not offered` });
        return false;
      }
      seen.add(s.id);
      return true;
    });
  }
  for (const c of list) {
    let best: ScenarioEntry | undefined;
    let bestCount = 0;
    for (const f of baselines) {
      const s = c.scenarios.find((x) => x.file === f);
      if (!s) continue;
      const n = baselines.filter((x) => x === f).length;
      if (n > bestCount) {
        best = s;
        bestCount = n;
      }
    }
    if (best) best.baseline = true;
  }
  return { cities: list.filter((c) => c.scenarios.length > 0), problems };
}

/** What the page needs to list the scenarios without loading them. */
export interface CatalogIndex {
  cities: { id: string; file: string; title: string; title_zh?: string; scenarios: Omit<ScenarioEntry, 'loaded'>[] }[];
  problems: Catalog['problems'];
}

/** The index of a catalog (plain JSON, embedded in the page by the build). */
export function catalogIndex(c: Catalog): CatalogIndex {
  return {
    cities: c.cities.map((city) => ({
      id: city.id,
      file: city.file,
      title: city.title,
      ...(city.title_zh !== undefined ? { title_zh: city.title_zh } : {}),
      scenarios: city.scenarios.map(({ loaded: _l, ...rest }) => JSON.parse(JSON.stringify(rest)) as Omit<ScenarioEntry, 'loaded'>),
    })),
    problems: c.problems,
  };
}

/** A catalog from its index whose scenarios are loaded from `files` on first use. */
export function lazyCatalog(index: CatalogIndex, files: EmbeddedFiles): Catalog {
  const reader = embeddedReader(files);
  const entry = (s: Omit<ScenarioEntry, 'loaded'>): ScenarioEntry => {
    let loaded: Loaded | undefined;
    return Object.defineProperty({ ...s } as ScenarioEntry, 'loaded', {
      get: () => (loaded ??= loadScenario(s.file, reader)),
      enumerable: false,
    });
  };
  return {
    cities: index.cities.map((c) => ({ ...c, scenarios: c.scenarios.map(entry) })),
    problems: index.problems,
  };
}
