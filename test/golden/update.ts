/** `npm run golden`: rewrites test/golden/digests.json from the current engine. */
import { writeFileSync } from 'node:fs';
import { GOLDEN_SETTINGS, goldenDigest, shippedScenarios } from './golden.ts';

const digests: Record<string, string> = {};
for (const f of shippedScenarios()) {
  digests[f] = goldenDigest(f);
  console.log(f, digests[f]);
}
writeFileSync('test/golden/digests.json', JSON.stringify({ settings: GOLDEN_SETTINGS, digests }, null, 2) + '\n');
