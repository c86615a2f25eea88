/**
 * Citizenisation cost sharing (农业转移人口市民化成本分担, Chongqing). Source:
 * seed 000 (000_4ade54e485d7dad9.txt, "农民工市民化，完善合理的多方成本分担机制"):
 * government about 30% (urban infrastructure and basic public services),
 * employers about 40% (pension, medical and other social insurance), the
 * farmers themselves about 30% (their own insurance contributions and other
 * costs).
 *
 * Rule. Sets w.levers.costShares = [government, employers, persons]. The
 * fiscal step (sim/model/fiscal.ts) then books, each month,
 *   cost = settlements × city.fiscal.public_cost_per_citizen_yuan × cost index
 * to w.flows.costGov / costEmployers / costPersons in these proportions, and
 * splits the citizenisation part of the recurring service cost (new citizens
 * × (hukou − non-hukou service cost a year) × cost index / 12) the same way
 * (w.flows.serviceGov / serviceEmployers / servicePersons). The three shares
 * must add up to 1 (a validation error otherwise). The persons' share of the
 * one-off cost and of the recurring part over the decision's horizon is a
 * cost each converting member counts when deciding to apply
 * (sim/model/hukouValue.ts).
 */
import { z } from 'zod';
import { definePolicy } from './types.ts';
import { share, source } from '../model/params.ts';
import { setPersonsShare } from '../model/hukouValue.ts';

export const CostSharingSchema = z
  .strictObject({
    government: share({ label: 'Government share of the cost of a new citizen', label_zh: '政府分担比例', lever: true, doc: 'Share of the public cost of a new urban citizen paid by government: infrastructure and basic services (Chongqing: about 30%).', doc_zh: '新市民公共成本中由政府承担的比例：基础设施和基本公共服务（重庆约 30%）。' }).default(0.3),
    employers: share({ label: 'Employers share', label_zh: '企业分担比例', lever: true, doc: 'Share paid by employers: pension, medical and other social insurance (Chongqing: about 40%).', doc_zh: '由企业承担的比例：养老、医疗等社会保险（重庆约 40%）。' }).default(0.4),
    persons: share({ label: 'Persons share (own contributions)', label_zh: '个人分担比例', lever: true, doc: 'Share paid by the new citizens themselves: their own contributions (Chongqing: about 30%).', doc_zh: '由新市民本人承担的比例：个人缴费等（重庆约 30%）。' }).default(0.3),
    source,
  })
  .superRefine((v, ctx) => {
    const total = v.government + v.employers + v.persons;
    if (Math.abs(total - 1) > 0.005) {
      ctx.addIssue({ code: 'custom', message: `government + employers + persons must add up to 1, found ${Number(total.toFixed(4))}` });
    }
  });
export type CostSharingParams = z.infer<typeof CostSharingSchema>;

export const costSharingPolicy = definePolicy({
  name: 'cost_sharing',
  title: 'Citizenisation cost sharing',
  title_zh: '市民化成本分担',
  source: 'Chongqing three-way sharing: government ~30%, employers ~40%, persons ~30% (seed 000_4ade54e485d7dad9.txt)',
  source_zh: '重庆三方分担：政府约 30%、企业约 40%、个人约 30%（《超大城市治理案例》）',
  schema: CostSharingSchema,
  install(w, p) {
    // Normalised so that the three parts add up to the cost exactly.
    const t = p.government + p.employers + p.persons;
    w.levers.costShares = [p.government / t, p.employers / t, p.persons / t];
    // The persons' share is a cost each converting member weighs in the apply decision (hukouValue.ts).
    setPersonsShare(w, p.persons / t);
  },
});
