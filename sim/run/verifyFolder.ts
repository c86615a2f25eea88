/**
 * `megasim verify DIR` for any folder megasim writes: a run folder
 * (sim/run/verify.ts), a comparison folder or a sweep folder.
 *
 * Comparison: the top-level manifest is checked like a run's (version,
 * every recorded file's SHA-256, the digest of the outputs), each member
 * folder is verified as a run (repeated), the members agree with the
 * top-level manifest (scenario, seed, sample, months, digest), and
 * comparison.csv and differences.csv are rebuilt from the repeated members.
 *
 * Sweep: sweep.json is rebuilt from its own sweep definition and resolved
 * scenario (so an edited sweep.json is found), every run file matches its
 * digest in runs/digests.sha256 and is repeated; a complete folder's
 * results.csv, summary.csv, their .parquet and charts are rebuilt and
 * compared (a partial folder's results.parquet when present).
 *
 * Each failure names the member or file.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadResolved } from '../scenario/load.ts';
import { sha256 } from '../engine/digest.ts';
import { ENGINE_VERSION } from '../version.ts';
import { ScenarioError } from '../scenario/errors.ts';
import { checkRecordedFiles, readJsonObject, safeRel, verifyRun, VerifyInputError, type Renderers, type VerifyResult } from './verify.ts';
import { checkRunMemory } from './memory.ts';
import type { Rows } from './rows.ts';

export type FolderKind = 'run' | 'comparison' | 'sweep';

/** Which kind of megasim folder `dir` is (throws VerifyInputError when it is none). */
export function folderKind(dir: string): FolderKind {
  if (!existsSync(dir)) throw new VerifyInputError(`${dir}: no such folder`);
  if (!statSync(dir).isDirectory()) throw new VerifyInputError(`${dir}: expected a folder written by megasim, found a file`);
  if (existsSync(join(dir, 'manifest.json'))) {
    const m = readJsonObject(join(dir, 'manifest.json'), 'manifest.json');
    return Array.isArray(m.members) || Array.isArray(m.scenarios) ? 'comparison' : 'run';
  }
  if (existsSync(join(dir, 'sweep.json'))) return 'sweep';
  throw new VerifyInputError(`${join(dir, 'manifest.json')}: no manifest.json (not a finished run folder) and no sweep.json (not a sweep folder)`);
}

/** Verifies a run, comparison or sweep folder. */
export async function verifyFolder(dir: string, render: Renderers = {}): Promise<VerifyResult & { kind: FolderKind }> {
  const kind = folderKind(dir);
  if (kind === 'run') return { ...(await verifyRun(dir, { render })), kind };
  if (kind === 'comparison') return { ...(await verifyComparison(dir)), kind };
  return { ...(await verifySweep(dir, render)), kind };
}

function summary(problems: string[], ok: string): VerifyResult {
  if (problems.length === 0) return { ok: true, message: ok, problems };
  return { ok: false, message: `${problems.length === 1 ? '1 problem' : `${problems.length} problems`}:\n  ${problems.join('\n  ')}`, problems };
}

// ---- comparisons -------------------------------------------------------------------------

export async function verifyComparison(dir: string): Promise<VerifyResult> {
  const mf = join(dir, 'manifest.json');
  const m = readJsonObject(mf, 'manifest.json');
  const need = (k: string, ok: boolean) => {
    if (!ok) throw new VerifyInputError(`${mf}: the comparison manifest has no valid "${k}"`);
  };
  need('members', Array.isArray(m.members));
  need('scenarios', Array.isArray(m.scenarios));
  need('outputs', typeof m.outputs === 'object' && m.outputs !== null && !Array.isArray(m.outputs) && Object.values(m.outputs).every((d) => typeof d === 'string'));
  need('digest', typeof m.digest === 'string');
  need('start', typeof m.start === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(m.start));
  if (m.megasim_version !== ENGINE_VERSION) {
    return { ok: false, message: `the folder was written by megasim ${JSON.stringify(m.megasim_version)}; this is megasim ${ENGINE_VERSION}: check out that version to verify it`, problems: [] };
  }
  const outputs = m.outputs as Record<string, string>;
  const members = m.members as { scenario?: unknown; seed?: unknown; dir?: unknown; digest?: unknown }[];
  const scenarios = m.scenarios as { id?: unknown; sha256?: unknown }[];
  const problems: string[] = [];
  const { outputsDigest } = await import('./compare.ts');
  if (outputsDigest(outputs) !== m.digest) problems.push(`edited manifest: its digest is not the digest of its outputs`);
  problems.push(...checkRecordedFiles(dir, outputs));
  for (const f of ['comparison.csv', 'differences.csv', 'report.html']) if (!(f in outputs)) problems.push(`edited manifest: the outputs do not record ${f}`);
  if (problems.length > 0) return summary(problems, '');
  // Members: each a run folder, repeated.
  const records: { id: string; zoneIds: string[]; replications: Rows[] }[] = [];
  for (const mem of members) {
    const rel = typeof mem.dir === 'string' ? mem.dir : '';
    if (!safeRel(rel)) {
      problems.push(`edited manifest: member ${JSON.stringify(mem.dir)} is not a folder inside the comparison`);
      continue;
    }
    let r: VerifyResult;
    try {
      r = await verifyRun(join(dir, ...rel.split('/')), { charts: false });
    } catch (e) {
      if (e instanceof VerifyInputError || e instanceof ScenarioError) {
        problems.push(`${rel}: ${e.message.split('\n')[0]}`);
        continue;
      }
      throw e;
    }
    if (!r.ok) {
      problems.push(`${rel}: ${r.message.split('\n').join(' ')}`);
      continue;
    }
    const mm = readJsonObject(join(dir, ...rel.split('/'), 'manifest.json'), 'manifest.json') as { digest?: unknown; seed?: unknown; sample?: unknown; months?: unknown; scenario?: { id?: unknown; sha256?: unknown } };
    if (mm.digest !== mem.digest) problems.push(`${rel}: its digest is not the one the comparison's manifest records`);
    if (mm.seed !== mem.seed || mm.sample !== m.sample || mm.months !== m.months) problems.push(`${rel}: its seed, sample or months are not the comparison's`);
    const top = scenarios.find((s) => s.id === mem.scenario);
    if (!top || mm.scenario?.id !== mem.scenario || mm.scenario?.sha256 !== top.sha256) problems.push(`${rel}: its scenario is not the comparison's ${JSON.stringify(mem.scenario)}`);
    let rec = records.find((x) => x.id === mem.scenario);
    if (!rec) {
      const resolved = (m.scenarios as { id?: unknown; resolved?: unknown }[]).find((s) => s.id === mem.scenario)?.resolved;
      const zoneIds = resolved && typeof resolved === 'object' ? loadResolved(`${mf}#scenarios`, resolved as Record<string, unknown>).scenario.city.zones.map((z) => z.id) : [];
      rec = { id: String(mem.scenario), zoneIds, replications: [] };
      records.push(rec);
    }
    rec.replications.push(r.rerun!.results[0]!.rows);
  }
  if (problems.length > 0) return summary(problems, '');
  // The statistics, rebuilt from the repeated members in the manifest's order.
  const { comparisonCsv, differences, differencesCsv, statRows } = await import('./stats.ts');
  const order = scenarios.map((s) => records.find((r) => r.id === s.id)).filter((r): r is NonNullable<typeof r> => r !== undefined);
  const cmp = comparisonCsv(statRows(order));
  const diff = differencesCsv(differences(order, m.months as number));
  if (sha256(cmp) !== outputs['comparison.csv']) problems.push('comparison.csv: the repeated members give different statistics');
  if (sha256(diff) !== outputs['differences.csv']) problems.push('differences.csv: the repeated members give different differences');
  // Their Parquet files (when recorded), rebuilt from the CSV files once these are known to be the repeated ones.
  if (problems.length === 0) {
    const { comparisonTable, differencesTable, parquetOf } = await import('./parquet.ts');
    const start = String(m.start);
    for (const [rel, table] of [
      ['comparison.parquet', comparisonTable(join(dir, 'comparison.csv'), start)],
      ['differences.parquet', differencesTable(join(dir, 'differences.csv'), start)],
    ] as const) {
      if (rel in outputs && sha256(await parquetOf(table)) !== outputs[rel]) problems.push(`${rel}: the repeated members give different Parquet bytes (another DuckDB version?)`);
      if (!(rel in outputs) && existsSync(join(dir, rel))) problems.push(`${rel} is in the folder but not recorded in the manifest`);
    }
  }
  return summary(problems, `verified: comparison digest ${String(m.digest)} (${members.length} member runs repeated; ${Object.keys(outputs).length} files)`);
}

// ---- sweeps ------------------------------------------------------------------------------

export async function verifySweep(dir: string, render: Renderers = {}): Promise<VerifyResult> {
  const sweep = await import('./sweep.ts');
  const f = join(dir, 'sweep.json');
  readJsonObject(f, 'sweep.json'); // size, depth, object
  let record: ReturnType<typeof sweep.readSweepRecord>;
  try {
    record = sweep.readSweepRecord(dir);
  } catch (e) {
    if (e instanceof sweep.SweepInputError) throw new VerifyInputError(e.message);
    throw e;
  }
  const rec = record.record;
  if (rec.megasim_version !== ENGINE_VERSION) {
    return { ok: false, message: `the folder was written by megasim ${JSON.stringify(rec.megasim_version)}; this is megasim ${ENGINE_VERSION}: check out that version to verify it`, problems: [] };
  }
  const problems: string[] = [];
  // Rebuild the sweep from its own definition: sweep.json must be exactly what that sweep writes.
  const { SweepSchema } = await import('../scenario/sweepFile.ts');
  const parsed = SweepSchema.safeParse(rec.sweep);
  if (!parsed.success) throw new VerifyInputError(`${f}: "sweep" is not a valid sweep definition (${parsed.error.issues[0]?.message ?? ''})`);
  if (typeof rec.scenario?.resolved !== 'object' || rec.scenario.resolved === null) throw new VerifyInputError(`${f}: "scenario.resolved" must be the resolved base scenario`);
  const base = loadResolved(`${f}#scenario.resolved`, rec.scenario.resolved);
  let sw: ReturnType<typeof sweep.buildSweep>;
  try {
    sw = sweep.buildSweep(f, parsed.data, base);
  } catch (e) {
    if (e instanceof sweep.SweepInputError) throw new VerifyInputError(e.message);
    throw e;
  }
  if (sweep.sweepJson(sw) !== record.text) problems.push('edited sweep.json: it is not what its own sweep definition and scenario give (hash, points, seeds or settings changed)');
  const { finished, damaged } = sweep.runFiles(dir);
  for (const d of damaged) problems.push(`${d} does not match its digest in runs/${sweep.DIGESTS_FILE} (emptied, edited or cut short)`);
  if (problems.length > 0) return summary(problems, '');
  // Repeat every run held, each point's memory estimated first.
  const steps = sw.def.parameters.map((p) => sweep.resolveParameterPath(p.path, sw.base.resolved).steps);
  const { runTask } = await import('./worker.ts');
  for (const [run, path] of [...finished].sort((a, b) => a[0] - b[0])) {
    if (run >= sw.totalRuns) {
      problems.push(`runs/${sweep.runFileName(run, sw.totalRuns)}: a run beyond the sweep's ${sw.totalRuns}`);
      continue;
    }
    const ref = sweep.runRef(sw, run);
    const scenario = sweep.pointScenario(sw.base, steps, sw.points[ref.point]!, `point ${ref.point}`);
    const mem = checkRunMemory(scenario.city, { sample: sw.sample, months: sw.months, replications: 1, policies: scenario.policies });
    if (!mem.fits) throw new VerifyInputError(`${f}: point ${ref.point}: ${mem.message}`);
    const payload = runTask({ scenario, seed: ref.seed, replication: 0, sample: sw.sample, months: sw.months, pyramid: false });
    if (sweep.runCsv(sw, ref, payload.rows) !== readFileSync(path, 'utf8')) problems.push(`runs/${sweep.runFileName(run, sw.totalRuns)}: the repeated run (point ${ref.point}, seed ${ref.seed}) gives different values`);
  }
  const complete = finished.size === sw.totalRuns;
  const present = (n: string) => existsSync(join(dir, n));
  if (complete) {
    const parts = [rec.header + '\n'];
    for (let r = 0; r < rec.runs; r++) parts.push(readFileSync(finished.get(r)!, 'utf8'));
    const results = parts.join('');
    const { summarizeSweep, summaryCsv } = await import('./sweepSummary.ts');
    const sum = summarizeSweep(rec, results);
    const same = (rel: string, text: string) => {
      const p = join(dir, ...rel.split('/'));
      if (!existsSync(p) || !statSync(p).isFile()) problems.push(`${rel} is missing`);
      else if (readFileSync(p, 'utf8') !== text) problems.push(`${rel}: not what the run files give (edited?)`);
    };
    same('results.csv', results);
    same('summary.csv', summaryCsv(rec, sum));
    if (render.sweepCharts) {
      const charts = render.sweepCharts(rec, sum);
      for (const [name, text] of charts) same(`charts/${name}`, text);
      const cd = join(dir, 'charts');
      if (existsSync(cd)) for (const n of readdirSync(cd).sort()) if (n.endsWith('.svg') && !charts.has(n)) problems.push(`charts/${n}: not a chart of this sweep`);
    }
    if (render.sweepReport && present('report.html')) same('report.html', render.sweepReport(rec, sum));
  } else {
    for (const n of ['results.csv', 'summary.csv', 'summary.parquet']) if (present(n)) problems.push(`${n} is present although the folder holds only ${finished.size} of the sweep's ${sw.totalRuns} runs`);
  }
  // The Parquet files, rebuilt from the run files and summary.csv once these are known to be right. A partial folder
  // whose last command was killed holds no results.parquet (it is written when the command ends): that is not a problem.
  if (problems.length === 0) {
    const { parquetOf, resultsTable, sweepSummaryTable } = await import('./parquet.ts');
    const files = [...finished].sort((a, b) => a[0] - b[0]).map(([, p]) => p);
    const tables: [string, Parameters<typeof parquetOf>[0]][] = [['results.parquet', resultsTable(rec, files)]];
    if (complete) tables.push(['summary.parquet', sweepSummaryTable(rec, join(dir, 'summary.csv'))]);
    for (const [rel, table] of tables) {
      const p = join(dir, rel);
      if (!existsSync(p) || !statSync(p).isFile()) {
        if (complete) problems.push(`${rel} is missing`);
      } else if (sha256(readFileSync(p)) !== sha256(await parquetOf(table))) problems.push(`${rel}: not what the run files give (edited, or written by another DuckDB version?)`);
    }
  }
  return summary(
    problems,
    complete
      ? `verified: sweep ${rec.id} (hash ${rec.hash.slice(0, 12)}), all ${sw.totalRuns} runs repeated; results.csv, summary.csv, their .parquet and charts rebuilt`
      : `verified: sweep ${rec.id} (hash ${rec.hash.slice(0, 12)}), ${finished.size} of ${sw.totalRuns} runs (a shard or a partial sweep) repeated`,
  );
}
