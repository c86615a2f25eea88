/**
 * Which build of megasim wrote a folder (issue 18): the git commit of the
 * source when it is a git checkout, and always the SHA-256 of the source
 * tree (sim/, viz/, bin/, package.json, package-lock.json: every file's
 * path and bytes, in path order), so two builds with the same version
 * number, or a checkout with local changes, can be told apart. Computed once
 * per process; it never enters indicators.csv or any digest of results.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';

export interface SourceId {
  /** `git rev-parse HEAD` of the package folder, or null outside a git checkout. */
  commit: string | null;
  /** SHA-256 of the source tree (see the file comment). */
  tree_sha256: string;
}

export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const TREE = ['sim', 'viz', 'bin', 'package.json', 'package-lock.json'];

function files(rel: string, out: string[]): void {
  const p = join(PACKAGE_ROOT, rel);
  if (!existsSync(p)) return;
  if (statSync(p).isDirectory()) {
    for (const n of readdirSync(p).sort()) if (n !== 'node_modules' && !n.startsWith('.')) files(`${rel}/${n}`, out);
  } else out.push(rel);
}

/** The SHA-256 of the source tree. */
export function sourceTreeSha256(): string {
  const list: string[] = [];
  for (const t of TREE) files(t, list);
  const h = createHash('sha256');
  for (const f of list.sort()) {
    const b = readFileSync(join(PACKAGE_ROOT, f));
    h.update(`${f}\0${b.length}\0`);
    h.update(b);
  }
  return h.digest('hex');
}

function gitCommit(): string | null {
  if (!existsSync(join(PACKAGE_ROOT, '.git'))) return null;
  try {
    const s = execFileSync('git', ['-C', PACKAGE_ROOT, 'rev-parse', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 }).trim();
    return /^[0-9a-f]{40}$/.test(s) ? s : null;
  } catch {
    return null;
  }
}

let cached: SourceId | null = null;
export function sourceId(): SourceId {
  cached ??= { commit: gitCommit(), tree_sha256: sourceTreeSha256() };
  return cached;
}
