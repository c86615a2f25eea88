import { defineConfig } from 'vitest/config';

// Files that replace modules (vi.mock, vi.doMock, vi.resetModules) need a module graph of their own;
// every other file shares its worker's graph, so the sim's modules are loaded once per worker rather
// than once per file (about two thirds of the suite's time was module loading; docs/performance.md).
export const ISOLATED = ['test/model/layout.test.ts', 'test/viz/explorer-levers.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Two cores: run files in two forks.
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'shared', include: ['test/**/*.test.ts'], exclude: ISOLATED, isolate: false } },
      { extends: true, test: { name: 'isolated', include: ISOLATED, isolate: true } },
    ],
  },
});
