/**
 * Parquet beside the CSV: every run, comparison and sweep folder also holds
 * its tables as Parquet files, written by DuckDB (@duckdb/node-api) from the
 * CSV files just written, so the two hold the same rows, in the same order,
 * with the same numbers (the CSV's fixed 9-significant-digit format read back
 * as doubles). Long form, plus what the CSV leaves to the reader:
 *
 * - `date` (DATE, the first day of the month) beside every month column: the
 *   scenario's start month + month (`from_date`/`to_date` beside
 *   `from_month`/`to_month` in differences);
 * - `unit`, the last column: the indicator's unit from its declaration
 *   (sim/model/observe/indicators.ts);
 * - typed columns (INTEGER, DOUBLE, BOOLEAN; sweep parameters DOUBLE when
 *   every value is a number, BOOLEAN when every value is true/false, else
 *   VARCHAR).
 *
 * Files: indicators.parquet (run folders, and each member folder of a
 * comparison; with a `seed` column: replication r of seed S draws from the
 * streams "S/r/…"), comparison.parquet and differences.parquet (comparison
 * folders), results.parquet (every sweep folder, shards too: the rows of the
 * runs the folder holds) and summary.parquet (a sweep folder that holds every
 * run). docs/ARCHITECTURE.md lists the columns.
 *
 * The bytes are deterministic: one thread, rows in the CSV's order (ORDER BY
 * the row's position), zstd compression; the file's `created_by` names the
 * DuckDB version (pinned in package.json), so the same rows give the same
 * bytes and `megasim verify` compares Parquet files by their SHA-256 like
 * every other output. Another DuckDB version may write other bytes.
 *
 * DuckDB is loaded on first use, so commands that write no Parquet do not
 * load it.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INDICATORS } from '../model/observe/indicators.ts';
import { sha256 } from '../engine/digest.ts';
import { writeAtomic } from './files.ts';
import type { SweepRecord } from './sweepRecord.ts';

type DuckDBConnection = import('@duckdb/node-api').DuckDBConnection;
type DuckDBInstance = import('@duckdb/node-api').DuckDBInstance;

/** An in-memory DuckDB on one thread (deterministic order, light on a shared machine). */
export interface Duck {
  instance: DuckDBInstance;
  connection: DuckDBConnection;
  close(): void;
}

export async function openDuck(): Promise<Duck> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const connection = await instance.connect();
  return {
    instance,
    connection,
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** A SQL string literal. */
export const sqlString = (s: string): string => `'${s.replace(/'/g, "''")}'`;
/** A SQL quoted identifier. */
export const sqlName = (s: string): string => `"${s.replace(/"/g, '""')}"`;

/** A CSV table to convert: its files (read in this order), whether they start with a header, its columns (name, DuckDB type) in file order, and the output columns as SQL over `r` (the rows) and `u` (the indicator's unit). */
export interface CsvTable {
  files: readonly string[];
  header: boolean;
  columns: readonly (readonly [string, string])[];
  select: readonly string[];
}

/** `DATE 'YYYY-MM-01' + month months`, named `as`. */
export function monthDate(start: string, month: string, as: string): string {
  if (!/^\d{4}-\d\d$/.test(start)) throw new Error(`a start month as YYYY-MM, found ${JSON.stringify(start)}`);
  return `CAST(DATE '${start}-01' + to_months(r.${sqlName(month)}) AS DATE) AS ${sqlName(as)}`;
}
const col = (name: string) => `r.${sqlName(name)}`;
const UNIT = 'u.unit AS unit';

let shared: Promise<DuckDBInstance> | null = null;

/** The process's DuckDB for writing Parquet (in memory, one thread), made on first use; each conversion has its own connection and temporary tables. */
function writer(): Promise<DuckDBInstance> {
  shared ??= import('@duckdb/node-api').then(({ DuckDBInstance }) => DuckDBInstance.create(':memory:', { threads: '1' }));
  return shared;
}

/** The Parquet bytes of a CSV table (see the file comment). */
export async function parquetOf(t: CsvTable): Promise<Uint8Array> {
  const c = await (await writer()).connect();
  const tmp = mkdtempSync(join(tmpdir(), 'megasim-parquet-'));
  try {
    await c.run(`CREATE TEMP TABLE units (indicator VARCHAR, unit VARCHAR)`);
    await c.run(`INSERT INTO units VALUES ${INDICATORS.map((d) => `(${sqlString(d.name)}, ${sqlString(d.unit)})`).join(', ')}`);
    await c.run(`CREATE TEMP TABLE raw (${t.columns.map(([n, ty]) => `${sqlName(n)} ${ty}`).join(', ')})`);
    if (t.files.length > 0) {
      const cols = `{${t.columns.map(([n, ty]) => `${sqlString(n)}: ${sqlString(ty)}`).join(', ')}}`;
      await c.run(
        `INSERT INTO raw SELECT * FROM read_csv([${t.files.map(sqlString).join(', ')}], header = ${t.header}, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = ${cols})`,
      );
    }
    const out = join(tmp, 'out.parquet');
    await c.run(`COPY (SELECT ${t.select.join(', ')} FROM raw r LEFT JOIN units u ON u.indicator = r.indicator ORDER BY r.rowid) TO ${sqlString(out)} (FORMAT parquet, COMPRESSION zstd)`);
    return new Uint8Array(readFileSync(out));
  } finally {
    c.closeSync();
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** indicators.parquet of a run folder, from its indicators.csv. */
export function indicatorsTable(csv: string, start: string, seed: number): CsvTable {
  return {
    files: [csv],
    header: true,
    columns: [
      ['scenario', 'VARCHAR'],
      ['replication', 'INTEGER'],
      ['month', 'INTEGER'],
      ['indicator', 'VARCHAR'],
      ['zone', 'VARCHAR'],
      ['value', 'DOUBLE'],
    ],
    select: [col('scenario'), `CAST(${Math.trunc(seed)} AS INTEGER) AS seed`, col('replication'), col('month'), monthDate(start, 'month', 'date'), col('indicator'), col('zone'), col('value'), UNIT],
  };
}

/** comparison.parquet, from comparison.csv. */
export function comparisonTable(csv: string, start: string): CsvTable {
  return {
    files: [csv],
    header: true,
    columns: [
      ['scenario', 'VARCHAR'],
      ['month', 'INTEGER'],
      ['indicator', 'VARCHAR'],
      ['zone', 'VARCHAR'],
      ['mean', 'DOUBLE'],
      ['median', 'DOUBLE'],
      ['q05', 'DOUBLE'],
      ['q95', 'DOUBLE'],
      ['n', 'INTEGER'],
    ],
    select: [col('scenario'), col('month'), monthDate(start, 'month', 'date'), ...['indicator', 'zone', 'mean', 'median', 'q05', 'q95', 'n'].map(col), UNIT],
  };
}

/** differences.parquet, from differences.csv. */
export function differencesTable(csv: string, start: string): CsvTable {
  return {
    files: [csv],
    header: true,
    columns: [
      ['scenario', 'VARCHAR'],
      ['baseline', 'VARCHAR'],
      ['indicator', 'VARCHAR'],
      ['zone', 'VARCHAR'],
      ['measure', 'VARCHAR'],
      ['from_month', 'INTEGER'],
      ['to_month', 'INTEGER'],
      ['baseline_mean', 'DOUBLE'],
      ['scenario_mean', 'DOUBLE'],
      ['difference', 'DOUBLE'],
      ['lo95', 'DOUBLE'],
      ['hi95', 'DOUBLE'],
      ['n', 'INTEGER'],
      ['significant', 'BOOLEAN'],
    ],
    select: [
      ...['scenario', 'baseline', 'indicator', 'zone', 'measure', 'from_month'].map(col),
      monthDate(start, 'from_month', 'from_date'),
      col('to_month'),
      monthDate(start, 'to_month', 'to_date'),
      ...['baseline_mean', 'scenario_mean', 'difference', 'lo95', 'hi95', 'n', 'significant'].map(col),
      UNIT,
    ],
  };
}

/** The DuckDB type of a sweep parameter's column, from every design point's value. */
export function parameterType(record: Pick<SweepRecord, 'points'>, j: number): 'DOUBLE' | 'BOOLEAN' | 'VARCHAR' {
  const vs = record.points.map((p) => p[j]);
  if (vs.every((v) => typeof v === 'number')) return 'DOUBLE';
  if (vs.every((v) => typeof v === 'boolean')) return 'BOOLEAN';
  return 'VARCHAR';
}

/** Names of the parameter columns: the parameter's path, or "parameter:<path>" when the path is one of the table's own column names. */
export function parameterColumns(record: Pick<SweepRecord, 'parameters'>, own: readonly string[]): string[] {
  return record.parameters.map((p) => (own.includes(p.path) ? `parameter:${p.path}` : p.path));
}

const sweepStart = (record: SweepRecord): string => String((record.scenario.resolved as { start?: unknown }).start ?? '');

/** results.parquet of a sweep folder, from its run files (runs/NNNNNN.csv, in run order). */
export function resultsTable(record: SweepRecord, runFiles: readonly string[]): CsvTable {
  const own = ['run', 'point', 'seed', 'month', 'date', 'indicator', 'zone', 'value', 'unit'];
  const params = parameterColumns(record, own);
  const p = params.map((name, j) => [`p${j}`, name, parameterType(record, j)] as const);
  return {
    files: runFiles,
    header: false,
    columns: [['run', 'INTEGER'], ['point', 'INTEGER'], ['seed', 'INTEGER'], ...p.map(([raw, , ty]) => [raw, ty] as const), ['month', 'INTEGER'], ['indicator', 'VARCHAR'], ['zone', 'VARCHAR'], ['value', 'DOUBLE']],
    select: [col('run'), col('point'), col('seed'), ...p.map(([raw, name]) => `${col(raw)} AS ${sqlName(name)}`), col('month'), monthDate(sweepStart(record), 'month', 'date'), col('indicator'), col('zone'), col('value'), UNIT],
  };
}

/** summary.parquet of a complete sweep folder, from summary.csv. */
export function sweepSummaryTable(record: SweepRecord, csv: string): CsvTable {
  const own = ['point', 'month', 'date', 'indicator', 'zone', 'n', 'mean', 'median', 'q05', 'q95', 'unit'];
  const params = parameterColumns(record, own);
  const p = params.map((name, j) => [`p${j}`, name, parameterType(record, j)] as const);
  const stats = ['n', 'mean', 'median', 'q05', 'q95'];
  return {
    files: [csv],
    header: true,
    columns: [['point', 'INTEGER'], ...p.map(([raw, , ty]) => [raw, ty] as const), ['month', 'INTEGER'], ['indicator', 'VARCHAR'], ['zone', 'VARCHAR'], ...stats.map((s) => [s, s === 'n' ? 'INTEGER' : 'DOUBLE'] as const)],
    select: [col('point'), ...p.map(([raw, name]) => `${col(raw)} AS ${sqlName(name)}`), col('month'), monthDate(sweepStart(record), 'month', 'date'), col('indicator'), col('zone'), ...stats.map(col), UNIT],
  };
}

/** Writes `name` (a Parquet file of `t`) into `dir`; returns name → SHA-256. */
async function writeTable(dir: string, name: string, t: CsvTable): Promise<Record<string, string>> {
  const bytes = await parquetOf(t);
  writeAtomic(join(dir, ...name.split('/')), bytes);
  return { [name]: sha256(bytes) };
}

/** indicators.parquet of the run folder `dir` (its indicators.csv written). `rel` prefixes the returned path. */
export async function writeRunParquet(dir: string, start: string, seed: number, rel = ''): Promise<Record<string, string>> {
  const bytes = await parquetOf(indicatorsTable(join(dir, 'indicators.csv'), start, seed));
  writeAtomic(join(dir, 'indicators.parquet'), bytes);
  return { [`${rel}indicators.parquet`]: sha256(bytes) };
}

/** comparison.parquet and differences.parquet of a comparison folder (its CSVs written). */
export async function writeCompareParquet(dir: string, start: string): Promise<Record<string, string>> {
  return {
    ...(await writeTable(dir, 'comparison.parquet', comparisonTable(join(dir, 'comparison.csv'), start))),
    ...(await writeTable(dir, 'differences.parquet', differencesTable(join(dir, 'differences.csv'), start))),
  };
}

export const SWEEP_PARQUET = ['results.parquet', 'summary.parquet'] as const;

/** results.parquet of a sweep folder from the run files it holds (run → path), and summary.parquet when it holds every run (summary.csv written). */
export async function writeSweepParquet(dir: string, record: SweepRecord, files: ReadonlyMap<number, string>, complete: boolean): Promise<void> {
  const ordered = [...files].sort((a, b) => a[0] - b[0]).map(([, p]) => p);
  await writeTable(dir, 'results.parquet', resultsTable(record, ordered));
  if (complete) await writeTable(dir, 'summary.parquet', sweepSummaryTable(record, join(dir, 'summary.csv')));
}
