import { randomUUID } from 'node:crypto';
import { WithStartWorkflowOperation } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../domain/access.js';
import { DomainError } from '../../domain/errors.js';
import { domainErrorFromFailure } from '../contracts/failures.js';
import type { CoverageOnDateActivities, DeathActivities } from '../contracts/participants.activities.js';
import type { QuotaActivities } from '../enrolment/enrolment.activities.js';
import { histories, startWorkflowTestBed, type WorkflowTestBed } from '../../test/harness/workflow-worker.js';
import type { ClaimRecordActivities, ClaimSubmission, ClaimTransition, CoverageActivities, CoverageQuery, SlaAlert } from './claim-lifecycle.activities.js';
import type { ScholarshipActivities } from '../scholarship/scholarship.activities.js';
import type { PayoutActivities } from './payout.activities.js';
import {
  approveUpdate,
  cancelUpdate,
  reopenUpdate,
  requestDocumentsUpdate,
  resubmitDocumentsUpdate,
  CLAIM_LIFECYCLE_WORKFLOW,
  claimWorkflowId,
  intakeUpdate,
  progressQuery,
  rejectUpdate,
  verifyDocumentsUpdate,
  type ClaimCommand,
  type ClaimLifecycleInput,
  type ClaimLifecycleWorkflow,
} from './claim-lifecycle.messages.js';

// The claim workflow on the real Temporal dev server with fake activities on its own queue:
// every path in well under a second, no service or database involved.
const HISTORIES = new URL('./histories/', import.meta.url);
const COVERED_FROM = '2026-01-01';

/** What the fakes saw, per claim. */
const submitted = new Map<string, ClaimSubmission>();
const transitions = new Map<string, ClaimTransition[]>();
const payoutAttempts = new Map<string, number>();
/** Payout attempts that fail as an outage would, before one succeeds. */
let payoutOutages = 0;
/** Payout attempts that fail in a way the activity does not retry, before one succeeds. */
let payoutRefusals = 0;
/** Claims whose documents are not complete yet (missingDocuments answers these types). */
const missingDocs = new Map<string, string[]>();
/** Claims whose payment clock runs in milliseconds; the others' clocks are a day away. */
const fastClocks = new Set<string>();
const alerts = new Map<string, SlaAlert['kind'][]>();
/** Participants in arrears (INACTIVE) for the fake coverage check. */
const IN_ARREARS = '00000000-0000-4000-8000-00000000a77e';

async function payOnce(claimId: string): Promise<void> {
  const attempt = (payoutAttempts.get(claimId) ?? 0) + 1;
  payoutAttempts.set(claimId, attempt);
  if (payoutOutages > 0) {
    payoutOutages--;
    throw new Error('connection to the database was lost');
  }
  if (payoutRefusals > 0) {
    payoutRefusals--;
    throw new DomainError('CONFLICT', 'The payment provider refused the transfer.');
  }
}

/** Deaths recorded and places released, per participant. */
const deaths = new Map<string, string>();
const released: string[] = [];

const fakes: CoverageActivities &
  ClaimRecordActivities &
  PayoutActivities &
  CoverageOnDateActivities &
  DeathActivities &
  Pick<QuotaActivities, 'releaseQuota'> &
  Pick<ScholarshipActivities, 'startScholarship'> = {
  async coverageOnDate(query) {
    const check = await fakes.checkCoverage({ participantId: query.participantId, program: 'JKM', incidentDate: query.date, cities: query.cities });
    const first = check.decision.reasons[0];
    const reason = !check.found ? 'NOT_ENROLLED' : first?.code === 'NOT_ACTIVE' ? 'INACTIVE_ARREARS' : first ? 'BEFORE_START' : null;
    return {
      covered: check.decision.covered,
      reason,
      message: first?.message ?? '',
      personId: check.found ? `person-${query.participantId}` : null,
      kpjNumber: null,
      enrolmentId: check.found ? query.participantId : null,
      mouId: check.found ? 'mou-1' : null,
      municipalityId: check.municipalityId && check.found ? check.municipalityId : null,
      regionCode: check.found ? check.regionCode : null,
      occupationGroup: null,
      statusOnDate: null,
      endReason: null,
      coverageFrom: COVERED_FROM,
      coverageTo: '2027-12-31',
      programs: ['JKK', 'JKM'],
      declaredMonthlyIncome: '2500000',
      monthlyContribution: '31800',
      dateOfDeath: null,
    };
  },
  async recordDeath(record) {
    deaths.set(record.participantId, record.dateOfDeath);
    return {
      personId: `person-${record.participantId}`,
      dateOfDeath: record.dateOfDeath,
      ended: [{ enrolmentId: record.participantId, mouId: 'mou-1', lastCoveredDay: record.dateOfDeath }],
    };
  },
  async releaseQuota({ participantId }) {
    released.push(participantId);
  },
  async checkCoverage(query: CoverageQuery) {
    if (query.participantId === IN_ARREARS) {
      const reasons = [{ code: 'NOT_ACTIVE' as const, message: 'The membership is inactive (contributions unpaid), so the incident is not covered.' }];
      return { found: true, municipalityId: 'city-1', regionCode: '18.72', decision: { covered: false, reasons } };
    }
    const covered = query.incidentDate >= COVERED_FROM;
    const reasons = covered ? [] : [{ code: 'BEFORE_COVERAGE' as const, message: `Coverage started on ${COVERED_FROM}.` }];
    return {
      found: query.participantId !== UNKNOWN,
      municipalityId: 'city-1',
      regionCode: '18.72',
      decision: { covered, reasons },
      declaredMonthlyIncome: '2500000',
      coverageFrom: COVERED_FROM,
    };
  },
  async missingDocuments(claimId) {
    return missingDocs.get(claimId) ?? [];
  },
  async recordVerification(step) {
    const missing = await fakes.missingDocuments(step.claimId);
    if (missing.length > 0) return { missing, clock: null };
    await fakes.recordTransition(step);
    return { missing, clock: await fakes.startSlaClock({ claimId: step.claimId, step: 'PAYMENT' }) };
  },
  async startSlaClock({ claimId }) {
    const fast = fastClocks.has(claimId);
    const now = Date.now();
    return { dueOn: '2026-03-25', warnOn: '2026-03-24', warnAtMs: now + (fast ? 50 : 86_400_000), breachAtMs: now + (fast ? 150 : 2 * 86_400_000) };
  },
  async raiseSlaAlert(alert) {
    alerts.set(alert.claimId, [...(alerts.get(alert.claimId) ?? []), alert.kind]);
  },
  async recordClaimSubmitted(claim) {
    submitted.set(claim.claimId, claim);
  },
  async recordTransition(step) {
    transitions.set(step.claimId, [...(transitions.get(step.claimId) ?? []), step]);
  },
  async payClaim(request) {
    await payOnce(request.claimId);
    return { reference: `PAY/${request.claimId}/1`, amount: '42000000' };
  },
  // One line to the heir on the form; payout.test.ts covers several heirs and refusals.
  async listPayoutLines(claimId) {
    return [{ heirId: claimId, instalment: 1, amount: '42000000' }];
  },
  async recordBenefitPayable() {},
  // No scholarship in these claims: nothing is started at PAID.
  startScholarship: async () => null,
  async recordPayoutAccount() {},
  async payHeir(request) {
    await payOnce(request.claimId);
    return { payoutId: `${request.claimId}/1`, reference: `PAY/${request.claimId}/1`, amount: request.amount };
  },
};

const UNKNOWN = '00000000-0000-4000-8000-000000000000';
let bed: WorkflowTestBed;

beforeAll(async () => {
  bed = await startWorkflowTestBed('claim-lifecycle', fakes);
});
afterAll(async () => {
  await bed?.stop();
});

const person = (actor: string, role: Role = 'caseworker'): ClaimCommand => ({ actor, roles: [role], cities: ['18.72'], requestId: null, note: null });
const ANI = person('caseworker.ani');
const BUDI = person('caseworker.budi');
const CITRA = person('supervisor.citra', 'supervisor');

/** A long outage in milliseconds: the same policy shape, with the intervals shortened. */
const FAST_PAYOUT_RETRY = { initialIntervalMs: 5, maximumIntervalMs: 20, pauseMs: 50 };

const inputs = new Map<string, ClaimLifecycleInput>();
const submittedInput = (claimId: string) => inputs.get(claimId)!;

async function fileClaim(incidentDate = '2026-03-14', participantId = randomUUID(), extra: Partial<ClaimLifecycleInput> = {}) {
  const claimId = randomUUID();
  const input: ClaimLifecycleInput = {
    claimId,
    participantId,
    program: 'JKM',
    incidentDate,
    heir: { name: 'Budi Santoso', relationship: 'SPOUSE', phone: null },
    submittedBy: ANI.actor,
    cities: ['18.72'],
    submitterRoles: ['caseworker'],
    requestId: null,
    supervisorThreshold: '20000000',
    queues: bed.queues,
    ...extra,
  };
  inputs.set(claimId, input);
  const start = new WithStartWorkflowOperation<ClaimLifecycleWorkflow>(CLAIM_LIFECYCLE_WORKFLOW, {
    workflowId: claimWorkflowId(claimId),
    taskQueue: bed.queues.lifecycle,
    args: [input],
    workflowIdConflictPolicy: 'FAIL',
  });
  const intake = bed.client.workflow.executeUpdateWithStart(intakeUpdate, { startWorkflowOperation: start });
  return { claimId, intake, handle: await start.workflowHandle() };
}

async function refusalCode(action: Promise<unknown>): Promise<string | undefined> {
  const error = await action.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error, 'the action should have been refused').toBeDefined();
  return domainErrorFromFailure(error)?.code;
}

describe('claim lifecycle workflow (fake activities)', () => {
  it('takes a covered death in, has it verified and approved by a third person, and pays it once', async () => {
    const { claimId, intake, handle } = await fileClaim();
    expect(await intake).toMatchObject({ status: 'AWAITING_VERIFICATION' });
    expect(submitted.get(claimId)).toMatchObject({ total: '42000000', regulation: expect.any(String) });
    await handle.executeUpdate(verifyDocumentsUpdate, { args: [BUDI] });
    await handle.executeUpdate(approveUpdate, { args: [CITRA] });

    expect(await handle.result()).toEqual({ status: 'PAID', payoutReference: `PAY/${claimId}/1` });
    expect(transitions.get(claimId)?.map((t) => [t.action, t.to, t.actor.subject])).toEqual([
      ['VERIFY_DOCUMENTS', 'AWAITING_APPROVAL', BUDI.actor],
      ['APPROVE', 'APPROVED', CITRA.actor],
      ['PAY', 'PAID', 'system:claim-lifecycle'],
    ]);
    expect(payoutAttempts.get(claimId)).toBe(1);
    // A paid JKM claim records the death (people model) and gives the ended enrolment's place back.
    expect(deaths.get(submitted.get(claimId)!.participantId)).toBe('2026-03-14');
    expect(released).toContain(submitted.get(claimId)!.participantId);
    await histories.keep(HISTORIES, 'paid-verified-in-one-activity', await handle.fetchHistory());
  });

  it('refuses a death before coverage at intake with NOT_ELIGIBLE and records nothing', async () => {
    const { claimId, intake, handle } = await fileClaim('2025-12-31');
    expect(await refusalCode(intake)).toBe('NOT_ELIGIBLE');
    expect(await handle.result()).toEqual({ status: 'NOT_ACCEPTED', payoutReference: null });
    expect(submitted.has(claimId)).toBe(false);
    await histories.keep(HISTORIES, 'not-accepted', await handle.fetchHistory());
  });

  it('refuses a claim for an unknown participant with NOT_FOUND', async () => {
    const { intake, handle } = await fileClaim('2026-03-14', UNKNOWN);
    expect(await refusalCode(intake)).toBe('NOT_FOUND');
    expect((await handle.result()).status).toBe('NOT_ACCEPTED');
  });

  it('ends REJECTED with the reason code, and refuses an unknown reason without recording it', async () => {
    const { claimId, intake, handle } = await fileClaim();
    await intake;
    expect(await refusalCode(handle.executeUpdate(rejectUpdate, { args: [{ ...BUDI, reasonCode: 'BECAUSE' }] }))).toBe('BAD_USER_INPUT');
    await handle.executeUpdate(rejectUpdate, { args: [{ ...BUDI, reasonCode: 'DOCUMENTS_INCOMPLETE', note: 'No death certificate' }] });
    expect(await handle.result()).toEqual({ status: 'REJECTED', payoutReference: null });
    expect(transitions.get(claimId)?.map((t) => [t.action, t.reasonCode])).toEqual([['REJECT', 'DOCUMENTS_INCOMPLETE']]);
    expect(payoutAttempts.has(claimId)).toBe(false);
    await histories.keep(HISTORIES, 'rejected', await handle.fetchHistory());
  });

  it('keeps four eyes and the threshold in the validators: refused approvals change nothing', async () => {
    const { claimId, intake, handle } = await fileClaim();
    await intake;
    expect(await refusalCode(handle.executeUpdate(approveUpdate, { args: [CITRA] }))).toBe('INVALID_TRANSITION');
    await handle.executeUpdate(verifyDocumentsUpdate, { args: [BUDI] });
    expect(await refusalCode(handle.executeUpdate(approveUpdate, { args: [BUDI] }))).toBe('FOUR_EYES');
    expect(await refusalCode(handle.executeUpdate(approveUpdate, { args: [{ ...CITRA, actor: ANI.actor }] }))).toBe('FOUR_EYES');
    expect(await refusalCode(handle.executeUpdate(approveUpdate, { args: [person('caseworker.eko')] }))).toBe('FORBIDDEN');
    expect(await handle.query(progressQuery)).toEqual({ status: 'AWAITING_APPROVAL', verifiedBy: BUDI.actor, approvedBy: null });
    expect(transitions.get(claimId)).toHaveLength(1);
    await handle.terminate('test over');
  });

  it('lets exactly one of two simultaneous approvals through; the other gets INVALID_TRANSITION', async () => {
    const { claimId, intake, handle } = await fileClaim();
    await intake;
    await handle.executeUpdate(verifyDocumentsUpdate, { args: [BUDI] });
    const attempts = await Promise.allSettled([
      handle.executeUpdate(approveUpdate, { args: [CITRA] }),
      handle.executeUpdate(approveUpdate, { args: [{ ...CITRA, actor: 'supervisor.dewi' }] }),
    ]);
    expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
    const loser = attempts.find((a) => a.status === 'rejected') as PromiseRejectedResult;
    expect(domainErrorFromFailure(loser.reason)?.code).toBe('INVALID_TRANSITION');
    expect((await handle.result()).status).toBe('PAID');
    expect(transitions.get(claimId)?.filter((t) => t.action === 'APPROVE')).toHaveLength(1);
  });

  it('retries a payout through an outage and still pays once', async () => {
    const { claimId, intake, handle } = await fileClaim();
    await intake;
    payoutOutages = 2;
    await handle.executeUpdate(verifyDocumentsUpdate, { args: [BUDI] });
    await handle.executeUpdate(approveUpdate, { args: [CITRA] });
    expect((await handle.result()).status).toBe('PAID');
    expect(payoutAttempts.get(claimId)).toBe(3);
    expect(transitions.get(claimId)?.filter((t) => t.action === 'PAY')).toHaveLength(1);
  });

  it('never gives up on a payout: no limit on attempts, pauses growing to a minute', async () => {
    const { intake, handle } = await fileClaim();
    await intake;
    await handle.executeUpdate(verifyDocumentsUpdate, { args: [BUDI] });
    await handle.executeUpdate(approveUpdate, { args: [CITRA] });
    await handle.result();
    const scheduled = (await handle.fetchHistory()).events?.map((e) => e.activityTaskScheduledEventAttributes).filter((a) => a?.activityType?.name === 'payHeir');
    expect(scheduled).toHaveLength(1);
    const policy = scheduled?.[0]?.retryPolicy;
    // 0 is Temporal's "unlimited"; the other activities of the workflow still stop after 20.
    expect(policy?.maximumAttempts ?? 0).toBe(0);
    expect(Number(policy?.maximumInterval?.seconds)).toBe(60);
  });

  it('schedules the payout again after a failure the activity does not retry, instead of failing the claim in APPROVED', async () => {
    const { claimId, intake, handle } = await fileClaim('2026-03-14', randomUUID(), { payoutRetry: FAST_PAYOUT_RETRY });
    await intake;
    await handle.executeUpdate(verifyDocumentsUpdate, { args: [BUDI] });
    payoutRefusals = 2;
    await handle.executeUpdate(approveUpdate, { args: [CITRA] });
    expect(await handle.result()).toEqual({ status: 'PAID', payoutReference: `PAY/${claimId}/1` });
    expect(payoutAttempts.get(claimId)).toBe(3);
    const history = await handle.fetchHistory();
    // The payout's pauses (the payment clock's day-long timer is the SLA watcher's).
    expect(history.events?.filter((e) => e.timerStartedEventAttributes && Number(e.timerStartedEventAttributes.startToFireTimeout?.seconds ?? 0) < 60).length).toBe(2);
    await histories.keep(HISTORIES, 'paid-per-heir-after-payout-rescheduled', history);
  });
});

const heir = (name: string, relationship: 'SPOUSE' | 'CHILD' | 'PARENT') => ({ name, relationship, phone: null });

describe('claim lifecycle, issue 15 (fake activities)', () => {
  it('takes several first-order heirs with equal shares, and records the rule version', async () => {
    const { claimId, intake } = await fileClaim('2026-03-14', randomUUID(), { heirs: [heir('Budi', 'SPOUSE'), heir('Rina', 'CHILD'), heir('Sari', 'CHILD')] });
    await intake;
    const claim = submitted.get(claimId)!;
    expect(claim.ruleVersion).toBe('JKM/PP-82-2019');
    expect(claim.heirs?.map((h) => [h.name, h.legalOrder, `${h.shareNumerator}/${h.shareDenominator}`])).toEqual([
      ['Budi', 1, '1/3'],
      ['Rina', 1, '1/3'],
      ['Sari', 1, '1/3'],
    ]);
  });

  it('refuses heirs out of legal order and a claim in arrears with their reasons, recording nothing', async () => {
    const wrongOrder = await fileClaim('2026-03-14', randomUUID(), { heirs: [heir('Budi', 'SPOUSE'), heir('Pak Hasan', 'PARENT')] });
    const failure = await wrongOrder.intake.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(domainErrorFromFailure(failure)).toMatchObject({ code: 'NOT_ELIGIBLE', details: { reason: 'HEIR_ORDER' } });
    const arrears = await fileClaim('2026-03-14', IN_ARREARS);
    const refused = await arrears.intake.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(domainErrorFromFailure(refused)).toMatchObject({ code: 'NOT_ELIGIBLE', details: { reason: 'INACTIVE_ARREARS' } });
    expect(submitted.has(wrongOrder.claimId) || submitted.has(arrears.claimId)).toBe(false);
  });

  it('computes a JKK claim from the declared income of the enrolment: 12 months of incapacity and a disability', async () => {
    const { claimId, intake } = await fileClaim('2026-03-14', randomUUID(), {
      program: 'JKK',
      jkk: { outcome: 'PARTIAL_DISABILITY', incapacityMonths: 12, disabilities: ['ONE_EYE'] },
    });
    await intake;
    const claim = submitted.get(claimId)!;
    expect(claim.components.map((c) => [c.code, c.amount])).toEqual([
      ['TEMPORARY_INCAPACITY', '30000000'],
      ['PARTIAL_DISABILITY', '70000000'],
    ]);
    expect(claim.facts).toMatchObject({ declaredMonthlyIncome: '2500000', incomeSource: 'ENROLMENT' });
  });

  it('refuses verification while documents are missing, asks for more, takes them again, and can be cancelled', async () => {
    const { claimId, intake, handle } = await fileClaim();
    await intake;
    missingDocs.set(claimId, ['DEATH_CERTIFICATE']);
    const incomplete = await handle.executeUpdate(verifyDocumentsUpdate, { args: [BUDI] }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(domainErrorFromFailure(incomplete)).toMatchObject({ code: 'INVALID_TRANSITION', details: { reason: 'DOCUMENTS_INCOMPLETE' } });
    expect(await refusalCode(handle.executeUpdate(requestDocumentsUpdate, { args: [BUDI] }))).toBe('BAD_USER_INPUT');
    await handle.executeUpdate(requestDocumentsUpdate, { args: [{ ...BUDI, note: 'Bring the death certificate' }] });
    expect(await refusalCode(handle.executeUpdate(verifyDocumentsUpdate, { args: [BUDI] }))).toBe('INVALID_TRANSITION');
    await handle.executeUpdate(resubmitDocumentsUpdate, { args: [BUDI] });
    await handle.executeUpdate(cancelUpdate, { args: [{ ...BUDI, note: 'Filed twice by mistake' }] });
    expect(await handle.result()).toEqual({ status: 'CANCELLED', payoutReference: null });
    expect(transitions.get(claimId)?.map((t) => t.action)).toEqual(['REQUEST_DOCUMENTS', 'RESUBMIT_DOCUMENTS', 'CANCEL']);
    await histories.keep(HISTORIES, 'documents-incomplete-in-one-activity', await handle.fetchHistory());
  });

  it('reopens a rejected claim as a new run from the documents step; an earlier approver may not approve it again', async () => {
    const first = await fileClaim();
    await first.intake;
    await first.handle.executeUpdate(rejectUpdate, { args: [{ ...BUDI, reasonCode: 'DOCUMENTS_INVALID' }] });
    expect((await first.handle.result()).status).toBe('REJECTED');
    const input: ClaimLifecycleInput = {
      ...(await first.handle.describe().then(() => submittedInput(first.claimId))),
      reopened: {
        by: CITRA.actor,
        roles: ['supervisor'],
        reason: 'The heir brought a valid certificate',
        requestId: null,
        benefitTotal: '42000000',
        pastApprovers: ['supervisor.dewi'],
      },
    };
    const start = new WithStartWorkflowOperation<ClaimLifecycleWorkflow>(CLAIM_LIFECYCLE_WORKFLOW, {
      workflowId: claimWorkflowId(first.claimId),
      taskQueue: bed.queues.lifecycle,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
    expect(await bed.client.workflow.executeUpdateWithStart(reopenUpdate, { startWorkflowOperation: start })).toMatchObject({ status: 'AWAITING_VERIFICATION' });
    const handle = await start.workflowHandle();
    await handle.executeUpdate(verifyDocumentsUpdate, { args: [BUDI] });
    expect(await refusalCode(handle.executeUpdate(approveUpdate, { args: [{ ...CITRA, actor: 'supervisor.dewi' }] }))).toBe('FOUR_EYES');
    await handle.executeUpdate(approveUpdate, { args: [CITRA] });
    expect((await handle.result()).status).toBe('PAID');
    expect(transitions.get(first.claimId)?.map((t) => t.action)).toEqual(['REJECT', 'REOPEN', 'VERIFY_DOCUMENTS', 'APPROVE', 'PAY']);
    await histories.keep(HISTORIES, 'reopened-paid', await handle.fetchHistory());
  });

  it('escalates a claim whose payment clock nears its deadline, then records the breach; a paid claim raises nothing', async () => {
    const late = await fileClaim();
    await late.intake;
    fastClocks.add(late.claimId);
    await late.handle.executeUpdate(verifyDocumentsUpdate, { args: [BUDI] });
    for (let i = 0; i < 100 && (alerts.get(late.claimId)?.length ?? 0) < 2; i++) await new Promise((r) => setTimeout(r, 50));
    expect(alerts.get(late.claimId)).toEqual(['AT_RISK', 'BREACHED']);
    await late.handle.executeUpdate(approveUpdate, { args: [CITRA] });
    expect((await late.handle.result()).status).toBe('PAID');
    await histories.keep(HISTORIES, 'sla-breached', await late.handle.fetchHistory());

    const onTime = await fileClaim();
    await onTime.intake;
    await onTime.handle.executeUpdate(verifyDocumentsUpdate, { args: [BUDI] });
    await onTime.handle.executeUpdate(approveUpdate, { args: [CITRA] });
    expect((await onTime.handle.result()).status).toBe('PAID');
    expect(alerts.has(onTime.claimId)).toBe(false);
  });

  it('replays every recorded history, so a non-deterministic change to the workflow fails here', async () => {
    const replayed = await histories.replayAll(HISTORIES);
    expect(replayed).toEqual(
      expect.arrayContaining([
        'paid.json',
        'not-accepted.json',
        'rejected.json',
        'paid-with-real-services.json',
        'paid-after-payout-refused.json',
        'paid-per-heir-line.json',
        'paid-per-heir-after-payout-rescheduled.json',
        'documents-requested-cancelled.json',
        'reopened-paid.json',
        'sla-breached.json',
        'paid-recording-death.json',
        'paid-three-heirs.json',
        'payout-failed-then-corrected.json',
        'paid-per-heir-recording-death.json',
      ]),
    );
  });
});
