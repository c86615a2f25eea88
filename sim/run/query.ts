/**
 * `megasim query DIR... "SQL"`: DuckDB SQL over the Parquet files of one
 * folder or many (sim/run/parquet.ts writes them). Each kind of file becomes
 * one view over every such file found in the folders (and the folders inside
 * them: a comparison's member runs, a folder of runs):
 *
 *   indicators   indicators.parquet  run folders and the member runs of comparisons
 *   comparison   comparison.parquet  statistics across seeds per scenario, month, indicator, zone
 *   differences  differences.parquet paired differences against the baseline scenario
 *   results      results.parquet     sweep folders, shards too (one row per run, month, indicator, zone)
 *   summary      summary.parquet     complete sweep folders: statistics across seeds per point
 *
 * The views read the files with union_by_name, so the shards of a sweep
 * read together give the rows of the merged sweep.
 *
 * The SQL runs in a sandbox: after the views are made, DuckDB may touch no
 * file but the inputs and the temporary output file (enable_external_access
 * off, allowed_paths, configuration locked), so a query cannot read other
 * files, write anywhere or overwrite an input. The result is printed as a
 * table (the first `maxRows` rows), or written with `--csv FILE` (numbers in
 * the outputs' fixed format, text cells guarded like every CSV megasim
 * writes) or `--parquet FILE`, each through a temporary file renamed into
 * place when the query has finished. Bad input (a missing folder, a folder
 * without Parquet files, an SQL error, an output file that exists without
 * `--force`) is an InputError (exit 2), found before anything is written.
 */
import { closeSync, existsSync, openSync, readdirSync, realpathSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from '../scenario/errors.ts';
import { OutputExistsError } from './files.ts';
import { csvField } from './csv.ts';
import { formatNumber } from '../engine/format.ts';
import { sqlName, sqlString } from './parquet.ts';

/** The views a query sees, from the file names megasim writes. */
export const QUERY_VIEWS = [
  { view: 'indicators', file: 'indicators.parquet', what: 'every recorded value of every replication (run folders, and the member runs of comparisons)' },
  { view: 'comparison', file: 'comparison.parquet', what: 'statistics across seeds per scenario, month, indicator and zone (comparison folders)' },
  { view: 'differences', file: 'differences.parquet', what: 'paired differences against the baseline scenario, with 95% intervals (comparison folders)' },
  { view: 'results', file: 'results.parquet', what: "one row per sweep run, month, indicator and zone (sweep folders, a shard's too)" },
  { view: 'summary', file: 'summary.parquet', what: 'statistics across seeds per design point (complete sweep folders)' },
] as const;

/** Folders are searched this deep for Parquet files (a comparison's member runs are 3 levels down). */
const DEPTH_MAX = 6;

/** The Parquet files of the folders, by view (files in path order, each once). Throws InputError naming the folder. */
export function queryFiles(dirs: readonly string[]): Map<string, string[]> {
  const byView = new Map<string, string[]>();
  const seen = new Set<string>();
  const names = new Map<string, string>(QUERY_VIEWS.map((v) => [v.file, v.view]));
  for (const d of dirs) {
    if (!existsSync(d)) throw new InputError(`${d}: no such folder`);
    if (!statSync(d).isDirectory()) throw new InputError(`${d}: expected a folder written by megasim run, compare or sweep, found a file`);
    let found = 0;
    const walk = (dir: string, depth: number) => {
      for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
        if (e.name.startsWith('.')) continue; // temporary and staging files
        const p = join(dir, e.name);
        if (e.isDirectory()) {
          if (depth < DEPTH_MAX) walk(p, depth + 1);
          continue;
        }
        const view = names.get(e.name);
        if (!view || !e.isFile()) continue;
        found++;
        const real = realpathSync(p);
        if (seen.has(real)) continue;
        seen.add(real);
        byView.set(view, [...(byView.get(view) ?? []), real]);
      }
    };
    walk(resolve(d), 0);
    if (found === 0) {
      throw new InputError(
        `${d}: no Parquet files (${QUERY_VIEWS.map((v) => v.file).join(', ')}) in this folder or the folders inside it; query a folder written by megasim run, compare or sweep (a sweep folder gets results.parquet when its command ends: run megasim sweep --resume on an interrupted one)`,
      );
    }
  }
  return new Map(QUERY_VIEWS.filter((v) => byView.has(v.view)).map((v) => [v.view, byView.get(v.view)!]));
}

export interface QueryOptions {
  /** Rows printed (the rest are counted). */
  maxRows?: number;
  csv?: string;
  parquet?: string;
  force?: boolean;
}

export interface QueryResult {
  columns: string[];
  types: string[];
  /** The first `maxRows` rows, as printable text (numbers in the outputs' format, NULL as null). */
  rows: (string | null)[][];
  /** Every row of the result. */
  total: number;
  views: Map<string, string[]>;
  written: string[];
}

/** Checks an output file before anything runs: its folder exists, it is not a folder, not an input, and not there already without --force. */
function checkOutputFile(flag: string, file: string, force: boolean, inputs: Set<string>): string {
  const p = resolve(file);
  if (!existsSync(dirname(p)) || !statSync(dirname(p)).isDirectory()) throw new InputError(`${flag} ${file}: no such folder ${dirname(p)}`);
  if (existsSync(p)) {
    if (statSync(p).isDirectory()) throw new OutputExistsError(`${flag} ${file}: is a folder; name a file`);
    if (inputs.has(realpathSync(p))) throw new OutputExistsError(`${flag} ${file}: is one of the Parquet files the query reads; write the result elsewhere`);
    if (!force) throw new OutputExistsError(`${flag} ${file} already exists; add --force to overwrite it or choose another file`);
  }
  return p;
}

let tmpCounter = 0;
const tmpName = (p: string) => join(dirname(p), `.${basename(p)}.${process.pid}.${tmpCounter++}.tmp`);

/** A DuckDB value as text: doubles in the outputs' fixed format, dates as YYYY-MM-DD, NULL as null. */
export function cellText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return formatNumber(v);
  return String(v);
}

const NUMBER_TEXT = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;

/** A DuckDB value as a CSV cell: numbers, booleans and dates as they are, text (and anything else) through csvField; NULL empty. */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  const s = String(v);
  return typeof v !== 'string' && NUMBER_TEXT.test(s) ? s : csvField(s);
}

/** Runs `sql` over the folders' Parquet files (see the file comment). */
export async function runQuery(dirs: readonly string[], sql: string, o: QueryOptions = {}): Promise<QueryResult> {
  if (dirs.length === 0) throw new InputError('megasim query needs at least one folder before the SQL');
  if (sql.trim() === '') throw new InputError('megasim query needs an SQL query after the folders, e.g. "SELECT * FROM indicators LIMIT 5"');
  const views = queryFiles(dirs);
  const inputs = new Set([...views.values()].flat());
  const force = o.force === true;
  const csvOut = o.csv !== undefined ? checkOutputFile('--csv', o.csv, force, inputs) : null;
  const pqOut = o.parquet !== undefined ? checkOutputFile('--parquet', o.parquet, force, inputs) : null;
  if (csvOut !== null && csvOut === pqOut) throw new InputError(`--csv and --parquet name the same file ${o.csv}`);
  const csvTmp = csvOut ? tmpName(csvOut) : null;
  const pqTmp = pqOut ? tmpName(pqOut) : null;
  const maxRows = o.maxRows ?? 100;

  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const c = await instance.connect();
  const out = await instance.connect();
  let fd: number | null = null;
  try {
    for (const [view, files] of views) {
      await c.run(`CREATE VIEW ${sqlName(view)} AS SELECT * FROM read_parquet([${files.map(sqlString).join(', ')}], union_by_name = true)`);
    }
    // The sandbox: from here on DuckDB touches the input files and the temporary Parquet output only.
    const allowed = [...inputs, ...(pqTmp ? [pqTmp] : [])];
    await c.run(`SET allowed_paths = [${allowed.map(sqlString).join(', ')}]`);
    await c.run(`SET enable_external_access = false`);
    await c.run(`SET autoinstall_known_extensions = false`);
    await c.run(`SET lock_configuration = true`);
    let result;
    try {
      result = await c.stream(sql);
    } catch (e) {
      throw new InputError(`the SQL failed: ${(e as Error).message.trim()}\n(views: ${[...views].map(([v, f]) => `${v} (${f.length} file${f.length === 1 ? '' : 's'})`).join(', ')}; "SHOW TABLES" and "DESCRIBE <view>" list them and their columns)`);
    }
    const columns = result.columnNames();
    const types = result.columnTypes().map((t) => t.toString());
    if (csvTmp) {
      fd = openSync(csvTmp, 'wx');
      writeSync(fd, columns.map(csvField).join(',') + '\n');
    }
    let appender = null;
    if (pqTmp) {
      const names = result.deduplicatedColumnNames();
      await out.run(`CREATE TABLE __result (${names.map((n, i) => `${sqlName(n)} ${types[i]}`).join(', ')})`);
      appender = await out.createAppender('__result');
    }
    const rows: (string | null)[][] = [];
    let total = 0;
    for (;;) {
      let chunk;
      try {
        chunk = await result.fetchChunk();
      } catch (e) {
        throw new InputError(`the SQL failed: ${(e as Error).message.trim()}`);
      }
      if (!chunk || chunk.rowCount === 0) break;
      if (appender) appender.appendDataChunk(chunk);
      const need = fd !== null || rows.length < maxRows;
      if (need) {
        const lines: string[] = [];
        for (const r of chunk.getRows()) {
          if (rows.length < maxRows) rows.push(r.map(cellText));
          if (fd !== null) lines.push(r.map(csvCell).join(','));
        }
        if (fd !== null && lines.length > 0) writeSync(fd, lines.join('\n') + '\n');
      }
      total += chunk.rowCount;
    }
    const written: string[] = [];
    if (fd !== null) {
      closeSync(fd);
      fd = null;
      renameSync(csvTmp!, csvOut!);
      written.push(csvOut!);
    }
    if (appender) {
      appender.closeSync();
      await out.run(`COPY __result TO ${sqlString(pqTmp!)} (FORMAT parquet, COMPRESSION zstd, USE_TMP_FILE false)`);
      renameSync(pqTmp!, pqOut!);
      written.push(pqOut!);
    }
    return { columns, types, rows, total, views, written };
  } finally {
    if (fd !== null) closeSync(fd);
    for (const t of [csvTmp, pqTmp]) if (t) rmSync(t, { force: true });
    out.closeSync();
    c.closeSync();
    instance.closeSync();
  }
}

/** A whole number with thousands separators (no locale: the same text everywhere). */
export const thousands = (x: number): string => String(x).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** Control characters shown as "?" (a terminal is not an input file's playground). */
const printable = (s: string) => s.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');

/** The result as an aligned text table (numbers right-aligned), with a line saying how many rows. */
export function formatTable(r: Pick<QueryResult, 'columns' | 'types' | 'rows' | 'total'>): string {
  const numeric = r.types.map((t) => /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL)/.test(t));
  const cells = r.rows.map((row) => row.map((x) => printable(x ?? 'NULL')));
  const head = r.columns.map(printable);
  const width = head.map((h, j) => Math.max(h.length, ...cells.map((row) => row[j]!.length)));
  const pad = (s: string, j: number) => (numeric[j] ? s.padStart(width[j]!) : s.padEnd(width[j]!));
  const line = (row: string[]) => row.map(pad).join('  ').trimEnd();
  const out = [line(head), width.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)];
  const n = thousands;
  out.push(r.total > r.rows.length ? `(${n(r.rows.length)} of ${n(r.total)} rows shown: --max-rows N shows more, --csv FILE or --parquet FILE writes them all)` : `(${n(r.total)} row${r.total === 1 ? '' : 's'})`);
  return out.join('\n');
}
