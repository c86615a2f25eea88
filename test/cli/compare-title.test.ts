/** `compare --title/--question`: an ad-hoc comparison of scenario files gets its own title and question, in the plan, the command and the report. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planCompare } from '../../sim/run/compare.ts';
import { cli, inProcess } from '../helpers.ts';

const A = 'scenarios/policies/beijing-points.yaml';
const B = 'scenarios/policies/beijing-points-quota12000.yaml';

describe('compare --title/--question', () => {
  it('sets the plan\'s title and question and repeats them in the command', () => {
    const p = planCompare([A, B], { title: 'Quota <6k> vs 12k', question: "What does Beijing's quota do?", out: '/tmp/x' });
    expect(p.title).toBe('Quota <6k> vs 12k');
    expect(p.question).toBe("What does Beijing's quota do?");
    expect(p.command).toContain("--title 'Quota <6k> vs 12k'");
    expect(p.command).toContain(`--question 'What does Beijing'\\''s quota do?'`);
  });
  it('without them, an ad-hoc pair asking different questions gets no borrowed question', () => {
    const p = planCompare([A, B], { out: '/tmp/x' });
    expect(p.title).toBe('Comparison: Beijing: points-based settlement (2016 Measures), quota 6,000 a year vs Beijing: points-based settlement, quota 12,000 a year');
    expect(p.question).toBeUndefined();
    expect(p.command).not.toContain('--title');
  });
  it('a comparison file keeps its own title unless --title is given', () => {
    expect(planCompare(['scenarios/comparisons/wuhan-grid.yaml'], { out: '/tmp/x' }).title).toMatch(/^Wuhan: grids/);
    expect(planCompare(['scenarios/comparisons/wuhan-grid.yaml'], { out: '/tmp/x', title: 'Mine' }).title).toBe('Mine');
  });
  it('the report shows them, escaped, and an empty --title is refused with exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'megasim-title-'));
    try {
      const out = join(dir, 'c');
      // The comparison in this process (main(), no start-up); the refusal through bin/megasim.mjs.
      const r = await inProcess('compare', A, B, '--seeds', '1..1', '--sample', '0.0005', '--months', '2', '--workers', '1', '--out', out, '--title', 'Quota <6k> & 12k', '--question', 'Does it help?');
      expect(r.code, r.stderr).toBe(0);
      const html = readFileSync(join(out, 'report.html'), 'utf8');
      expect(html).toContain('<h1>Quota &lt;6k&gt; &amp; 12k</h1>');
      expect(html).toContain('<title>Quota &lt;6k&gt; &amp; 12k</title>');
      expect(html).toContain('<p class="question">Does it help?</p>');
      const bad = cli(['compare', A, B, '--out', join(dir, 'd'), '--title', '  ']);
      expect(bad.status).toBe(2);
      expect(bad.stderr).toContain('--title expects some text');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
