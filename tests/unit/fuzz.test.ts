import { describe, expect, it } from 'vitest';
import { runFuzz } from '../fuzz/run.ts';

/**
 * A small run of the compiler fuzz test (`npm run fuzz` runs 10,000 cases): random and mutated slide files,
 * block specs and data files, each compiled in a worker that is stopped if it hangs. Seed 20250514's first
 * cases include `{f}\n[]()`, which crashed the compiler before its CJK line-break rule skipped empty text.
 */
describe('compiler fuzz (small run)', () => {
  it('60 cases: no crash, no hang, every diagnostic located in a file the deck read', async () => {
    const report = await runFuzz({ count: 60, seed: 20250514, workers: 1 });
    expect(report.failures).toEqual([]);
    expect(report.cases).toBe(60);
    expect(report.crashes + report.hangs + report.unlocated).toBe(0);
    expect(report.withDiagnostics).toBeGreaterThan(25); // the cases do reach the compiler's error paths
  }, 120_000);
});
