/**
 * Invariants a policy declares for checked mode (`megasim run --check`,
 * sim/run/checked.ts): checked after every step of every month, beside the
 * model's own. An invariant only reads the world; it returns null when it
 * holds and otherwise the breach's detail. `applied` counts the checks that
 * tested something (e.g. settlement rounds whose quota was checked), for
 * reports and tests.
 */
import type { Invariant } from './world.ts';

export type { Invariant };

/** A quota ledger of the current round (agents, after scaling and carry), kept by a policy that grants under a quota. */
export interface QuotaLedger {
  policy: string;
  /** Grants allowed in the current round. */
  allowed: number;
  /** Grants made in the current round. */
  granted: number;
}

/** "Grants under a quota": the ledger's granted never exceeds its allowed. */
export function quotaInvariant(ledger: QuotaLedger): Invariant {
  return {
    name: 'quotas never exceeded',
    applied: 0,
    check(_w, _m, _step) {
      return ledger.granted > ledger.allowed ? `policy ${ledger.policy} granted ${ledger.granted} in this round, its quota allows ${ledger.allowed}` : null;
    },
  };
}
