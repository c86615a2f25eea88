/**
 * `megasim calibrate` as the command runs it: the calibration (sim/run/calibrate.ts),
 * then, once complete, charts/pairs.svg and charts/marginal-<k>-<path>.svg
 * (viz/charts/abcPosterior.ts), drawn from the run files' results alone.
 */
import { existsSync, readdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { writeAtomic } from '../../sim/run/files.ts';
import { runCalibration, type CalibrateOptions, type CalibrateResult } from '../../sim/run/calibrate.ts';
import { makeDocument } from '../dom.ts';
import { serializeSvg } from '../charts/serialize.ts';
import { abcMarginal, abcPairs } from '../charts/abcPosterior.ts';
import { svgFileText } from './charts.ts';

const slug = (s: string) => s.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').toLowerCase();

export async function calibrateAndPublish(file: string, o: CalibrateOptions): Promise<CalibrateResult> {
  const r = await runCalibration(file, o);
  if (r.complete) writeCalibrationCharts(r);
  return r;
}

export function writeCalibrationCharts(r: CalibrateResult): void {
  const data = r.charts;
  if (!data) return;
  const d = makeDocument();
  const charts = new Map<string, string>();
  charts.set('pairs.svg', svgFileText(serializeSvg(abcPairs(d, data))));
  data.parameters.forEach((p, k) => charts.set(`marginal-${k + 1}-${slug(p.path)}.svg`, svgFileText(serializeSvg(abcMarginal(d, data, k)))));
  const cd = join(data.dir, 'charts');
  if (existsSync(cd)) for (const x of readdirSync(cd)) if (x.endsWith('.svg') && !charts.has(x)) unlinkSync(join(cd, x));
  for (const [name, text] of charts) writeAtomic(join(cd, name), text);
}
