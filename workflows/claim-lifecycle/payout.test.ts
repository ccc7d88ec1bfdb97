import { randomUUID } from 'node:crypto';
import { WithStartWorkflowOperation } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../domain/access.js';
import { DomainError } from '../../domain/errors.js';
import { domainErrorFromFailure } from '../contracts/failures.js';
import type { CoverageOnDateActivities, DeathActivities } from '../contracts/participants.activities.js';
import type { QuotaActivities } from '../enrolment/enrolment.activities.js';
import { histories, startWorkflowTestBed, type WorkflowTestBed } from '../../test/harness/workflow-worker.js';
import type { ClaimRecordActivities, ClaimTransition, CoverageActivities } from './claim-lifecycle.activities.js';
import {
  approveUpdate,
  CLAIM_LIFECYCLE_WORKFLOW,
  claimWorkflowId,
  intakeUpdate,
  payoutAccountUpdate,
  progressQuery,
  verifyDocumentsUpdate,
  type ClaimCommand,
  type ClaimLifecycleInput,
  type ClaimLifecycleWorkflow,
  type PayoutAccountCommand,
} from './claim-lifecycle.messages.js';
import type { ScholarshipActivities } from '../scholarship/scholarship.activities.js';
import type { PayoutActivities, PayoutLine } from './payout.activities.js';

// The payout step with fake activities on the real Temporal dev server: lines per heir, a bank
// refusal that leaves the claim in PAYOUT_FAILED until a caseworker corrects the account, and
// the lines already paid never sent again.
const HISTORIES = new URL('./histories/', import.meta.url);
const transitions = new Map<string, ClaimTransition[]>();
const lines = new Map<string, PayoutLine[]>();
const accounts = new Map<string, string>();
const sends = new Map<string, number>();
const payable = new Map<string, string>();
const CLOSED = '1234560000';

const fakes: CoverageActivities &
  ClaimRecordActivities &
  PayoutActivities &
  CoverageOnDateActivities &
  DeathActivities &
  Pick<QuotaActivities, 'releaseQuota'> &
  Pick<ScholarshipActivities, 'startScholarship'> = {
  async checkCoverage() {
    return { found: true, municipalityId: 'city-1', regionCode: '18.72', decision: { covered: true, reasons: [] } };
  },
  // The claims side's steps (people model, documents checklist, SLA clock) answer as for a complete, covered claim.
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
      declaredMonthlyIncome: '2500000',
      monthlyContribution: '31800',
      dateOfDeath: null,
    };
  },
  async recordDeath(record) {
    return { personId: 'p', dateOfDeath: record.dateOfDeath, ended: [] };
  },
  async releaseQuota() {},
  missingDocuments: async () => [],
  async recordVerification(step) {
    await fakes.recordTransition(step);
    return { missing: [], clock: await fakes.startSlaClock({ claimId: step.claimId, step: 'PAYMENT' }) };
  },
  startSlaClock: async () => ({ dueOn: '2100-01-01', warnOn: '2100-01-01', warnAtMs: Date.now() + 86_400_000, breachAtMs: Date.now() + 2 * 86_400_000 }),
  raiseSlaAlert: async () => undefined,
  async recordClaimSubmitted() {},
  async recordTransition(step) {
    transitions.set(step.claimId, [...(transitions.get(step.claimId) ?? []), step]);
  },
  async payClaim() {
    throw new Error('new workflows pay per heir line');
  },
  async listPayoutLines(claimId) {
    return lines.get(claimId) ?? [];
  },
  // No scholarship in these claims: nothing is started at PAID.
  startScholarship: async () => null,
  async recordBenefitPayable(request) {
    payable.set(request.claimId, request.amount);
  },
  async recordPayoutAccount(change) {
    accounts.set(`${change.claimId}/${change.heirId}`, change.account.accountNumber);
  },
  async payHeir(request) {
    const slot = `${request.claimId}/${request.heirId}/${request.instalment}`;
    const account = accounts.get(`${request.claimId}/${request.heirId}`);
    if (!account) throw new DomainError('PAYOUT_REFUSED', 'No bank account is on file for the heir.', 'account');
    if (account === CLOSED) throw new DomainError('PAYOUT_REFUSED', 'The heir’s bank account is closed.', 'account');
    sends.set(slot, (sends.get(slot) ?? 0) + 1);
    return { payoutId: slot, reference: `LDG-${request.heirId}-${request.instalment}`, amount: request.amount };
  },
};

let bed: WorkflowTestBed;
beforeAll(async () => {
  bed = await startWorkflowTestBed('claim-payout', fakes);
});
afterAll(async () => {
  await bed?.stop();
});

const person = (actor: string, role: Role = 'caseworker'): ClaimCommand => ({ actor, roles: [role], cities: ['18.72'], requestId: null, note: null });
const account = (heirId: string, accountNumber: string, who = person('caseworker.budi')): PayoutAccountCommand => ({
  ...who,
  heirId,
  account: { bankCode: '009', accountNumber, holderName: 'Ahli Waris' },
});

async function approvedClaim(payoutLines: (claimId: string) => PayoutLine[], before?: (handle: Awaited<ReturnType<typeof fileClaim>>) => Promise<void>) {
  const filed = await fileClaim(payoutLines);
  await before?.(filed);
  await filed.executeUpdate(verifyDocumentsUpdate, { args: [person('caseworker.budi')] });
  await filed.executeUpdate(approveUpdate, { args: [person('supervisor.citra', 'supervisor')] });
  return filed;
}

async function fileClaim(payoutLines: (claimId: string) => PayoutLine[]) {
  const claimId = randomUUID();
  lines.set(claimId, payoutLines(claimId));
  const input: ClaimLifecycleInput = {
    claimId,
    participantId: randomUUID(),
    program: 'JKM',
    incidentDate: '2026-03-14',
    heir: { name: 'Budi Santoso', relationship: 'SPOUSE', phone: null },
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
  return Object.assign(await start.workflowHandle(), { claimId });
}

async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200 && !(await check()); i++) await new Promise((resolve) => setTimeout(resolve, 25));
}

const threeHeirs = (claimId: string): PayoutLine[] => [
  { heirId: `${claimId.slice(0, 8)}-spouse`, instalment: 1, amount: '21000000' },
  { heirId: `${claimId.slice(0, 8)}-child1`, instalment: 1, amount: '10500000' },
  { heirId: `${claimId.slice(0, 8)}-child2`, instalment: 1, amount: '10500000' },
];

describe('the payout step, per heir line', () => {
  it('books the benefit as payable on approval and pays every heir once', async () => {
    const handle = await approvedClaim(threeHeirs, async (h) => {
      for (const line of threeHeirs(h.claimId)) await h.executeUpdate(payoutAccountUpdate, { args: [account(line.heirId, '0123456781')] });
    });
    const outcome = await handle.result();
    expect(outcome.status).toBe('PAID');
    expect(payable.get(handle.claimId)).toBe('42000000');
    expect([...sends.entries()].filter(([slot]) => slot.startsWith(handle.claimId)).map(([, n]) => n)).toEqual([1, 1, 1]);
    expect(outcome.payoutReference?.split(' ')).toHaveLength(3);
    await histories.keep(HISTORIES, 'paid-three-heirs', await handle.fetchHistory());
  });

  it('leaves the claim in PAYOUT_FAILED when the bank refuses one heir, and pays only that heir after the account is corrected', async () => {
    const handle = await approvedClaim(threeHeirs, async (h) => {
      const [spouse, child1, child2] = threeHeirs(h.claimId);
      await h.executeUpdate(payoutAccountUpdate, { args: [account(spouse!.heirId, '0123456781')] });
      await h.executeUpdate(payoutAccountUpdate, { args: [account(child1!.heirId, CLOSED)] });
      await h.executeUpdate(payoutAccountUpdate, { args: [account(child2!.heirId, '0123456783')] });
    });
    await until(async () => (await handle.query(progressQuery)).status === 'PAYOUT_FAILED');
    expect((await handle.query(progressQuery)).status).toBe('PAYOUT_FAILED');
    expect(transitions.get(handle.claimId)?.at(-1)).toMatchObject({
      action: 'FAIL_PAYOUT',
      to: 'PAYOUT_FAILED',
      reasonCode: 'PAYOUT_REFUSED',
      note: expect.stringContaining('1 of 3'),
    });

    // Only caseworkers and supervisors enter accounts, and only valid ones.
    const refusal = (command: PayoutAccountCommand) =>
      handle.executeUpdate(payoutAccountUpdate, { args: [command] }).then(
        () => undefined,
        (e: unknown) => domainErrorFromFailure(e)?.code,
      );
    expect(await refusal(account(threeHeirs(handle.claimId)[1]!.heirId, '0123456782', person('manager.dewi', 'manager')))).toBe('FORBIDDEN');
    expect(await refusal(account(threeHeirs(handle.claimId)[1]!.heirId, '12'))).toBe('BAD_USER_INPUT');

    const progress = await handle.executeUpdate(payoutAccountUpdate, { args: [account(threeHeirs(handle.claimId)[1]!.heirId, '0123456782')] });
    expect(progress.status).toBe('APPROVED');
    expect((await handle.result()).status).toBe('PAID');
    expect([...sends.entries()].filter(([slot]) => slot.startsWith(handle.claimId)).map(([, n]) => n)).toEqual([1, 1, 1]);
    expect(transitions.get(handle.claimId)?.map((t) => t.action)).toEqual(['VERIFY_DOCUMENTS', 'APPROVE', 'FAIL_PAYOUT', 'RETRY_PAYOUT', 'PAY']);
    // The workflow has ended: no account can change any more (the service answers INVALID_TRANSITION from the claim's status).
    await expect(handle.executeUpdate(payoutAccountUpdate, { args: [account(threeHeirs(handle.claimId)[1]!.heirId, '0123456782')] })).rejects.toThrow();
    await histories.keep(HISTORIES, 'payout-failed-then-corrected', await handle.fetchHistory());
  });

  it('fails the payout visibly when no account is on file, instead of leaving the claim in APPROVED', async () => {
    const handle = await approvedClaim((claimId) => [{ heirId: claimId, instalment: 1, amount: '42000000' }]);
    await until(async () => (await handle.query(progressQuery)).status === 'PAYOUT_FAILED');
    expect(transitions.get(handle.claimId)?.at(-1)?.note).toMatch(/No bank account/);
    await handle.executeUpdate(payoutAccountUpdate, { args: [account(handle.claimId, '0123456781')] });
    expect(await handle.result()).toEqual({ status: 'PAID', payoutReference: `LDG-${handle.claimId}-1` });
  });

  it('replays the recorded histories of this file', async () => {
    expect(await histories.replayAll(HISTORIES)).toEqual(expect.arrayContaining(['paid-three-heirs.json', 'payout-failed-then-corrected.json']));
  });
});
