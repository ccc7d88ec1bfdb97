import { describe, expect, it } from 'vitest';
import { graphql } from '../harness/graphql.js';
import { casesFor, mutationSpecs, rowCounts, runSweep, useSweepSuite } from '../fixtures/bad-input.js';
import { op } from '../fixtures/operations.js';
import { ACTORS } from '../fixtures/scenario.js';

// The whole bad-input sweep (npm test runs a representative subset, test/e2e/bad-input.test.ts):
// every mutation, every leaf broken every way — wrong types, nulls, missing values, control
// characters, 60 KB strings, impossible dates, float and negative amounts. Each case must get a
// stable code within 20 s, and nothing may be written.
const sweep = useSweepSuite('bad-input-sweep');

describe('the bad-input sweep of every mutation', () => {
  it('answers every case with a stable code, none hangs, nothing is written, and the workflows still work afterwards', async () => {
    const specs = mutationSpecs(sweep.targets);
    const cases = specs.flatMap(casesFor);
    const before = await rowCounts(sweep.db);
    const results = await runSweep(sweep.gateway, cases, { timeoutMs: 20_000 });
    const wrong = results.filter((r) => r.problem);
    const hung = wrong.filter((r) => r.problem?.startsWith('no answer'));
    const byCode = new Map<string, number>();
    for (const r of results) byCode.set(r.code ?? 'none', (byCode.get(r.code ?? 'none') ?? 0) + 1);
    const after = await rowCounts(sweep.db);
    const written = Object.keys(before).filter((table) => before[table] !== after[table]);
    console.log(
      `bad-input sweep: ${specs.length} mutations, ${results.length} cases (${[...byCode].map(([code, n]) => `${code} ${n}`).join(', ')}), ` +
        `${wrong.length} wrong, ${hung.length} hung, ${written.length} tables written, slowest ${Math.max(...results.map((r) => r.ms))} ms`,
    );
    expect(wrong.map((r) => `${r.label}: ${r.problem}`)).toEqual([]);
    expect(written).toEqual([]);

    // No input wedged a workflow: the claims the sweep aimed at still move.
    expect((await graphql(sweep.gateway, op('VerifyClaimDocuments'), { claimId: sweep.targets.submittedClaimId }, ACTORS.verifier)).errors).toBeUndefined();
    expect((await graphql(sweep.gateway, op('ApproveClaim'), { claimId: sweep.targets.verifiedClaimId }, ACTORS.supervisor)).errors).toBeUndefined();
  });
});
