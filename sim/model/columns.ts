/**
 * Columns a policy owns: declared in the policy's module with defineColumns
 * and added to the persons or households table when the policy is installed
 * (sim/policy/registry.ts), so that a world without the policy has no such
 * column and World's specs name no policy. `of(w)` gives the table's columns
 * typed with the policy's own (a cast, no copy: read it again after a row is
 * added, as World's `cols`).
 */
import type { ColumnSpec, Columns } from '../engine/table.ts';
import type { World } from './world.ts';

export type PolicyTable = 'persons' | 'households';

export interface ColumnSet<E extends ColumnSpec = ColumnSpec> {
  readonly table: PolicyTable;
  readonly spec: E;
  /** Adds the columns to w's table (installPolicies does it before the policy's install). */
  add(w: World): void;
  /** w's table columns, typed as the policy's. Throws if the columns were never added to w. */
  of(w: World): Columns<E>;
}

export function defineColumns<E extends ColumnSpec>(table: PolicyTable, spec: E): ColumnSet<E> {
  const first = Object.keys(spec)[0]!;
  return {
    table,
    spec,
    add: (w) => void w[table].addColumns(spec),
    of: (w) => {
      const cols = w[table].cols as unknown as Columns<E>;
      if (!(first in cols)) throw new Error(`${table} column "${first}" is a policy's and was not added to this world (is the policy installed?)`);
      return cols;
    },
  };
}
