/**
 * Issue 12's rule, kept: the explorer's words (viz/explorer/i18n.ts) name no
 * policy. A policy's Chinese lives with the policy: its lever labels, nested
 * block titles and choices in its schema meta (`label_zh`, `choices`), its
 * indicators' titles in their declarations (sim/model/observe/indicators.ts
 * `title_zh`, `meaning_zh`). Checked on the source text, as whole words, and
 * on what the page shows for the policy's levers and indicators.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { POLICIES } from '../../sim/policy/registry.ts';
import { INDICATORS, POLICY_REPORTED } from '../../sim/model/observe/indicators.ts';
import { leversFor } from '../../viz/explorer/levers.ts';
import { indicatorMeaning, indicatorName, leverLabel, optionLabel } from '../../viz/explorer/i18n.ts';
import { loadScenarioFile } from '../../sim/scenario/node.ts';

const SOURCE = readFileSync('viz/explorer/i18n.ts', 'utf8');
const HAN = /[\u4e00-\u9fff]/;

/** Indicator codes a policy reports: POLICY_REPORTED and every policy's declared flows and stocks. */
function policyIndicators(): string[] {
  const out = new Set(POLICY_REPORTED);
  for (const p of POLICIES.values()) {
    for (const f of p.flows ?? []) out.add(f);
    for (const s of Object.keys(p.stocks ?? {})) out.add(s);
  }
  return [...out];
}

describe('viz/explorer/i18n.ts names no policy', () => {
  it('mentions no policy name as a word', () => {
    const names = [...POLICIES.keys()];
    expect(names.length).toBeGreaterThan(10);
    const found = names.filter((n) => new RegExp(`\\b${n}\\b`).test(SOURCE));
    expect(found).toEqual([]);
  });

  it("mentions no policy's indicator code, nor any indicator code at all", () => {
    const codes = policyIndicators();
    expect(codes).toEqual(expect.arrayContaining(['public_rental_grants', 'land_tickets_mu']));
    expect(codes.filter((c) => SOURCE.includes(c))).toEqual([]);
    // The indicator titles moved to the declarations: no indicator's code is a key here either.
    expect(INDICATORS.map((d) => d.name).filter((c) => new RegExp(`^\\s*${c}:`, 'm').test(SOURCE))).toEqual([]);
  });

  it("mentions none of a policy's block or choice words (居转户 route, school access, strategic industries)", () => {
    for (const w of ['hukou_route', 'services_threshold', 'strategic', 'other_zones', 'outside_core', 'insurance_base', 'registered_rental', 'owned_or_public_rental', 'reduce']) {
      expect(SOURCE, w).not.toMatch(new RegExp(`\\b${w}\\b`));
    }
  });
});

describe("a policy's words come from the policy", () => {
  it("titles every indicator in Chinese from its declaration, the policies' ones included", () => {
    const missing = INDICATORS.filter((d) => !d.title_zh || !HAN.test(d.title_zh)).map((d) => d.name);
    expect(missing).toEqual([]);
    expect(indicatorName('zh', 'public_rental_grants')).toBe(INDICATORS.find((d) => d.name === 'public_rental_grants')!.title_zh);
    expect(indicatorName('zh', 'land_tickets_mu')).toMatch(HAN);
    expect(indicatorMeaning('zh', 'land_ticket_payments', 'x')).toMatch(HAN);
    expect(indicatorName('en', 'land_tickets_mu')).toBe('Land tickets mu');
  });

  it("names nested blocks and choices from the schema meta: Shanghai's 居转户 route and school access, Chongqing's strategic industries", () => {
    const sh = leversFor(loadScenarioFile('scenarios/policies/shanghai-points.yaml').resolved);
    const route = sh.find((l) => l.key === 'policies.points.hukou_route.permit_years')!;
    expect(leverLabel('zh', route)).toBe('持居住证年限 (居转户)');
    expect(leverLabel('en', route)).toBe('Years holding a residence permit (居转户 route)');
    const services = leversFor(loadScenarioFile('scenarios/policies/shanghai-points-services.yaml').resolved);
    const school = services.find((l) => l.key === 'policies.points.services_threshold.points')!;
    expect(leverLabel('zh', school)).toContain('入学门槛');
    const cq = leversFor(loadScenarioFile('scenarios/policies/chongqing-2015.yaml').resolved);
    const strategic = cq.find((l) => l.key.endsWith('strategic.years_work'))!;
    expect(leverLabel('zh', strategic)).toContain('战略性新兴产业');
    const stance = cq.find((l) => l.field === 'stance')!;
    expect(stance.choices?.reduce?.label_zh).toBe('人口减载');
    expect(optionLabel('zh', 'reduce', stance.choices)).toBe('人口减载');
    expect(optionLabel('en', 'reduce', stance.choices)).toBe('reduce population');
    expect(optionLabel('zh', 'reduce')).toBe('reduce'); // without the policy's meta the page has no word for it
  });
});
