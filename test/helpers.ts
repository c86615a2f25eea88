/** Shared test helpers: loading shipped scenarios and small overrides. */
import { loadScenarioFile } from '../sim/scenario/node.ts';
import { loadResolved, mergeScenario, type Loaded } from '../sim/scenario/load.ts';

export const CHONGQING = 'scenarios/cities/chongqing-2010.yaml';

/** Loads a shipped scenario and applies an override (deep merge) to its resolved document. */
export function scenarioWith(file: string, override: Record<string, unknown> = {}): Loaded {
  const base = loadScenarioFile(file);
  return loadResolved(`${file}+override`, mergeScenario(base.resolved, override) as Record<string, unknown>);
}
