import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkflowTestBed, type WorkflowTestBed } from '../harness/workflow-worker.js';
import { claimCommand, coveredClaimActivities, fileJkmClaim } from '../fixtures/claim-workflow-fakes.js';
import { approveUpdate, verifyDocumentsUpdate } from '../../workflows/claim-lifecycle/claim-lifecycle.messages.js';

// Finding 7 of issue 16: the payout activity used to give up after 20 attempts (~142 s), failing
// the workflow with the claim stuck in APPROVED. Here the payout fails 25 times in a row (an
// outage longer than that policy allowed, its intervals shortened) and the claim is still paid once.
const OUTAGE_ATTEMPTS = 25;
let failuresLeft = 0;
const attempts = new Map<string, number>();
const paid = new Map<string, number>();

const fakes = coveredClaimActivities(
  {
    async recordTransition(step) {
      if (step.action === 'PAY') paid.set(step.claimId, (paid.get(step.claimId) ?? 0) + 1);
    },
    async payHeir(request) {
      attempts.set(request.claimId, (attempts.get(request.claimId) ?? 0) + 1);
      if (failuresLeft > 0) {
        failuresLeft--;
        throw new Error('connection to the database was lost');
      }
      return { payoutId: request.claimId, reference: `PAY/${request.claimId}/1`, amount: request.amount };
    },
  },
  { declaredMonthlyIncome: '1000000', monthlyContribution: '16800' },
);

let bed: WorkflowTestBed;
beforeAll(async () => {
  bed = await startWorkflowTestBed('payout-outage', fakes);
});
afterAll(async () => {
  await bed?.stop();
});

const person = claimCommand;

describe('a payout outage longer than the old retry policy', () => {
  it(`pays once after ${OUTAGE_ATTEMPTS} failed attempts`, async () => {
    const handle = await fileJkmClaim(bed.client, bed.queues, {
      heir: { name: 'Budi', relationship: 'SPOUSE', phone: null },
      payoutRetry: { initialIntervalMs: 5, maximumIntervalMs: 20, pauseMs: 50 },
    });
    const claimId = handle.claimId;
    await handle.executeUpdate(verifyDocumentsUpdate, { args: [person('caseworker.budi', 'caseworker')] });
    failuresLeft = OUTAGE_ATTEMPTS;
    const t0 = Date.now();
    await handle.executeUpdate(approveUpdate, { args: [person('supervisor.citra', 'supervisor')] });
    expect(await handle.result()).toEqual({ status: 'PAID', payoutReference: `PAY/${claimId}/1` });
    console.log(
      `payout outage: ${attempts.get(claimId)} attempts (${OUTAGE_ATTEMPTS} failed) over ${Math.round((Date.now() - t0) / 1000)} s, paid ${paid.get(claimId)} time(s), stuck 0`,
    );
    expect(attempts.get(claimId)).toBe(OUTAGE_ATTEMPTS + 1);
    expect(paid.get(claimId)).toBe(1);
  });
});
