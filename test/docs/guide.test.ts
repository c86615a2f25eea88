/**
 * docs/guide.md cannot drift: every ```sh block of the guide is run, in
 * order, by bash in a fresh folder that links `scenarios/` to the
 * repository's, with `npx megasim` standing for this checkout's
 * bin/megasim.mjs (npx outside the repository would look for a package on
 * the registry). A block exits 0 unless its info string says `exit=N`; the
 * files named on its `# writes:` lines must not exist before it and must
 * exist after it. A `serve` block (`megasim explore`) is started, must print
 * its address and serve the explorer page there, and is then stopped.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const REPO = resolve('.');
const BIN = join(REPO, 'bin', 'megasim.mjs');

interface Block {
  info: string;
  text: string;
  line: number;
  exit: number;
  serve: boolean;
  writes: string[];
}

/** The fenced blocks of a Markdown text whose info string starts with `sh`. */
export function shellBlocks(md: string): Block[] {
  const out: Block[] = [];
  const re = /^```(sh[^\n]*)\n([\s\S]*?)^```$/gm;
  for (let m = re.exec(md); m; m = re.exec(md)) {
    const info = m[1]!.trim();
    const text = m[2]!;
    out.push({
      info,
      text,
      line: md.slice(0, m.index).split('\n').length,
      exit: Number(/\bexit=(\d+)/.exec(info)?.[1] ?? 0),
      serve: /\bserve\b/.test(info),
      writes: [...text.matchAll(/^# writes: (.+)$/gm)].flatMap((w) => w[1]!.trim().split(/\s+/)),
    });
  }
  return out;
}

const md = readFileSync('docs/guide.md', 'utf8');
const blocks = shellBlocks(md);
const dir = mkdtempSync(join(tmpdir(), 'megasim-guide-'));
symlinkSync(join(REPO, 'scenarios'), join(dir, 'scenarios'));
const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
const asRun = (text: string) => text.replace(/\bnpx megasim\b/g, `node ${shellQuote(BIN)}`);
const env = { ...process.env, CI: 'true' };

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('docs/guide.md', () => {
  it('marks every shell block as run by this test, and covers the commands it promises', () => {
    expect(blocks.length).toBeGreaterThan(10);
    for (const b of blocks) expect(b.info, `line ${b.line}`).toMatch(/^sh guide\b/);
    const all = blocks.map((b) => b.text).join('\n');
    for (const cmd of ['validate', 'run', 'compare', 'query', 'sweep', 'merge', 'explore', 'verify']) expect(all, cmd).toMatch(new RegExp(`npx megasim ${cmd} `));
    expect(all).toMatch(/--csv my\//);
  });

  for (const b of blocks) {
    const title = `line ${b.line}: ${b.text.split('\n').find((l) => l.startsWith('npx megasim')) ?? b.text.split('\n')[0]}`;
    if (b.serve) {
      it(`${title} (serves the explorer, then is stopped)`, async () => {
        const child = spawn('bash', ['-c', `exec ${asRun(b.text.trim())}`], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
        try {
          const url = await new Promise<string>((res, rej) => {
            let out = '';
            let err = '';
            const timer = setTimeout(() => rej(new Error(`no address printed within 240 s: ${out}${err}`)), 240_000);
            child.stdout.on('data', (d: Buffer) => {
              out += d.toString();
              const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
              if (m) {
                clearTimeout(timer);
                res(m[0]);
              }
            });
            child.stderr.on('data', (d: Buffer) => (err += d.toString()));
            child.once('exit', (code) => {
              clearTimeout(timer);
              rej(new Error(`exited with ${code} before printing an address: ${out}${err}`));
            });
          });
          const page = await fetch(url);
          expect(page.status).toBe(200);
          expect(await page.text()).toContain('megasim explorer');
        } finally {
          if (child.exitCode === null) {
            const gone = new Promise((r) => child.once('exit', r));
            child.kill('SIGTERM');
            await gone;
          }
        }
      }, 300_000);
      continue;
    }
    it(title, () => {
      for (const f of b.writes) expect(existsSync(join(dir, f)), `${f} exists before the block`).toBe(false);
      const r = spawnSync('bash', ['-e', '-o', 'pipefail', '-c', asRun(b.text)], { cwd: dir, env, encoding: 'utf8', timeout: 280_000 });
      expect(r.status, `exit code of the block at line ${b.line}\n${r.stdout}\n${r.stderr}`).toBe(b.exit);
      if (b.exit === 0) expect(r.stderr).not.toMatch(/^megasim: /m);
      else expect(r.stderr).toMatch(/\S/); // a failure says why
      for (const f of b.writes) expect(existsSync(join(dir, f)), `${f} written by the block at line ${b.line}`).toBe(true);
    }, 300_000);
  }
});
