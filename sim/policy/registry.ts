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
import { DATE_FIELDS, installDated } from './dates.ts';
import { schoolPointsPolicy } from './schoolPoints.ts';
import { routesPolicy } from './routes.ts';

export const POLICY_LIST = [nonePolicy, conditionsPolicy, pointsPolicy, differentiatedPolicy,
  housingRegistrationPolicy,
  publicRentalPolicy,
  costSharingPolicy,
  landTicketsPolicy,
  reliefPolicy,
  gridGovernancePolicy,
  urbanVillagePolicy,
  schoolPointsPolicy,
  routesPolicy,
] as const satisfies readonly PolicyModule[];

export const POLICIES: ReadonlyMap<string, PolicyModule> = new Map(POLICY_LIST.map((p) => [p.name, p as PolicyModule]));

/** A policy's entry: its parameters plus `from` / `until` (dates.ts). */
type Dates = { from?: string; until?: string };
/** One entry, or a list of dated entries (phases) of the same policy. */
type Entry<O, I> = z.ZodType<(O & Dates) | (O & Dates)[], (I & Dates) | (I & Dates)[]>;

function entry(schema: z.ZodType): z.ZodType {
  const one = (schema as unknown as z.ZodObject).safeExtend(DATE_FIELDS);
  return z.union([one, z.array(one).min(1).max(12)]);
}

/** The scenario's `policies:` block: each known policy optional, unknown keys refused. */
export const PoliciesSchema = z.strictObject(
  Object.fromEntries(POLICY_LIST.map((p) => [p.name, entry(p.schema as z.ZodType).optional().describe(`${p.title} (${p.title_zh}). Source: ${p.source}`)])) as {
    [K in (typeof POLICY_LIST)[number] as K['name']]: z.ZodOptional<Entry<z.output<K['schema']>, z.input<K['schema']>>>;
  },
);
export type PoliciesConfig = z.infer<typeof PoliciesSchema>;

/**
 * Installs the scenario's policies into a world, in registry order: each
 * policy's columns, flows and stock reports are added, then its install runs,
 * then its checked-mode invariants are made. Dated entries start and stop on
 * their months (dates.ts): one installed later is added the same way then.
 */
export function installPolicies(w: World, config: Record<string, unknown>): void {
  installDated(w, w.start, POLICY_LIST as readonly PolicyModule[], config, (w2, p, params) => {
    addPolicy(w2, p, params);
    if (p.invariants) w2.invariants.push(...p.invariants(w2, params));
  });
}

/** Adds one policy's declared state (columns, flows, stock reports) to w and runs its install. */
function addPolicy(w: World, p: PolicyModule, params: unknown): void {
  w.installed.push(p.name);
  for (const c of p.columns ?? []) c.add(w);
  for (const f of p.flows ?? []) w.flows.declare(f);
  for (const [name, count] of Object.entries(p.stocks ?? {})) w.stocks.set(name, count);
  p.install(w, params);
}

/** Installs one policy with already parsed parameters, as installPolicies does (tests, hand-made worlds); with its invariants. */
export function installPolicy<S extends z.ZodType>(w: World, p: PolicyModule<S>, params: z.infer<S>): void {
  addPolicy(w, p as unknown as PolicyModule, params);
  if (p.invariants) w.invariants.push(...p.invariants(w, params));
}
