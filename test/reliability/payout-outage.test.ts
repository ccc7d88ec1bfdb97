import { randomUUID } from 'node:crypto';
import { WithStartWorkflowOperation } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkflowTestBed, type WorkflowTestBed } from '../harness/workflow-worker.js';
import type { ClaimRecordActivities, CoverageActivities } from '../../workflows/claim-lifecycle/claim-lifecycle.activities.js';
import type { PayoutActivities } from '../../workflows/claim-lifecycle/payout.activities.js';
import {
  approveUpdate,
  CLAIM_LIFECYCLE_WORKFLOW,
  claimWorkflowId,
  intakeUpdate,
  verifyDocumentsUpdate,
  type ClaimLifecycleInput,
  type ClaimLifecycleWorkflow,
} from '../../workflows/claim-lifecycle/claim-lifecycle.messages.js';

// Finding 7 of issue 16: the payout activity used to give up after 20 attempts (~142 s), failing
// the workflow with the claim stuck in APPROVED. Here the payout fails 25 times in a row (an
// outage longer than that policy allowed, its intervals shortened) and the claim is still paid once.
const OUTAGE_ATTEMPTS = 25;
let failuresLeft = 0;
const attempts = new Map<string, number>();
const paid = new Map<string, number>();

const fakes: CoverageActivities & ClaimRecordActivities & PayoutActivities & Record<string, unknown> = {
  async checkCoverage() {
    return { found: true, municipalityId: 'city-1', regionCode: '18.72', decision: { covered: true, reasons: [] } };
  },
  async recordClaimSubmitted() {},
  async coverageOnDate() {
    return {
      covered: true,
      reason: null,
      message: '',
      personId: 'p',
      kpjNumber: null,
      enrolmentId: 'e',
      mouId: 'm',
      municipalityId: 'city-1',
      regionCode: '18.72',
      occupationGroup: null,
      statusOnDate: 'ACTIVE' as const,
      endReason: null,
      coverageFrom: '2026-01-01',
      coverageTo: '2027-12-31',
      programs: ['JKK' as const, 'JKM' as const],
      declaredMonthlyIncome: '1000000',
      monthlyContribution: '16800',
      dateOfDeath: null,
    };
  },
  async recordDeath(record: { dateOfDeath: string }) {
    return { personId: 'p', dateOfDeath: record.dateOfDeath, ended: [] };
  },
  missingDocuments: async () => [],
  async recordVerification(step) {
    await fakes.recordTransition(step);
    return { missing: [], clock: await fakes.startSlaClock({ claimId: step.claimId, step: 'PAYMENT' }) };
  },
  startSlaClock: async () => ({ dueOn: '2100-01-01', warnOn: '2100-01-01', warnAtMs: Date.now() + 86_400_000, breachAtMs: Date.now() + 2 * 86_400_000 }),
  raiseSlaAlert: async () => undefined,
  async recordTransition(step) {
    if (step.action === 'PAY') paid.set(step.claimId, (paid.get(step.claimId) ?? 0) + 1);
  },
  async payClaim() {
    throw new Error('new workflows pay per heir line');
  },
  async listPayoutLines(claimId) {
    return [{ heirId: claimId, instalment: 1, amount: '42000000' }];
  },
  async recordBenefitPayable() {},
  // No scholarship in these claims: nothing is started at PAID.
  startScholarship: async () => null,
  async recordPayoutAccount() {},
  async payHeir(request) {
    attempts.set(request.claimId, (attempts.get(request.claimId) ?? 0) + 1);
    if (failuresLeft > 0) {
      failuresLeft--;
      throw new Error('connection to the database was lost');
    }
    return { payoutId: request.claimId, reference: `PAY/${request.claimId}/1`, amount: request.amount };
  },
};

let bed: WorkflowTestBed;
beforeAll(async () => {
  bed = await startWorkflowTestBed('payout-outage', fakes);
});
afterAll(async () => {
  await bed?.stop();
});

const person = (actor: string, role: 'caseworker' | 'supervisor') => ({ actor, roles: [role], cities: ['18.72'], requestId: null, note: null });

describe('a payout outage longer than the old retry policy', () => {
  it(`pays once after ${OUTAGE_ATTEMPTS} failed attempts`, async () => {
    const claimId = randomUUID();
    const input: ClaimLifecycleInput = {
      claimId,
      participantId: randomUUID(),
      program: 'JKM',
      incidentDate: '2026-03-14',
      heir: { name: 'Budi', relationship: 'SPOUSE', phone: null },
      submittedBy: 'caseworker.ani',
      cities: ['18.72'],
      submitterRoles: ['caseworker'],
      requestId: null,
      supervisorThreshold: '20000000',
      queues: bed.queues,
      payoutRetry: { initialIntervalMs: 5, maximumIntervalMs: 20, pauseMs: 50 },
    };
    const start = new WithStartWorkflowOperation<ClaimLifecycleWorkflow>(CLAIM_LIFECYCLE_WORKFLOW, {
      workflowId: claimWorkflowId(claimId),
      taskQueue: bed.queues.lifecycle,
      args: [input],
      workflowIdConflictPolicy: 'FAIL',
    });
    await bed.client.workflow.executeUpdateWithStart(intakeUpdate, { startWorkflowOperation: start });
    const handle = await start.workflowHandle();
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
