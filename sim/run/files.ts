/**
 * Writing outputs safely: every file is written to a temporary name in the
 * same folder and renamed into place, so a killed run never leaves a
 * half-written file under the real name. A run folder that already holds
 * files is not written into without `force`.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, writeFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

let tmpCounter = 0;

export class OutputExistsError extends Error {}

/** Checks that `dir` can be used as an output folder (absent, empty, or `force`). Throws OutputExistsError. */
export function checkOutDir(dir: string, force: boolean): void {
  if (!existsSync(dir)) return;
  if (!statSync(dir).isDirectory()) throw new OutputExistsError(`${dir} exists and is not a folder`);
  if (!force && readdirSync(dir).length > 0) throw new OutputExistsError(`${dir} already holds files; choose another --out or add --force to overwrite`);
}

/** Writes a file atomically: temporary file, then rename. */
export function writeAtomic(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${tmpCounter++}.tmp`);
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}
