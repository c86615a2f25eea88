/** Shared test helpers: loading shipped scenarios and small overrides. */
import { spawnSync } from 'node:child_process';
import { main } from '../sim/cli/main.ts';
import { loadScenarioFile } from '../sim/scenario/node.ts';
import { loadResolved, mergeScenario, type Loaded } from '../sim/scenario/load.ts';

export const CHONGQING = 'scenarios/cities/chongqing-2010.yaml';

/** Loads a shipped scenario and applies an override (deep merge) to its resolved document. */
export function scenarioWith(file: string, override: Record<string, unknown> = {}): Loaded {
  const base = loadScenarioFile(file);
  return loadResolved(`${file}+override`, mergeScenario(base.resolved, override) as Record<string, unknown>);
}

/** Runs the `megasim` command as a child process (as a user would), with CI=true. */
export const cli = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ['bin/megasim.mjs', ...args], { encoding: 'utf8', env: { ...process.env, CI: 'true', ...env } });

/** Runs main() of sim/cli/main.ts in this process, capturing stdout and stderr; returns its exit code. */
export async function inProcess(...args: string[]): Promise<{ code: number; stderr: string; stdout: string }> {
  const err: string[] = [];
  const out: string[] = [];
  const we = process.stderr.write.bind(process.stderr);
  const wo = process.stdout.write.bind(process.stdout);
  process.stderr.write = ((s: string) => (err.push(String(s)), true)) as typeof process.stderr.write;
  process.stdout.write = ((s: string) => (out.push(String(s)), true)) as typeof process.stdout.write;
  try {
    process.exitCode = undefined;
    const code = await main(args);
    return { code, stderr: err.join(''), stdout: out.join('') };
  } finally {
    process.stderr.write = we;
    process.stdout.write = wo;
    process.exitCode = undefined;
  }
}
