import { describe, expect, it } from 'vitest';
import { loadResolved, mergeScenario } from '../../sim/scenario/load.ts';
import { loadScenarioFile } from '../../sim/scenario/node.ts';
import { ScenarioError } from '../../sim/scenario/errors.ts';

const base = loadScenarioFile('scenarios/policies/chongqing-differentiated.yaml').resolved;
const attempt = (override: Record<string, unknown>) => () => loadResolved('test', mergeScenario(base, override) as Record<string, unknown>);

describe('zone ids named by policies are checked when the scenario is loaded', () => {
  it('accepts the shipped zone ids', () => {
    expect(attempt({})).not.toThrow();
  });
  it('refuses an unknown zone in differentiated settlement, naming the path and the city zones', () => {
    try {
      attempt({ policies: { differentiated: { zones: { cor: { years_work: 5 } } } } })();
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ScenarioError);
      const p = (e as ScenarioError).first;
      expect(p.path).toBe('policies.differentiated.zones.cor');
      expect(p.expected).toContain('core, expansion, new_district');
    }
  });
  it('refuses unknown zones in public rental and in lists', () => {
    expect(attempt({ policies: { public_rental: { zones: [{ id: 'nowhere', share: 1 }] } } })).toThrow(/policies\.public_rental\.zones\[\d+\]\.id expected a zone id of the city .*found "nowhere"/);
  });
  it('refuses two zones with the same id', () => {
    const zones = (base.city as { zones: Record<string, unknown>[] }).zones;
    const dup = { ...base, city: { ...(base.city as object), zones: [...zones, { ...zones[0] }] } };
    expect(() => loadResolved('test', dup)).toThrow(/found "core" twice/);
  });
});
