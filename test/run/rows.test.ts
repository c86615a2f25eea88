/**
 * The one row shape (sim/run/rows.ts): a recorder that grows past its
 * capacity keeps every value in order; rows survive structured cloning (what
 * worker_threads and Web Workers do) as typed columns; and the rows a
 * replication hands out month by month (what the explorer posts) are exactly
 * the rows it returns (what indicators.csv and the statistics read).
 */
import { describe, expect, it } from 'vitest';
import { RowRecorder, rowBuffers, rowsOf, sliceRows } from '../../sim/run/rows.ts';
import { INDICATORS, INDICATOR_INDEX } from '../../sim/model/observe/indicators.ts';
import { runReplication } from '../../sim/run/simulate.ts';
import { statRows } from '../../sim/run/stats.ts';
import { loadScenarioFile } from '../../sim/scenario/node.ts';
import { CHONGQING } from '../helpers.ts';

describe('RowRecorder', () => {
  it('keeps every value in order as it doubles past its capacity', () => {
    const r = new RowRecorder(2);
    for (let i = 0; i < 37; i++) r.push(i >> 2, i % 5, (i % 3) - 1, i * 1.5);
    expect(r.length).toBe(37);
    const rows = r.rows();
    expect(Array.from(rows.month)).toEqual(Array.from({ length: 37 }, (_, i) => i >> 2));
    expect(Array.from(rows.indicator)).toEqual(Array.from({ length: 37 }, (_, i) => i % 5));
    expect(Array.from(rows.zone)).toEqual(Array.from({ length: 37 }, (_, i) => (i % 3) - 1));
    expect(Array.from(rows.value)).toEqual(Array.from({ length: 37 }, (_, i) => i * 1.5));
  });

  it('records observe()\'s values by indicator name at the month set, and refuses an unknown name', () => {
    const r = new RowRecorder(1);
    r.month = 4;
    r.add('residents', -1, 1000);
    r.add('zone_population', 2, 250);
    const rows = r.rows();
    expect(Array.from(rows.month)).toEqual([4, 4]);
    expect(Array.from(rows.indicator)).toEqual([INDICATOR_INDEX.get('residents'), INDICATOR_INDEX.get('zone_population')]);
    expect(INDICATORS[rows.indicator[1]!]!.name).toBe('zone_population');
    expect(Array.from(rows.zone)).toEqual([-1, 2]);
    expect(() => r.add('no_such_indicator', -1, 1)).toThrow(/unknown indicator no_such_indicator/);
  });

  it('appends other rows after its own, past its capacity', () => {
    const r = new RowRecorder(1);
    r.push(0, 1, -1, 7);
    r.append(rowsOf([1, 1, 2], [1, 2, 1], [-1, 0, -1], [8, 9, 10]));
    expect(Array.from(r.rows().value)).toEqual([7, 8, 9, 10]);
    expect(Array.from(r.rows().month)).toEqual([0, 1, 1, 2]);
  });

  it('slices into rows of their own that survive structured cloning with their buffers transferred', () => {
    const r = new RowRecorder(4);
    for (let i = 0; i < 10; i++) r.push(i, 0, -1, i / 4);
    const part = sliceRows(r.rows(), 6);
    expect(part.month.buffer).not.toBe(r.rows().month.buffer);
    expect(part.value.buffer.byteLength).toBe(4 * 8);
    const copy = structuredClone(part, { transfer: rowBuffers(part) });
    expect(copy.month).toBeInstanceOf(Int32Array);
    expect(copy.value).toBeInstanceOf(Float64Array);
    expect(Array.from(copy.value)).toEqual([1.5, 1.75, 2, 2.25]);
    expect(part.value.length).toBe(0); // transferred, not copied
    expect(Array.from(r.rows().value).slice(6)).toEqual([1.5, 1.75, 2, 2.25]); // the recorder keeps its own
  });

  it('refuses columns of different lengths', () => {
    expect(() => rowsOf([1, 2], [1], [0, 0], [1, 1])).toThrow(/different lengths/);
  });
});

describe('a replication\'s rows', () => {
  const sc = loadScenarioFile(CHONGQING).scenario;

  it('handed out month by month (as the explorer posts them) are the rows it returns, each chunk of its own month', () => {
    const chunks: { month: number; rows: ReturnType<typeof sliceRows> }[] = [];
    let posted = 0;
    const res = runReplication(sc, {
      replication: 0,
      seed: 2,
      sample: 0.0003,
      months: 3,
      onObserved: (month, all) => {
        chunks.push({ month, rows: sliceRows(all, posted) });
        posted = all.month.length;
      },
    });
    expect(chunks.map((c) => c.month)).toEqual([0, 1, 2, 3]);
    for (const c of chunks) {
      expect(c.rows.month.length).toBeGreaterThan(INDICATORS.length / 2);
      expect(new Set(c.rows.month)).toEqual(new Set([c.month]));
    }
    const joined = new RowRecorder(1);
    for (const c of chunks) joined.append(c.rows);
    expect(Array.from(joined.rows().value)).toEqual(Array.from(res.rows.value));
    expect(Array.from(joined.rows().indicator)).toEqual(Array.from(res.rows.indicator));
    expect(Array.from(joined.rows().zone)).toEqual(Array.from(res.rows.zone));
    // Exactly as long as its values: no spare room of the recorder kept.
    expect(res.rows.value.buffer.byteLength).toBe(res.rows.value.length * 8);
    // The statistics of the joined chunks are the statistics of the returned rows.
    const zoneIds = sc.city.zones.map((z) => z.id);
    expect(statRows([{ id: 'A', zoneIds, replications: [joined.rows()] }])).toEqual(statRows([{ id: 'A', zoneIds, replications: [res.rows] }]));
  });
});
