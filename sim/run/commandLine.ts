/**
 * The command lines megasim records (manifest.json, the report's Reproduce
 * box): paths quoted for a POSIX shell when they need it, and `npx megasim`,
 * which works after `npm ci` (plain `megasim` is not on PATH then).
 */
import type { RunSettings } from './runScenario.ts';

/** A word quoted for a POSIX shell when it needs it. */
export function shellWord(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The command that repeats a run. */
export function runCommand(file: string, st: RunSettings): string {
  return `npx megasim run ${shellWord(file)} --seed ${st.seed} --replications ${st.replications} --sample ${st.sample} --months ${st.months}`;
}
