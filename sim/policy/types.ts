/**
 * What a policy module is: a name, its real-world source, a typed parameter
 * block (whose levers carry their English and Chinese labels and docs in the
 * schema's meta: label, label_zh, doc, doc_zh), and how it installs itself in
 * a world. A policy also declares the state it owns, which the registry adds
 * to a world before calling install:
 * - columns: ColumnSets (sim/model/columns.ts) added to the persons or
 *   households table, read through the set's typed `of(w)`;
 * - flows: indicator names of the monthly flows it books (w.flows.declare
 *   gives the slot; observation reports them, 0 in worlds without it);
 * - stocks: indicator names → counters of stock indicators it reports
 *   (observation calls them; they must only read);
 * - invariants: checked-mode invariants (sim/model/invariants.ts), made
 *   once all policies of the world are installed.
 * The levers it sets are the model's (sim/model/levers.ts): a policy turns
 * its parameters into them.
 */
import type { z } from 'zod';
import type { World, StockReport } from '../model/world.ts';
import type { ColumnSet } from '../model/columns.ts';
import type { Invariant } from '../model/invariants.ts';

export interface PolicyModule<S extends z.ZodType = z.ZodType> {
  /** The key used in a scenario's `policies:` block. */
  name: string;
  title: string;
  title_zh: string;
  /** Real-world source of the rule (document and seed file). */
  source: string;
  /** The source in Chinese (the explorer in 中文); the English one when absent. */
  source_zh?: string;
  schema: S;
  /** Columns the policy owns (added to the tables when it is installed). */
  columns?: readonly ColumnSet[];
  /** Indicator names of the flows the policy books, in the order observation reports them. */
  flows?: readonly string[];
  /** Stock indicators the policy reports: indicator name → counter. */
  stocks?: Readonly<Record<string, StockReport>>;
  /** Sets levers and adds rules or steps to the world. Called once, before month 1. */
  install(w: World, params: z.infer<S>): void;
  /** Invariants for checked mode, made after every policy of the world is installed. */
  invariants?(w: World, params: z.infer<S>): Invariant[];
}

export function definePolicy<S extends z.ZodType>(p: PolicyModule<S>): PolicyModule<S> {
  return p;
}
