/**
 * Output folders that never lose or mix files (issue 18).
 *
 * - `checkOutPath` refuses an unusable `--out` before anything is simulated:
 *   a path under a file, a dangling symbolic link or a loop, a system folder
 *   (/proc, /sys, /dev), a folder this process cannot write in.
 * - `openOutput` takes a lock beside the folder (`.NAME.megasim-lock`, created
 *   exclusively, holding the process id), so a second megasim writing the same
 *   folder exits 2 instead of mixing files. A lock whose process is gone is
 *   stale and is cleared, with what that process left behind.
 * - Staged mode (run, compare, merge, a forced sweep): everything is written
 *   into a hidden sibling `.NAME.megasim-new-PID` and swapped in with renames
 *   once complete (`commit`). The old folder stays whole until then; after
 *   the swap, files in it that megasim did not write (a user's notes, a
 *   user's own charts/*.svg) are moved into the new folder. `--force` is
 *   refused (exit 2) for a folder that holds files but is not a megasim
 *   output (no manifest.json or sweep.json written by megasim).
 * - Direct mode (a new or resumed sweep): files are written in place, one
 *   finished run at a time, so `--resume` can continue; megasim's temporary
 *   files left by a kill are removed when the folder is opened again.
 * - SIGINT, SIGTERM and SIGHUP remove the staging folder and the lock, then
 *   exit 128 + the signal number. SIGKILL cannot be caught: its leftovers are
 *   removed by the next megasim that opens the folder.
 *
 * Test hook: MEGASIM_PAUSE_BEFORE_COMMIT=<file> makes `commit` wait (up to
 * 60 s) until <file> exists, after printing "paused before commit" on
 * stderr, so tests can send real signals or start a second run at that
 * moment. Unset in normal use.
 */
import { accessSync, constants, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { OutputExistsError } from './files.ts';

export type OutputKind = 'run' | 'comparison' | 'sweep';

const SYSTEM_ROOTS = ['/proc', '/sys', '/dev'];

function errCode(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? '';
}

/** Refuses an `--out` that cannot be written, before anything runs. Throws OutputExistsError (exit 2). */
export function checkOutPath(outArg: string): string {
  const out = resolve(outArg);
  const refuse = (why: string): never => {
    throw new OutputExistsError(`--out ${outArg}: ${why}; choose another --out`);
  };
  // The path itself.
  let st: ReturnType<typeof lstatSync> | null = null;
  try {
    st = lstatSync(out);
  } catch (e) {
    const c = errCode(e);
    if (c === 'ENOTDIR') {
      // Some ancestor is a file: name it below.
    } else if (c === 'ELOOP') refuse('a symbolic link loop on the way to this folder');
    else if (c !== 'ENOENT') refuse(`cannot be examined (${c})`);
  }
  if (st?.isSymbolicLink()) {
    try {
      const t = statSync(out);
      if (!t.isDirectory()) refuse('is a symbolic link to something that is not a folder');
    } catch (e) {
      const c = errCode(e);
      refuse(c === 'ELOOP' ? 'is a symbolic link loop' : 'is a symbolic link to nothing (a dangling link)');
    }
  } else if (st && !st.isDirectory()) refuse('exists and is not a folder');
  // The nearest existing ancestor: a folder, not a system folder, writable.
  let anc = st ? out : dirname(out);
  for (;;) {
    let a: ReturnType<typeof lstatSync> | null = null;
    try {
      a = statSync(anc);
    } catch (e) {
      const c = errCode(e);
      if (c === 'ELOOP') refuse(`${anc} is a symbolic link loop`);
      if (c !== 'ENOENT' && c !== 'ENOTDIR') refuse(`${anc} cannot be examined (${c})`);
    }
    if (a) {
      if (!a.isDirectory()) refuse(`it lies under ${anc}, which is a file, not a folder`);
      break;
    }
    const up = dirname(anc);
    if (up === anc) break;
    anc = up;
  }
  let real = anc;
  try {
    real = realpathSync(anc);
  } catch {
    real = anc;
  }
  for (const r of SYSTEM_ROOTS) if (real === r || real.startsWith(r + '/')) refuse(`it lies in ${r}, a system folder, not a place for files`);
  const writeIn = existsSync(out) ? [out, dirname(out)] : [anc];
  for (const w of writeIn) {
    try {
      accessSync(w, constants.W_OK | constants.X_OK);
    } catch (e) {
      refuse(`cannot write in ${w} (${errCode(e) === 'EROFS' ? 'a read-only file system' : 'permission denied'})`);
    }
  }
  return out;
}

/** What kind of megasim output a folder holds, or null when it holds no megasim manifest. */
export function megasimKind(dir: string): OutputKind | null {
  const read = (f: string): Record<string, unknown> | null => {
    try {
      const v = JSON.parse(readFileSync(join(dir, f), 'utf8')) as unknown;
      return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
    } catch {
      return null;
    }
  };
  const m = read('manifest.json');
  if (m && typeof m.megasim_version === 'string') return Array.isArray(m.members) ? 'comparison' : 'run';
  const s = read('sweep.json');
  if (s && typeof s.megasim_version === 'string' && typeof s.hash === 'string') return 'sweep';
  return null;
}

/** A megasim temporary file (files.ts's writeAtomic: ".NAME.PID.N.tmp"). */
export const isMegasimTemp = (name: string) => /^\..+\.\d+\.\d+\.tmp$/.test(name);

/** Paths (relative, "/"-separated) of the files megasim wrote in an output folder of this kind. */
export function megasimFiles(dir: string): Set<string> {
  const known = new Set<string>(['manifest.json', 'sweep.json', 'indicators.csv', 'summary.json', 'report.html', 'comparison.csv', 'differences.csv', 'results.csv', 'summary.csv', 'runs/digests.sha256']);
  try {
    const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { outputs?: unknown };
    if (m && m.outputs && typeof m.outputs === 'object') for (const k of Object.keys(m.outputs)) known.add(k);
  } catch {
    /* no manifest */
  }
  return known;
}

function walk(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...walk(dir, r));
    else out.push(r);
  }
  return out;
}

/** Whether a file in an old output folder was written by megasim (and so is replaced, not kept). */
function writtenByMegasim(rel: string, known: Set<string>, kind: OutputKind | null): boolean {
  if (known.has(rel)) return true;
  if (isMegasimTemp(basename(rel))) return true;
  if (kind === 'sweep' && (/^runs\/\d+\.csv$/.test(rel) || /^charts\/[^/]+\.svg$/.test(rel))) return true;
  return false;
}

// ---- signals -------------------------------------------------------------------------------

const cleanups = new Set<() => void>();
const SIGNALS: Record<string, number> = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 };
const handlers = new Map<string, () => void>();

function onSignal(sig: string): void {
  for (const c of [...cleanups]) {
    try {
      c();
    } catch {
      /* best effort */
    }
  }
  cleanups.clear();
  process.stderr.write(`megasim: stopped by ${sig}; nothing half-written was left in the output folder\n`);
  process.exit(128 + SIGNALS[sig]!);
}

function addCleanup(c: () => void): void {
  cleanups.add(c);
  if (handlers.size === 0) {
    for (const sig of Object.keys(SIGNALS)) {
      const h = () => onSignal(sig);
      handlers.set(sig, h);
      process.on(sig as NodeJS.Signals, h);
    }
  }
}

function removeCleanup(c: () => void): void {
  cleanups.delete(c);
  if (cleanups.size === 0) {
    for (const [sig, h] of handlers) process.off(sig as NodeJS.Signals, h);
    handlers.clear();
  }
}

// ---- the lock ------------------------------------------------------------------------------

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return errCode(e) === 'EPERM';
  }
}

const sibling = (out: string, what: string) => join(dirname(out), `.${basename(out)}.megasim-${what}`);

/** Removes what a dead megasim left beside `out`: its staging folder; an old folder it had moved aside is put back. */
function clearLeftovers(out: string): void {
  const parent = dirname(out);
  const prefix = `.${basename(out)}.megasim-`;
  let names: string[] = [];
  try {
    names = readdirSync(parent);
  } catch {
    return;
  }
  for (const n of names) {
    if (!n.startsWith(prefix)) continue;
    const rest = n.slice(prefix.length);
    const m = /^(new|old)-(\d+)$/.exec(rest);
    if (!m || alive(Number(m[2]))) continue;
    const p = join(parent, n);
    if (m[1] === 'old' && !existsSync(out)) renameSync(p, out); // killed between the two renames of a swap
    else rmSync(p, { recursive: true, force: true });
  }
}

function takeLock(out: string): string {
  const lock = sibling(out, 'lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lock, `${process.pid}\n`, { flag: 'wx' });
      return lock;
    } catch (e) {
      if (errCode(e) !== 'EEXIST') throw new OutputExistsError(`--out ${out}: cannot create ${lock} (${errCode(e)}); choose another --out`);
    }
    let pid = NaN;
    try {
      pid = Number(readFileSync(lock, 'utf8').trim());
    } catch {
      /* vanished: retry */
    }
    if (Number.isNaN(pid) || alive(pid) || pid === 0) {
      if (existsSync(lock)) {
        throw new OutputExistsError(
          `another megasim${Number.isFinite(pid) && pid > 0 ? ` (process ${pid})` : ''} is writing ${out} (lock ${lock}); wait for it to finish or choose another --out (remove the lock only if no megasim is running)`,
        );
      }
      continue;
    }
    // Stale: its process is gone.
    rmSync(lock, { force: true });
  }
  throw new OutputExistsError(`--out ${out}: could not take the lock ${lock}; try again`);
}

// ---- opening and committing -----------------------------------------------------------------

export interface OutputTarget {
  /** The output folder the user named. */
  out: string;
  /** Where to write now: the staging folder (staged) or `out` (direct). */
  dir: string;
  staged: boolean;
  /** Staged: swaps the new folder in; direct: releases the lock. */
  commit(): Promise<void>;
  /** Removes the staging folder (staged) and releases the lock. */
  abandon(): void;
}

export interface OpenOptions {
  force: boolean;
  /** Write in place (a new or resumed sweep) instead of staging. */
  direct?: boolean;
  /** Message when the folder holds files and neither --force nor --resume applies. */
  existsMessage?: string;
}

/**
 * Opens `out` for writing (see the file comment). Throws OutputExistsError
 * (exit 2) when the folder may not be written: it holds files and `force` is
 * not given, or `force` is given but it is not a megasim output, or another
 * megasim holds its lock.
 */
export function openOutput(outArg: string, o: OpenOptions): OutputTarget {
  const out = checkOutPath(outArg);
  const held = existsSync(out) && readdirSync(out).length > 0;
  if (held && !o.force && !o.direct) throw new OutputExistsError(o.existsMessage ?? `${out} already holds files; choose another --out or add --force to overwrite`);
  const oldKind = held ? megasimKind(out) : null;
  if (held && o.force && oldKind === null) {
    throw new OutputExistsError(`${out} holds files that megasim did not write (no manifest.json or sweep.json from megasim); --force replaces only a megasim output folder, so nothing was touched; choose another --out`);
  }
  mkdirSync(dirname(out), { recursive: true });
  const lock = takeLock(out);
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    rmSync(lock, { force: true });
  };
  try {
    clearLeftovers(out);
  } catch (e) {
    release();
    throw e;
  }
  if (o.direct) {
    mkdirSync(out, { recursive: true });
    removeTemps(out);
    const cleanup = () => release();
    addCleanup(cleanup);
    return {
      out,
      dir: out,
      staged: false,
      async commit() {
        await pauseHook();
        removeCleanup(cleanup);
        release();
      },
      abandon() {
        removeCleanup(cleanup);
        release();
      },
    };
  }
  const staging = sibling(out, `new-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging);
  const cleanup = () => {
    rmSync(staging, { recursive: true, force: true });
    release();
  };
  addCleanup(cleanup);
  return {
    out,
    dir: staging,
    staged: true,
    async commit() {
      await pauseHook();
      swapIn(out, staging);
      removeCleanup(cleanup);
      release();
    },
    abandon() {
      removeCleanup(cleanup);
      cleanup();
    },
  };
}

/** Moves `out` aside, renames `staging` to `out`, moves the user's own files from the old folder into the new one, removes the old. */
function swapIn(out: string, staging: string): void {
  if (!existsSync(out)) {
    renameSync(staging, out);
    return;
  }
  const old = sibling(out, `old-${process.pid}`);
  rmSync(old, { recursive: true, force: true });
  const kind = megasimKind(out);
  const known = megasimFiles(out);
  renameSync(out, old);
  renameSync(staging, out);
  for (const rel of walk(old)) {
    if (writtenByMegasim(rel, known, kind)) continue;
    const target = join(out, ...rel.split('/'));
    if (existsSync(target)) continue; // a name megasim writes now: the new file stands
    mkdirSync(dirname(target), { recursive: true });
    renameSync(join(old, ...rel.split('/')), target);
  }
  rmSync(old, { recursive: true, force: true });
}

/** Removes megasim's temporary files (left by a kill) from a folder tree written in place. */
export function removeTemps(dir: string): string[] {
  const removed: string[] = [];
  if (!existsSync(dir)) return removed;
  for (const rel of walk(dir)) {
    if (isMegasimTemp(basename(rel))) {
      unlinkSync(join(dir, ...rel.split('/')));
      removed.push(rel);
    }
  }
  return removed;
}

async function pauseHook(): Promise<void> {
  const f = process.env.MEGASIM_PAUSE_BEFORE_COMMIT;
  if (!f) return;
  process.stderr.write('megasim: paused before commit (test hook)\n');
  for (let i = 0; i < 1200 && !existsSync(f); i++) await new Promise((r) => setTimeout(r, 50));
}

/** `p` shown relative to `root` with "/" separators. */
export function relPath(root: string, p: string): string {
  return relative(root, p).split(sep).join('/');
}
