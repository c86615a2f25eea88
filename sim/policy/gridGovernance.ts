/**
 * Grid governance and complaint handling (网格化管理, 微网实格, 街乡吹哨、部门报到,
 * 接诉即办, 一网通办 / 一网统管). Sources: seed 000 (000_4ade54e485d7dad9.txt:
 * Beijing's three-level grid management with full coverage; Shenzhen's one
 * grid worker per grid 一格一员; Wuhan's grid information platform with
 * "two-level command, five-level supervision"), seed 001
 * (001_b44d45977e44ef90.txt: Beijing's "the street blows the whistle, the
 * departments report" as a coordination mechanism; Pudong's 一网通办 and
 * 一网统管; Chengdu's micro-grids 微网实格), seed 002 (002_10636263e0de10a9.txt:
 * grids and smart governance in the municipal report) and seed 004
 * (004_1fb7fa6f81cb26db.txt: grid workers, 12345 hotlines with "one number
 * accepts, sorts and follows up", one-window services).
 *
 * Rule. Replaces the city's governance block (w.levers.governance, read by
 * sim/model/governance.ts, the complaint queue) with:
 *   workers      = households / households_per_grid × workers_per_grid
 *                  (written each month as grid_workers_per_1000 =
 *                   1000 × workers / residents, so governance.ts's
 *                   workers = grid_workers_per_1000 × residents / 1000)
 *   detection    = workers × detect_per_worker_month × platform × (0.5 + 0.5 × registry coverage)
 *   dispatch     = workers × resolve_per_worker_month × platform (capacity)
 *   misrouted    = city misroute_share / coordination of the dispatches
 *                  (routing: 吹哨报到 brings the right department)
 *   handling     = city handling_days / platform
 * and, if given, the share of problems residents report themselves
 * (complaint_share: a hotline that answers every call, 接诉即办, draws more
 * reports). Problems raised per household, abandonment and closing
 * unresolved stay the city's. Deterministic: no stream of its own.
 */
import { z } from 'zod';
import { definePolicy } from './types.ts';
import { num, share, source } from '../model/params.ts';
import type { World } from '../model/world.ts';

export const GridGovernanceSchema = z.strictObject({
  households_per_grid: num(10, 10000, { ui: { max: 2000, step: 10 }, label: 'Households per grid', label_zh: '每网格户数', unit: 'households', step: 10, lever: true, doc: "Households in one grid of grid management (网格化管理; Chengdu's micro-grids 微网实格 are smaller).", doc_zh: '网格化管理中每个网格的户数（成都“微网实格”网格更小）。' }).default(300),
  workers_per_grid: num(0, 20, { ui: { max: 5, step: 0.01 }, label: 'Grid workers per grid', label_zh: '每网格网格员', unit: 'workers', step: 0.5, lever: true, doc: 'Grid workers assigned to each grid.', doc_zh: '每个网格配备的网格员人数。' }).default(1),
  detect_per_worker_month: num(0, 1000, { ui: { max: 200, step: 5 }, label: 'Problems a worker detects a month', label_zh: '网格员每月发现问题数', unit: 'problems/month', step: 5 }).default(40),
  resolve_per_worker_month: num(0, 1000, { ui: { max: 200, step: 5 }, label: 'Problems resolved per worker a month', label_zh: '每名网格员每月处置问题数', unit: 'problems/month', step: 5, lever: true, doc: 'Problems one grid worker can get resolved in a month.', doc_zh: '每名网格员每月能处置的问题数。' }).default(60),
  coordination: num(0.1, 5, { label: 'Coordination factor (street whistles, departments report)', label_zh: '街乡吹哨、部门报到系数', unit: 'factor', step: 0.1, lever: true, doc: 'How much faster problems are resolved when "the street blows the whistle and the departments report" (街乡吹哨、部门报到); 1 = no such mechanism.', doc_zh: '“街乡吹哨、部门报到”机制使问题处置加快的倍数；1 表示没有该机制。' }).default(1),
  platform: num(0.1, 5, { label: 'Digital platform factor (一网通办 / 一网统管)', label_zh: '一网通办 / 一网统管系数', unit: 'factor', step: 0.1, lever: true, doc: 'Effect of a digital platform (一网通办 / 一网统管) on detection and resolution; 1 = none.', doc_zh: '数字平台（一网通办 / 一网统管）对发现和处置问题的作用；1 表示没有平台。' }).default(1),
  complaint_share: share({ label: 'Share of problems residents report (hotline)', label_zh: '居民主动反映比例（热线）' })
    .optional()
    .describe("omitted = the city's governance.complaint_share"),
  source,
});
export type GridGovernanceParams = z.infer<typeof GridGovernanceSchema>;

/** Grid workers for a number of households. */
export const gridWorkers = (p: GridGovernanceParams, households: number): number => (households / p.households_per_grid) * p.workers_per_grid;

/** Writes this month's governance block from the policy and the current households and residents. */
export function updateGovernance(w: World, p: GridGovernanceParams): void {
  const G = w.levers.governance!;
  const residents = w.pulse.residents > 0 ? w.pulse.residents : w.persons.count;
  G.grid_workers_per_1000 = residents > 0 ? (1000 * gridWorkers(p, w.households.count)) / residents : 0;
}

export const gridGovernancePolicy = definePolicy({
  name: 'grid_governance',
  title: 'Grid governance and complaint handling',
  title_zh: '网格化治理与接诉即办',
  source:
    'Beijing three-level grids and 街乡吹哨、部门报到, Shenzhen 一格一员, Wuhan grid platform (seed 000_4ade54e485d7dad9.txt); Chengdu 微网实格, 一网通办/一网统管 (seed 001_b44d45977e44ef90.txt); seeds 002, 004',
  schema: GridGovernanceSchema,
  install(w, p) {
    w.levers.governance = {
      ...w.city.governance,
      detect_per_worker_month: p.detect_per_worker_month,
      resolve_per_worker_month: p.resolve_per_worker_month,
      coordination: p.coordination,
      platform: p.platform,
      complaint_share: p.complaint_share ?? w.city.governance.complaint_share,
    };
    updateGovernance(w, p);
    w.schedule.insertBefore('governance', { name: 'grid_governance', monthOfYear: 0, run: (w) => updateGovernance(w, p) });
  },
});
