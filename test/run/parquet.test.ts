/**
 * Parquet beside the CSV (sim/run/parquet.ts) and `megasim query`
 * (sim/run/query.ts): DuckDB reads the Parquet files of a run, a comparison
 * and a sweep and finds the CSV's rows and numbers, with `date` the start
 * month + month and `unit` the indicator's declared unit; the same rows give
 * the same bytes; verify finds an edited Parquet file; a query over three
 * sweep shards equals the query over the merged sweep; bad input exits 2 and
 * writes nothing. Small: sample 0.0003, a few months.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { inProcess } from '../helpers.ts';
import { snapshot } from '../folders.ts';
import { sha256 } from '../../sim/engine/digest.ts';
import { INDICATOR_BY_NAME } from '../../sim/model/observe/indicators.ts';
import { indicatorsTable, parquetOf } from '../../sim/run/parquet.ts';
import { runSweep } from '../../sim/run/sweep.ts';
import { mergeAndPublish } from '../../viz/publish/sweep.ts';

const CITY = resolve('scenarios/cities/chongqing-2010.yaml');
const POLICY = resolve('scenarios/policies/chongqing-differentiated.yaml');
const tmp = () => mkdtempSync(join(tmpdir(), 'megasim-parquet-'));

/** Every row of a query, values as DuckDB's JS values (DATE → Date). */
async function read(sql: string): Promise<Record<string, unknown>[]> {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  try {
    return (await c.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
  } finally {
    c.closeSync();
    db.closeSync();
  }
}

/** A CSV of plain cells (no quoted commas in these files) → header and rows. */
function csvRows(file: string): { head: string[]; rows: string[][] } {
  const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
  return { head: lines[0]!.split(','), rows: lines.slice(1).map((l) => l.split(',')) };
}

/** The CSV's number (the file's text read as JavaScript reads it); NaN compared as NaN. */
const same = (pq: unknown, csv: string) => (Number.isNaN(Number(csv)) ? Number.isNaN(pq as number) : pq === Number(csv));

/** First day of `start` (YYYY-MM) + `month` months, worked out by hand. */
function firstOfMonth(start: string, month: number): string {
  const [y, m] = start.split('-').map(Number) as [number, number];
  const k = y * 12 + (m - 1) + month;
  return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}-01`;
}
const isoDate = (d: unknown) => (d as Date).toISOString().slice(0, 10);

describe('a run folder: indicators.parquet', () => {
  let dir: string;
  beforeAll(async () => {
    dir = join(tmp(), 'run');
    const r = await inProcess('run', CITY, '--sample', '0.0003', '--months', '7', '--replications', '2', '--seed', '5', '--out', dir);
    expect(r.code, r.stderr).toBe(0);
  }, 120_000);

  it('holds the rows and numbers of indicators.csv, with seed, date and unit', async () => {
    const pq = await read(`SELECT * FROM read_parquet('${join(dir, 'indicators.parquet')}')`);
    const { head, rows } = csvRows(join(dir, 'indicators.csv'));
    expect(head).toEqual(['scenario', 'replication', 'month', 'indicator', 'zone', 'value']);
    expect(pq.length).toBe(rows.length);
    expect(Object.keys(pq[0]!)).toEqual(['scenario', 'seed', 'replication', 'month', 'date', 'indicator', 'zone', 'value', 'unit']);
    let nan = 0;
    rows.forEach((r, i) => {
      const p = pq[i]!;
      expect([p.scenario, p.replication, p.month, p.indicator, p.zone]).toEqual([r[0], Number(r[1]), Number(r[2]), r[3], r[4]]);
      expect(same(p.value, r[5]!), `row ${i + 2}: ${String(p.value)} vs ${r[5]}`).toBe(true);
      if (Number.isNaN(p.value)) nan++;
      expect(p.seed).toBe(5);
      expect(p.unit).toBe(INDICATOR_BY_NAME.get(r[3]!)!.unit);
    });
    // Chongqing starts in 2010-07: month 6 is January 2011.
    const m6 = pq.find((p) => p.month === 6)!;
    expect(isoDate(m6.date)).toBe('2011-01-01');
    for (const p of pq) expect(isoDate(p.date)).toBe(firstOfMonth('2010-07', p.month as number));
    expect(nan).toBeGreaterThan(0); // NaN cells (e.g. rent burden of an empty tenure) come through as NaN, not 0 or null
    const types = await read(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('${join(dir, 'indicators.parquet')}'))`);
    expect(Object.fromEntries(types.map((t) => [t.column_name, t.column_type]))).toMatchObject({ date: 'DATE', month: 'INTEGER', value: 'DOUBLE', unit: 'VARCHAR' });
  });

  it('is recorded in the manifest, and the same rows give the same bytes', async () => {
    const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { outputs: Record<string, string>; start: string };
    const bytes = readFileSync(join(dir, 'indicators.parquet'));
    expect(m.outputs['indicators.parquet']).toBe(sha256(bytes));
    const again = await parquetOf(indicatorsTable(join(dir, 'indicators.csv'), m.start, 5));
    const third = await parquetOf(indicatorsTable(join(dir, 'indicators.csv'), m.start, 5));
    expect(Buffer.from(again).equals(bytes)).toBe(true);
    expect(Buffer.from(third).equals(bytes)).toBe(true);
    // Another seed is another file.
    expect(sha256(await parquetOf(indicatorsTable(join(dir, 'indicators.csv'), m.start, 6)))).not.toBe(sha256(bytes));
  });

  it('the same run again writes the same Parquet bytes; verify passes, and names an edited Parquet file', async () => {
    const ok = await inProcess('verify', dir);
    expect(ok.code, ok.stderr).toBe(0);
    const copy = join(tmp(), 'edited');
    const again = await inProcess('run', CITY, '--sample', '0.0003', '--months', '7', '--replications', '2', '--seed', '5', '--out', copy);
    expect(again.code, again.stderr).toBe(0);
    expect(readFileSync(join(copy, 'indicators.parquet')).equals(readFileSync(join(dir, 'indicators.parquet')))).toBe(true);
    // A valid Parquet file with other rows (one value changed).
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    const p = join(copy, 'indicators.parquet');
    await c.run(`COPY (SELECT * REPLACE (CASE WHEN indicator = 'residents' AND month = 3 THEN value + 1 ELSE value END AS value) FROM read_parquet('${p}')) TO '${p}.new' (FORMAT parquet)`);
    c.closeSync();
    db.closeSync();
    writeFileSync(p, readFileSync(`${p}.new`));
    const bad = await inProcess('verify', copy);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/indicators\.parquet was changed/);
  }, 180_000);
});

describe('a comparison folder: comparison.parquet, differences.parquet, members', () => {
  let dir: string;
  beforeAll(async () => {
    dir = join(tmp(), 'cmp');
    const r = await inProcess('compare', CITY, POLICY, '--seeds', '1..2', '--sample', '0.0003', '--months', '7', '--out', dir, '--workers', '1');
    expect(r.code, r.stderr).toBe(0);
  }, 180_000);

  it('comparison.parquet holds comparison.csv with date and unit', async () => {
    const pq = await read(`SELECT * FROM read_parquet('${join(dir, 'comparison.parquet')}')`);
    const { head, rows } = csvRows(join(dir, 'comparison.csv'));
    expect(head).toEqual(['scenario', 'month', 'indicator', 'zone', 'mean', 'median', 'q05', 'q95', 'n']);
    expect(pq.length).toBe(rows.length);
    rows.forEach((r, i) => {
      const p = pq[i]!;
      expect([p.scenario, p.month, p.indicator, p.zone, p.n]).toEqual([r[0], Number(r[1]), r[2], r[3], Number(r[8])]);
      (['mean', 'median', 'q05', 'q95'] as const).forEach((k, j) => expect(same(p[k], r[4 + j]!)).toBe(true));
      expect(isoDate(p.date)).toBe(firstOfMonth('2010-07', Number(r[1])));
      expect(p.unit).toBe(INDICATOR_BY_NAME.get(r[2]!)!.unit);
    });
  });

  it('differences.parquet holds differences.csv, significant as a boolean, from/to dates', async () => {
    const pq = await read(`SELECT * FROM read_parquet('${join(dir, 'differences.parquet')}')`);
    const { rows } = csvRows(join(dir, 'differences.csv'));
    expect(pq.length).toBe(rows.length);
    expect(rows.length).toBeGreaterThan(0);
    rows.forEach((r, i) => {
      const p = pq[i]!;
      expect([p.scenario, p.baseline, p.indicator, p.zone, p.measure, p.from_month, p.to_month]).toEqual([r[0], r[1], r[2], r[3], r[4], Number(r[5]), Number(r[6])]);
      expect(same(p.difference, r[9]!)).toBe(true);
      expect(p.significant).toBe(r[13] === 'true');
      expect(isoDate(p.to_date)).toBe(firstOfMonth('2010-07', Number(r[6])));
    });
  });

  it('records every Parquet file in the manifests, and verify passes', async () => {
    const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { outputs: Record<string, string> };
    const pqs = Object.keys(m.outputs).filter((k) => k.endsWith('.parquet'));
    expect(pqs).toEqual(['comparison.parquet', 'differences.parquet', ...[1, 2].map((s) => `runs/chongqing-2010/seed-${s}/indicators.parquet`), ...[1, 2].map((s) => `runs/chongqing-differentiated/seed-${s}/indicators.parquet`)].sort());
    for (const k of pqs) expect(m.outputs[k]).toBe(sha256(readFileSync(join(dir, k))));
    const v = await inProcess('verify', dir);
    expect(v.code, v.stderr).toBe(0);
  }, 180_000);

  it('megasim query sees the members as `indicators` and the statistics as `comparison`', async () => {
    const members = ['chongqing-2010', 'chongqing-differentiated'].flatMap((s) => [1, 2].map((k) => csvRows(join(dir, 'runs', s, `seed-${k}`, 'indicators.csv')).rows.length));
    const out = join(tmp(), 'n.csv');
    const r = await inProcess('query', dir, "SELECT (SELECT count(*) FROM indicators) AS rows, (SELECT count(DISTINCT seed) FROM indicators) AS seeds, (SELECT mean FROM comparison WHERE scenario = 'chongqing-2010' AND month = 7 AND indicator = 'residents' AND zone = 'all') AS m", '--csv', out);
    expect(r.code, r.stderr).toBe(0);
    const csvMean = csvRows(join(dir, 'comparison.csv')).rows.find((x) => x[0] === 'chongqing-2010' && x[1] === '7' && x[2] === 'residents' && x[3] === 'all')![4];
    expect(readFileSync(out, 'utf8')).toBe(`rows,seeds,m\n${members.reduce((a, b) => a + b, 0)},2,${csvMean}\n`);
  });
});

/** A small sweep: 2 × 2 points × 2 seeds = 8 runs of 13 months at sample 0.0003. */
function smallSweep(dir: string): string {
  const f = join(dir, 'small.yaml');
  writeFileSync(
    f,
    `id: small
title: small test sweep
scenario: ${POLICY}
parameters:
  - path: policies.differentiated.apply_rate
    values: [0.01, 0.06]
  - path: city.zones.core.rent_yuan_month
    label: core rent
    range: [800, 1400]
    steps: 2
seeds: [3, 4]
months: 13
sample: 0.0003
indicators:
  names: [hukou_share, settlements, residents]
  at: [yearly, horizon]
  zones: true
`,
  );
  return f;
}

describe('sweep folders: results.parquet in shards and merged, and megasim query over them', () => {
  let dir: string;
  let shards: string[];
  let merged: string;
  beforeAll(async () => {
    dir = tmp();
    const file = smallSweep(dir);
    shards = [];
    for (let k = 0; k < 3; k++) {
      const r = await runSweep(file, { out: join(dir, `shard-${k}`), shard: `${k}/3`, progress: false });
      shards.push(r.out);
    }
    merged = (await mergeAndPublish(shards, join(dir, 'merged'), false)).out;
  }, 300_000);

  it('each shard holds results.parquet with its runs only; the merged folder all, as in results.csv', async () => {
    for (const [k, s] of shards.entries()) {
      const runs = await read(`SELECT DISTINCT run FROM read_parquet('${join(s, 'results.parquet')}') ORDER BY run`);
      expect(runs.map((r) => r.run)).toEqual([0, 1, 2, 3, 4, 5, 6, 7].filter((r) => r % 3 === k));
      expect(existsSync(join(s, 'summary.parquet'))).toBe(false);
    }
    const pq = await read(`SELECT * FROM read_parquet('${join(merged, 'results.parquet')}')`);
    const { head, rows } = csvRows(join(merged, 'results.csv'));
    expect(head).toEqual(['run', 'point', 'seed', 'policies.differentiated.apply_rate', 'city.zones.core.rent_yuan_month', 'month', 'indicator', 'zone', 'value']);
    expect(Object.keys(pq[0]!)).toEqual(['run', 'point', 'seed', 'policies.differentiated.apply_rate', 'city.zones.core.rent_yuan_month', 'month', 'date', 'indicator', 'zone', 'value', 'unit']);
    expect(pq.length).toBe(rows.length);
    rows.forEach((r, i) => {
      const p = pq[i]!;
      expect([p.run, p.point, p.seed, p['policies.differentiated.apply_rate'], p['city.zones.core.rent_yuan_month'], p.month, p.indicator, p.zone]).toEqual([...r.slice(0, 6).map(Number), r[6], r[7]]);
      expect(same(p.value, r[8]!)).toBe(true);
      expect(isoDate(p.date)).toBe(firstOfMonth('2010-07', Number(r[5])));
    });
    const sum = await read(`SELECT count(*) AS n FROM read_parquet('${join(merged, 'summary.parquet')}')`);
    expect(Number(sum[0]!.n)).toBe(csvRows(join(merged, 'summary.csv')).rows.length);
  });

  it('a query over the three shards equals the same query over the merged sweep', async () => {
    const sqls = [
      `SELECT "policies.differentiated.apply_rate" AS rate, zone, avg(value) AS mean, count(*) AS n FROM results WHERE indicator = 'hukou_share' AND month = 13 GROUP BY ALL ORDER BY rate, zone`,
      `SELECT * FROM results ORDER BY run, month, indicator, zone`,
    ];
    for (const sql of sqls) {
      const a = join(dir, `shards-${sqls.indexOf(sql)}.csv`);
      const b = join(dir, `merged-${sqls.indexOf(sql)}.csv`);
      const ra = await inProcess('query', ...shards, sql, '--csv', a);
      const rb = await inProcess('query', merged, sql, '--csv', b);
      expect(ra.code, ra.stderr).toBe(0);
      expect(rb.code, rb.stderr).toBe(0);
      const text = readFileSync(a, 'utf8');
      expect(text.split('\n').length).toBeGreaterThan(3);
      expect(text).toBe(readFileSync(b, 'utf8'));
    }
    // The printed table too, and the rows of every run are there.
    const pa = await inProcess('query', ...shards, 'SELECT count(DISTINCT run) AS runs, count(*) AS rows FROM results');
    const pb = await inProcess('query', merged, 'SELECT count(DISTINCT run) AS runs, count(*) AS rows FROM results');
    expect(pa.stdout).toBe(pb.stdout);
    expect(pa.stdout).toMatch(new RegExp(`^runs\\s+rows\\n-+\\s+-+\\n\\s*8\\s+${csvRows(join(merged, 'results.csv')).rows.length}\\n\\(1 row\\)\\n$`));
  });

  it('verify rebuilds results.parquet of a shard and summary.parquet of the merged folder, and finds an edited one', async () => {
    const v1 = await inProcess('verify', shards[0]!);
    expect(v1.code, v1.stderr).toBe(0);
    const v2 = await inProcess('verify', merged);
    expect(v2.code, v2.stderr).toBe(0);
    writeFileSync(join(shards[1]!, 'results.parquet'), readFileSync(join(shards[2]!, 'results.parquet')));
    const bad = await inProcess('verify', shards[1]!);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/results\.parquet: not what the run files give/);
  }, 300_000);
});

describe('megasim query: output files and bad input', () => {
  let run: string;
  beforeAll(async () => {
    run = join(tmp(), 'run');
    const r = await inProcess('run', CITY, '--sample', '0.0003', '--months', '3', '--replications', '1', '--out', run);
    expect(r.code, r.stderr).toBe(0);
  }, 120_000);

  const SQL = "SELECT month, date, value FROM indicators WHERE indicator = 'residents' AND zone = 'all' ORDER BY month";

  it('prints a table, writes --csv and --parquet with the same rows', async () => {
    const p = await inProcess('query', run, SQL);
    expect(p.code, p.stderr).toBe(0);
    const csv = csvRows(join(run, 'indicators.csv')).rows.filter((r) => r[3] === 'residents' && r[4] === 'all');
    expect(p.stdout.split('\n')[0]).toMatch(/^month\s+date\s+value$/);
    expect(p.stdout).toContain(`2010-10-01`);
    expect(p.stdout).toContain(`(${csv.length} rows)`);
    const d = tmp();
    const c = await inProcess('query', run, SQL, '--csv', join(d, 'r.csv'), '--parquet', join(d, 'r.parquet'));
    expect(c.code, c.stderr).toBe(0);
    expect(readFileSync(join(d, 'r.csv'), 'utf8')).toBe(`month,date,value\n${csv.map((r) => `${r[2]},${firstOfMonth('2010-07', Number(r[2]))},${r[5]}`).join('\n')}\n`);
    const back = await read(`SELECT * FROM read_parquet('${join(d, 'r.parquet')}')`);
    expect(back.map((x) => [x.month, isoDate(x.date), x.value])).toEqual(csv.map((r) => [Number(r[2]), firstOfMonth('2010-07', Number(r[2])), Number(r[5])]));
  });

  it('refuses bad input with exit 2 and a message naming it, writing nothing', async () => {
    const d = tmp();
    writeFileSync(join(d, 'kept.csv'), 'mine\n');
    const before = snapshot(d);
    const cases: [string[], RegExp][] = [
      [[join(d, 'nope'), SQL], /nope: no such folder/],
      [[join(d, 'kept.csv'), SQL], /kept\.csv: expected a folder/],
      [[d, SQL], /no Parquet files/],
      [[run], /needs one or more folders, then the SQL/],
      [[run, 'SELECT nope FROM indicators'], /the SQL failed: Binder Error: .*"nope"[\s\S]*views: indicators \(1 file\)/],
      [[run, 'SELEC 1'], /the SQL failed: .*syntax error/],
      [[run, SQL, '--csv', join(d, 'kept.csv')], /kept\.csv already exists; add --force/],
      [[run, SQL, '--csv', join(d, 'no-dir', 'x.csv')], /no such folder/],
      [[run, SQL, '--parquet', join(run, 'indicators.parquet'), '--force'], /is one of the Parquet files the query reads/],
      [[run, `COPY (SELECT 1) TO '${join(d, 'evil.csv')}'`], /the SQL failed: Permission Error/],
      [[run, `SELECT * FROM read_csv('${join(d, 'kept.csv')}')`], /the SQL failed: Permission Error/],
      [[run, SQL, '--max-rows', '-1'], /--max-rows must be between 0/],
    ];
    const runBefore = snapshot(run);
    for (const [args, msg] of cases) {
      const r = await inProcess('query', ...args);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(msg);
    }
    expect(snapshot(d)).toEqual(before);
    expect(snapshot(run)).toEqual(runBefore);
    // An SQL error with --csv FILE --force leaves the existing file as it was.
    const r = await inProcess('query', run, 'SELECT nope FROM indicators', '--csv', join(d, 'kept.csv'), '--force');
    expect(r.code).toBe(2);
    expect(readFileSync(join(d, 'kept.csv'), 'utf8')).toBe('mine\n');
    // With --force and good SQL it is replaced.
    const ok = await inProcess('query', run, 'SELECT 1 AS one', '--csv', join(d, 'kept.csv'), '--force');
    expect(ok.code, ok.stderr).toBe(0);
    expect(readFileSync(join(d, 'kept.csv'), 'utf8')).toBe('one\n1\n');
  });

  it('guards text cells of --csv like every megasim CSV, and keeps numbers as numbers', async () => {
    const d = tmp();
    const r = await inProcess('query', run, `SELECT '=1+1' AS f, 'a,b' AS g, -0.5 AS h, CAST(-2.5 AS DOUBLE) AS i, NULL AS j`, '--csv', join(d, 'x.csv'));
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(d, 'x.csv'), 'utf8')).toBe(`f,g,h,i,j\n'=1+1,"a,b",-0.5,-2.5,\n`);
  });
});
