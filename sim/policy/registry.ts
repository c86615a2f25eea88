/**
 * The policy registry: every policy module by its scenario key. A new policy
 * is one file plus one line here. Policies are installed in this order,
 * whatever the order in the scenario file, so results never depend on it.
 */
import { z } from 'zod';
import type { PolicyModule } from './types.ts';
import type { World } from '../model/world.ts';
import { nonePolicy } from './none.ts';
import { conditionsPolicy } from './conditions.ts';
import { pointsPolicy } from './points.ts';
import { differentiatedPolicy } from './differentiated.ts';
import { housingRegistrationPolicy } from './housingRegistration.ts';
import { publicRentalPolicy } from './publicRental.ts';
import { costSharingPolicy } from './costSharing.ts';
import { landTicketsPolicy } from './landTickets.ts';
import { reliefPolicy } from './relief.ts';
import { gridGovernancePolicy } from './gridGovernance.ts';
import { urbanVillagePolicy } from './urbanVillage.ts';

export const POLICY_LIST = [nonePolicy, conditionsPolicy, pointsPolicy, differentiatedPolicy,
  housingRegistrationPolicy,
  publicRentalPolicy,
  costSharingPolicy,
  landTicketsPolicy,
  reliefPolicy,
  gridGovernancePolicy,
  urbanVillagePolicy,
] as const satisfies readonly PolicyModule[];

export const POLICIES: ReadonlyMap<string, PolicyModule> = new Map(POLICY_LIST.map((p) => [p.name, p as PolicyModule]));

/** The scenario's `policies:` block: each known policy optional, unknown keys refused. */
export const PoliciesSchema = z.strictObject(
  Object.fromEntries(POLICY_LIST.map((p) => [p.name, (p.schema as z.ZodType).optional().describe(`${p.title} (${p.title_zh}). Source: ${p.source}`)])) as {
    [K in (typeof POLICY_LIST)[number] as K['name']]: z.ZodOptional<K['schema']>;
  },
);
export type PoliciesConfig = z.infer<typeof PoliciesSchema>;

/** Installs the scenario's policies into a world, in registry order. */
export function installPolicies(w: World, config: Record<string, unknown>): void {
  for (const p of POLICY_LIST) {
    const params = config[p.name];
    if (params === undefined) continue;
    w.policy.installed.push(p.name);
    (p as PolicyModule).install(w, params);
  }
}
