/**
 * No settlement: nobody is granted local hukou. The pre-reform baseline of
 * cities whose settlement channels were closed to ordinary migrants.
 */
import { z } from 'zod';
import { definePolicy } from './types.ts';

export const nonePolicy = definePolicy({
  name: 'no_settlement',
  title: 'No settlement',
  title_zh: '不开放落户',
  source: 'baseline: no settlement channel (megasim)',
  source_zh: '基准：无落户渠道（megasim）',
  schema: z.strictObject({}),
  install(w) {
    w.levers.settlementOpen = false;
  },
});
