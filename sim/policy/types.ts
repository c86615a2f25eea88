/** What a policy module is: a name, its real-world source, a typed parameter block, and how it installs itself in a world. */
import type { z } from 'zod';
import type { World } from '../model/world.ts';

export interface PolicyModule<S extends z.ZodType = z.ZodType> {
  /** The key used in a scenario's `policies:` block. */
  name: string;
  title: string;
  title_zh: string;
  /** Real-world source of the rule (document and seed file). */
  source: string;
  schema: S;
  /** Sets policy state and adds rules or steps to the world. Called once, before month 1. */
  install(w: World, params: z.infer<S>): void;
}

export function definePolicy<S extends z.ZodType>(p: PolicyModule<S>): PolicyModule<S> {
  return p;
}
