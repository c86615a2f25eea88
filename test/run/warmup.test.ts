/**
 * The compiler warm-up before a large world (sim/run/warmup.ts) runs a small
 * world of the same scenario first and drops it: the real run's bytes must be
 * those it gives without one. The golden digests were made without a warm-up
 * (their worlds are far below the threshold); here the threshold is 0, so the
 * first replication of this process is preceded by one.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { goldenDigest } from '../golden/golden.ts';
import { hasWarmedUp, setWarmUp, warmOnceAWorld, WARM_UP_PERSONS } from '../../sim/run/warmup.ts';
import { loadScenarioFile } from '../../sim/scenario/node.ts';
import { runReplication } from '../../sim/run/simulate.ts';
import { createWorld, startingAgents } from '../../sim/model/build.ts';
import { tallyPersons } from '../../sim/model/balance.ts';
import { IndexList } from '../../sim/engine/scratch.ts';

const golden = JSON.parse(readFileSync('test/golden/digests.json', 'utf8')) as { digests: Record<string, string> };

describe('warm-up before a large world', () => {
  afterAll(() => setWarmUp({ threshold: WARM_UP_PERSONS, warmed: false }));

  it('a world below the threshold is not preceded by one', () => {
    setWarmUp({ threshold: WARM_UP_PERSONS, warmed: false });
    const sc = loadScenarioFile('scenarios/cities/chongqing-2010.yaml').scenario;
    expect(startingAgents(sc.city, 0.001).persons).toBeLessThan(WARM_UP_PERSONS);
    runReplication(sc, { replication: 0, seed: 1, sample: 0.001, months: 1 });
    expect(hasWarmedUp()).toBe(false);
  });

  for (const [first, then] of [
    ['scenarios/policies/chongqing-differentiated.yaml', 'scenarios/policies/chongqing-differentiated.yaml'],
    ['scenarios/policies/beijing-points-relief.yaml', 'scenarios/policies/shenzhen-points-registration.yaml'],
  ]) {
    it(`after a warm-up on ${first}, ${then} gives its golden digest`, () => {
      setWarmUp({ threshold: 0, warmed: false });
      const l = loadScenarioFile(first!).scenario;
      if (first !== then) runReplication(l, { replication: 0, seed: 1, sample: 0.001, months: 1 });
      const digest = goldenDigest(then!);
      expect(hasWarmedUp()).toBe(true);
      expect(digest).toBe(golden.digests[then!]);
    });
  }
});

describe('the once-a-world passes run on another world (warmOnceAWorld)', () => {
  it("leave a world's first months as they were, and they ran (the other world's module scratch is refilled)", () => {
    const sc = loadScenarioFile('scenarios/cities/chongqing-2010.yaml').scenario;
    const plain = runReplication(sc, { replication: 0, seed: 3, sample: 0.002, months: 2 });
    let ran = 0;
    const mixed = runReplication(sc, {
      replication: 0, seed: 3, sample: 0.002, months: 2,
      onStart: () => {
        // Another world, of another seed and size, in another state: its tallies differ from the run's.
        const x = createWorld(sc.city, { sample: 0.001, seed: 9, replication: 0, start: sc.start });
        const rows = new IndexList();
        warmOnceAWorld(x, 2);
        tallyPersons(x, rows);
        ran = rows.n;
      },
    });
    expect(ran).toBeGreaterThan(0);
    expect(mixed.world.mig.balance).toEqual(plain.world.mig.balance);
    expect(Object.is(mixed.world.mig.matching, plain.world.mig.matching)).toBe(true);
    expect(mixed.rows.value.length).toBeGreaterThan(100);
    expect(Array.from(mixed.rows.indicator)).toEqual(Array.from(plain.rows.indicator));
    expect(Array.from(mixed.rows.value)).toEqual(Array.from(plain.rows.value));
    expect(Array.from(mixed.world.persons.cols.unemp)).toEqual(Array.from(plain.world.persons.cols.unemp));
  });
});
