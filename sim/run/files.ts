/**
 * Writing outputs safely: every file is written to a temporary name in the
 * same folder and renamed into place, so a killed run never leaves a
 * half-written file under the real name. A run folder that already holds
 * files is not written into without `force`; when it is, its old
 * manifest.json is removed before the first new file is written, so the
 * folder never pairs an old manifest with new outputs (a folder without a
 * manifest is not a finished run).
 */
import { existsSync, mkdirSync, readdirSync, renameSync, writeFileSync, statSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../scenario/errors.ts';

let tmpCounter = 0;

export class OutputExistsError extends InputError {}

/** Checks that `dir` can be used as an output folder (absent, empty, or `force`). Throws OutputExistsError. */
export function checkOutDir(dir: string, force: boolean): void {
  if (!existsSync(dir)) return;
  if (!statSync(dir).isDirectory()) throw new OutputExistsError(`${dir} exists and is not a folder`);
  if (!force && readdirSync(dir).length > 0) throw new OutputExistsError(`${dir} already holds files; choose another --out or add --force to overwrite`);
}

/** Before writing a run into `dir` (possibly over an older one): removes the old manifest.json. */
export function startRunFolder(dir: string): void {
  const m = join(dir, 'manifest.json');
  if (existsSync(m)) unlinkSync(m);
}

/**
 * Test hook for the kill-mid-write tests: MEGASIM_CRASH_AT=<file name> kills
 * the process with SIGKILL half-way through writing that file (after half of
 * it reached the temporary file); MEGASIM_CRASH_AT=<file name>+ kills it right
 * after the file was renamed into place. Unset in normal use.
 */
function crashPoint(path: string, phase: 'during' | 'after'): boolean {
  const at = process.env.MEGASIM_CRASH_AT;
  if (!at) return false;
  return phase === 'during' ? at === basename(path) : at === `${basename(path)}+`;
}

/** Writes a file atomically: temporary file, then rename. */
export function writeAtomic(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${tmpCounter++}.tmp`);
  if (crashPoint(path, 'during')) {
    writeFileSync(tmp, typeof data === 'string' ? data.slice(0, data.length >> 1) : data.subarray(0, data.length >> 1));
    process.kill(process.pid, 'SIGKILL');
  }
  writeFileSync(tmp, data);
  renameSync(tmp, path);
  if (crashPoint(path, 'after')) process.kill(process.pid, 'SIGKILL');
}
