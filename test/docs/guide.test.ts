/**
 * docs/guide.md cannot drift: every ```sh block of the guide is run, in
 * order, by bash in a fresh folder that links `scenarios/` to the
 * repository's (npx outside the repository would look for a package on the
 * registry, so `npx megasim` stands for this checkout's program). A block
 * exits 0 unless its info string says `exit=N`; the files named on its
 * `# writes:` lines must not exist before it and must exist after it. A
 * `serve` block (`megasim explore`) is started, must print its address and
 * serve the explorer page there, and is then stopped.
 *
 * `npx megasim validate` and the `serve` block run this checkout's
 * bin/megasim.mjs as a real process (exit codes 0 and 2 through the process
 * boundary). Every other `npx megasim` is test/docs/megasimClient.mjs: a
 * plain-JavaScript process that hands its arguments and folder to this test
 * process, which runs main() of sim/cli/main.ts on them (as bin/megasim.mjs
 * does) and hands back stdout, stderr and the exit code. So bash, the
 * arguments as the shell splits them, the folder, the files written and the
 * exit codes are as a user's, without paying tsx's and the program's start-up
 * (about 3 s of CPU) on every one of some twenty commands.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { inProcess } from '../helpers.ts';

const REPO = resolve('.');
const BIN = join(REPO, 'bin', 'megasim.mjs');
const CLIENT = join(REPO, 'test', 'docs', 'megasimClient.mjs');

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
/** `npx megasim validate` (and a serve block) as the real bin/megasim.mjs; any other `npx megasim` through the client. */
const asRun = (text: string, real = false) =>
  text.replace(/\bnpx megasim\b( validate\b)?/g, (_m, validate: string | undefined) => (real || validate ? `node ${shellQuote(BIN)}${validate ?? ''}` : `node ${shellQuote(CLIENT)}`));
const sockDir = mkdtempSync(join(tmpdir(), 'megasim-guide-sock-'));
const SOCKET = join(sockDir, 'megasim.sock');
const env = { ...process.env, CI: 'true', MEGASIM_GUIDE_SOCKET: SOCKET };

/** Runs each client's command with main() in this process, in the client's folder, one at a time. */
let server: Server;
let queue: Promise<unknown> = Promise.resolve();
async function runHere(req: { args: string[]; cwd: string }): Promise<{ code: number; stdout: string; stderr: string }> {
  const before = process.cwd();
  const ci = process.env.CI;
  process.chdir(req.cwd);
  process.env.CI = 'true';
  try {
    return await inProcess(...req.args);
  } catch (e) {
    return { code: 70, stdout: '', stderr: `guide test: main() threw ${(e as Error).stack}\n` };
  } finally {
    process.chdir(before);
    if (ci === undefined) delete process.env.CI;
    else process.env.CI = ci;
  }
}
beforeAll(async () => {
  server = createServer({ allowHalfOpen: true }, (conn) => {
    let body = '';
    conn.setEncoding('utf8');
    conn.on('data', (d) => (body += d));
    conn.on('end', () => {
      const job = queue.then(() => runHere(JSON.parse(body) as { args: string[]; cwd: string }));
      queue = job.catch(() => undefined);
      void job.then((r) => conn.end(JSON.stringify(r)));
    });
  });
  await new Promise<void>((res) => server.listen(SOCKET, res));
});
afterAll(async () => {
  await new Promise((res) => server?.close(res));
  rmSync(dir, { recursive: true, force: true });
  rmSync(sockDir, { recursive: true, force: true });
});

/** Runs a block with bash -e -o pipefail, without blocking this process (it answers the clients). */
function bash(text: string, timeoutMs: number): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((res) => {
    const child = spawn('bash', ['-e', '-o', 'pipefail', '-c', text], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (status) => {
      clearTimeout(timer);
      res({ status, stdout, stderr });
    });
  });
}

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
        const child = spawn('bash', ['-c', `exec ${asRun(b.text.trim(), true)}`], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
        try {
          const url = await new Promise<string>((res, rej) => {
            let out = '';
            let err = '';
            // No wall-clock limit: a server that exits fails here; one that hangs, at the test's timeout.
            child.stdout.on('data', (d: Buffer) => {
              out += d.toString();
              const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
              if (m) res(m[0]);
            });
            child.stderr.on('data', (d: Buffer) => (err += d.toString()));
            child.once('exit', (code) => {
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
    it(title, async () => {
      for (const f of b.writes) expect(existsSync(join(dir, f)), `${f} exists before the block`).toBe(false);
      const r = await bash(asRun(b.text), 280_000);
      expect(r.status, `exit code of the block at line ${b.line}\n${r.stdout}\n${r.stderr}`).toBe(b.exit);
      if (b.exit === 0) expect(r.stderr).not.toMatch(/^megasim: /m);
      else expect(r.stderr).toMatch(/\S/); // a failure says why
      for (const f of b.writes) expect(existsSync(join(dir, f)), `${f} written by the block at line ${b.line}`).toBe(true);
    }, 300_000);
  }
});
