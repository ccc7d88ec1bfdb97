import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalDate } from '../../domain/calendar.js';
import { DomainError } from '../../domain/errors.js';
import { domainErrorFromFailure } from '../contracts/failures.js';
import { startWorker } from '../../services/kit/src/temporal.js';
import { histories, startWorkflowTestBed, workflowBundle, type WorkflowTestBed } from '../../test/harness/workflow-worker.js';
import type { MouLookupActivities, QuotaActivities } from '../enrolment/enrolment.activities.js';
import type { MouCoverageActivities, MouNotice, MouRecordActivities, RenewalMoveActivities, RenewalRefusal, SuccessorQuotaActivities } from './mou-lifecycle.activities.js';
import {
  MOU_LIFECYCLE_WORKFLOW,
  mouProgressQuery,
  mouWorkflowId,
  renewUpdate,
  signUpdate,
  terminateUpdate,
  type MouLifecycleInput,
  type MouLifecycleWorkflow,
  type SignCommand,
} from './mou-lifecycle.messages.js';

// The MoU lifecycle on the real Temporal dev server with fake activities. A compressed clock
// (a local day lasts DAY ms) runs a whole term in seconds; the dates are the city's own.
const HISTORIES = new URL('./histories/', import.meta.url);
const DAY = 300;
/** For tests asserting exact dates: a day long enough for a busy dev server to keep to it. */
const SLOW_DAY = 1000;

type Seen = { statuses: string[]; notices: MouNotice[]; ended: { lastCoveredDay: string; reason: string }[]; budgetChecks: string[]; signatures: string[] };
const seen = new Map<string, Seen>();
const of = (mouId: string): Seen => {
  if (!seen.has(mouId)) seen.set(mouId, { statuses: [], notices: [], ended: [], budgetChecks: [], signatures: [] });
  return seen.get(mouId)!;
};

// The renewal move: each MoU's open enrolments (a list per MoU), the successor's places, who moved where.
type Renewal = {
  open: { enrolmentId: string; occupationGroup: 'RT_RW_HEAD' | 'POSYANDU_CADRE' }[];
  placesLeft: number;
  moved: Map<string, string>;
  refused: RenewalRefusal[];
  pages: number;
};
const renewals = new Map<string, Renewal>();
const renewalOf = (mouId: string): Renewal => {
  if (!renewals.has(mouId)) renewals.set(mouId, { open: [], placesLeft: 0, moved: new Map(), refused: [], pages: 0 });
  return renewals.get(mouId)!;
};
const successorOf = new Map<string, string>();
const renewalFakes: RenewalMoveActivities & SuccessorQuotaActivities & MouLookupActivities & Pick<QuotaActivities, 'releaseQuota'> = {
  async getMouForEnrolment({ mouId }) {
    return {
      mouId,
      mouNumber: 'MOU/9671/2027/0001',
      municipalityId: randomUUID(),
      regionCode: '96.71',
      timeZone: 'Asia/Jayapura',
      status: 'SIGNED',
      validFrom: '2026-01-13',
      validTo: '2027-01-12',
      programs: ['JKK', 'JKM'],
      today: '2026-01-13',
    };
  },
  async renewalCandidates({ mouId, limit }) {
    return renewalOf(mouId).open.slice(0, limit);
  },
  async reserveSuccessorPlaces({ successorId, reservations }) {
    const r = renewalOf(successorOf.get(successorId)!);
    const reserved = reservations.slice(0, Math.max(0, r.placesLeft)).map((x) => x.participantId);
    r.placesLeft -= reserved.length;
    const refused = reservations.slice(reserved.length).map((x) => ({ participantId: x.participantId, code: 'QUOTA_EXCEEDED' as const, message: 'full' }));
    return { reserved, refused };
  },
  async moveToSuccessor({ mouId, moves, refused }) {
    const r = renewalOf(mouId);
    r.pages += 1;
    for (const m of moves) r.moved.set(m.enrolmentId, m.successorEnrolmentId);
    r.refused.push(...refused);
    const listed = new Set([...moves.map((m) => m.enrolmentId), ...refused.map((x) => x.enrolmentId)]);
    r.open = r.open.filter((e) => !listed.has(e.enrolmentId));
    return { moved: moves.length, leftBehind: refused.length, unused: [] };
  },
  async releaseQuota() {},
};

const fakes: MouRecordActivities & MouCoverageActivities & typeof renewalFakes = {
  ...renewalFakes,
  async recordSignature({ mouId, party, status }) {
    of(mouId).signatures.push(party);
    of(mouId).statuses.push(status);
  },
  async recordStatus({ mouId, to }) {
    of(mouId).statuses.push(to);
  },
  async recordTermEnded({ mouId }) {
    of(mouId).statuses.push('TERM_ENDED');
  },
  async recordAddendum({ command }) {
    return { version: 2, validTo: command.validTo ?? '2026-12-31' };
  },
  async recordRenewal({ mouId, command }) {
    of(mouId).statuses.push('RENEWED');
    return { successorId: command.successorId, successorNumber: 'MOU/9671/2027/0001' };
  },
  async notify(notice) {
    of(notice.mouId).notices.push(notice);
  },
  async checkBudget({ mouId, today }) {
    of(mouId).budgetChecks.push(today);
  },
  async endEnrolmentsUnderMou({ mouId, lastCoveredDay, reason }) {
    of(mouId).ended.push({ lastCoveredDay, reason });
    return { ended: 3 };
  },
};

let bed: WorkflowTestBed;
beforeAll(async () => {
  bed = await startWorkflowTestBed('mou-lifecycle', fakes);
});
afterAll(async () => {
  await bed?.stop();
});

const actor = { subject: 'manager.sorong', roles: ['manager' as const], cities: ['96.71'], clientId: null, requestId: null };
const sign = (party: 'CITY' | 'BPJS', signedOn = '2026-01-01'): SignCommand => ({ actor, party, signatory: party === 'CITY' ? 'Septinus Lobat' : 'Nasrullah Umar', signedOn });

/** An MoU whose calendar starts today at 2026-01-01, a day lasting DAY ms. */
function mouInput(term: { validFrom: LocalDate; validTo: LocalDate }, overrides: Partial<MouLifecycleInput['settings']> = {}, queue = bed.queues): MouLifecycleInput {
  return {
    mouId: randomUUID(),
    number: 'MOU/9671/2026/0001',
    settings: {
      clock: { originDate: '2026-01-01', originAtMs: Date.now(), msPerDay: DAY },
      reminderOffsetsDays: [6, 3],
      escalationDaysBefore: 2,
      budgetCheckEveryDays: 4,
      continueAsNewAfterEvents: 10_000,
      ...overrides,
    },
    state: { status: 'DRAFT', signed: [], ...term, remindersSent: [], escalated: false, lastBudgetCheck: null, successorId: null, ended: false },
    queues: queue,
  };
}

async function start(input: MouLifecycleInput, taskQueue = bed.queues.lifecycle) {
  return bed.client.workflow.start<MouLifecycleWorkflow>(MOU_LIFECYCLE_WORKFLOW, { workflowId: mouWorkflowId(input.mouId), taskQueue, args: [input] });
}

async function refusal(action: Promise<unknown>): Promise<DomainError | undefined> {
  const error = await action.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error, 'the step should have been refused').toBeDefined();
  return domainErrorFromFailure(error);
}

describe('MoU lifecycle workflow (fake activities, compressed calendar)', () => {
  it('needs both signatures in either order, each once; signed within the term it is ACTIVE at once', async () => {
    for (const order of [
      ['CITY', 'BPJS'],
      ['BPJS', 'CITY'],
    ] as const) {
      const input = mouInput({ validFrom: '2025-12-01', validTo: '2026-12-31' });
      const handle = await start(input);
      expect(await handle.executeUpdate(signUpdate, { args: [sign(order[0])] })).toMatchObject({ status: 'AWAITING_SIGNATURES', signed: [order[0]] });
      expect(await refusal(handle.executeUpdate(signUpdate, { args: [sign(order[0])] }))).toMatchObject({ code: 'CONFLICT', field: 'party' });
      expect(await handle.executeUpdate(signUpdate, { args: [sign(order[1])] })).toMatchObject({ status: 'ACTIVE' });
      expect(await refusal(handle.executeUpdate(signUpdate, { args: [sign(order[1])] }))).toMatchObject({ code: 'INVALID_TRANSITION' });
      expect(of(input.mouId).signatures).toEqual([...order]);
      expect(of(input.mouId).notices.map((n) => n.kind)).toEqual(['MOU_SIGNED', 'MOU_SIGNED', 'MOU_ACTIVATED']);
      if (order[0] === 'CITY') await histories.keep(HISTORIES, 'signed-active', await handle.fetchHistory());
      await handle.terminate('test over');
    }
  });

  it('refuses a signature dated in the future without recording it', async () => {
    const input = mouInput({ validFrom: '2026-01-05', validTo: '2026-12-31' });
    const handle = await start(input);
    expect(await refusal(handle.executeUpdate(signUpdate, { args: [sign('CITY', '2026-02-01')] }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'signedOn' });
    expect(of(input.mouId).signatures).toEqual([]);
    expect(await handle.query(mouProgressQuery)).toMatchObject({ status: 'DRAFT' });
    await handle.terminate('test over');
  });

  it('goes SIGNED → ACTIVE on validFrom → RENEWAL_DUE with reminders and an escalation → EXPIRED the day after validTo, ending coverage', async () => {
    const input = mouInput({ validFrom: '2026-01-03', validTo: '2026-01-10' }, { clock: { originDate: '2026-01-01', originAtMs: Date.now(), msPerDay: SLOW_DAY } });
    const handle = await start(input);
    await handle.executeUpdate(signUpdate, { args: [sign('CITY')] });
    expect((await handle.executeUpdate(signUpdate, { args: [sign('BPJS')] })).status).toBe('SIGNED');
    expect(await handle.result()).toMatchObject({ status: 'EXPIRED' });
    const mou = of(input.mouId);
    expect(mou.statuses).toEqual(['AWAITING_SIGNATURES', 'SIGNED', 'ACTIVE', 'RENEWAL_DUE', 'EXPIRED']);
    expect(mou.notices.map((n) => [n.kind, n.occurredOn])).toEqual([
      ['MOU_SIGNED', '2026-01-01'],
      ['MOU_SIGNED', '2026-01-01'],
      ['MOU_ACTIVATED', '2026-01-03'],
      ['MOU_RENEWAL_REMINDER', '2026-01-04'],
      ['MOU_RENEWAL_REMINDER', '2026-01-07'],
      ['MOU_RENEWAL_ESCALATION', '2026-01-08'],
      ['MOU_EXPIRED', '2026-01-11'],
    ]);
    expect(mou.notices.find((n) => n.kind === 'MOU_RENEWAL_REMINDER')?.details).toEqual({ daysBefore: 6, validTo: '2026-01-10' });
    expect(mou.ended).toEqual([{ lastCoveredDay: '2026-01-10', reason: 'MOU_EXPIRED' }]);
    expect(mou.budgetChecks).toEqual(['2026-01-03', '2026-01-07']);
    await histories.keep(HISTORIES, 'expired', await handle.fetchHistory());
  });

  it('is renewed once while in force; at the end of its term its participants move to the successor as far as its quota goes, in pages', async () => {
    const input = mouInput({ validFrom: '2025-12-01', validTo: '2026-01-12' });
    const open = Array.from({ length: 12 }, (_, i) => ({ enrolmentId: randomUUID(), occupationGroup: i % 2 ? ('RT_RW_HEAD' as const) : ('POSYANDU_CADRE' as const) }));
    Object.assign(renewalOf(input.mouId), { open: [...open], placesLeft: 10 });
    input.settings.renewalPageSize = 5;
    const handle = await start(input);
    await handle.executeUpdate(signUpdate, { args: [sign('BPJS')] });
    await handle.executeUpdate(signUpdate, { args: [sign('CITY')] });
    const successorId = randomUUID();
    successorOf.set(successorId, input.mouId);
    const command = { actor, successorId, validTo: null, quota: null, groups: null, budgetLines: null };
    expect(await handle.executeUpdate(renewUpdate, { args: [command] })).toMatchObject({ status: 'RENEWED', successorId });
    expect(await refusal(handle.executeUpdate(renewUpdate, { args: [{ ...command, successorId: randomUUID() }] }))).toMatchObject({ code: 'INVALID_TRANSITION' });
    expect(await handle.result()).toMatchObject({ status: 'RENEWED', successorId });
    const mou = of(input.mouId);
    expect(mou.ended).toEqual([{ lastCoveredDay: '2026-01-12', reason: 'MOU_TERM_ENDED' }]);
    expect(mou.notices.find((n) => n.kind === 'MOU_TERM_ENDED')?.details).toEqual({ validTo: '2026-01-12', successorId, movedToSuccessor: 10, leftBehind: 2 });
    expect(mou.notices.filter((n) => n.kind === 'MOU_RENEWAL_REMINDER')).toEqual([]);
    // Longest enrolled first keep their place; each moves under one new id; the rest are reported.
    const moved = renewalOf(input.mouId);
    expect([...moved.moved.keys()]).toEqual(open.slice(0, 10).map((e) => e.enrolmentId));
    expect(new Set(moved.moved.values()).size).toBe(10);
    expect(moved.refused.map((r) => r.enrolmentId)).toEqual(open.slice(10).map((e) => e.enrolmentId));
    expect(moved.pages).toBe(3);
    await histories.keep(HISTORIES, 'renewed-moved', await handle.fetchHistory());
  });

  it('terminates early with a reason: coverage ends today, nothing more can be done', async () => {
    const input = mouInput({ validFrom: '2025-12-01', validTo: '2026-12-31' });
    const handle = await start(input);
    await handle.executeUpdate(signUpdate, { args: [sign('BPJS')] });
    await handle.executeUpdate(signUpdate, { args: [sign('CITY')] });
    expect(await refusal(handle.executeUpdate(terminateUpdate, { args: [{ actor, reason: ' ' }] }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    expect(await handle.executeUpdate(terminateUpdate, { args: [{ actor, reason: 'APBD reallocated' }] })).toMatchObject({ status: 'TERMINATED' });
    expect(await handle.result()).toMatchObject({ status: 'TERMINATED' });
    const terminatedOn = of(input.mouId).notices.find((n) => n.kind === 'MOU_TERMINATED')!.occurredOn;
    expect(of(input.mouId).ended).toEqual([{ lastCoveredDay: terminatedOn, reason: 'MOU_TERMINATED' }]);
    await histories.keep(HISTORIES, 'terminated', await handle.fetchHistory());
  });

  it('carries on after its worker is stopped mid-way and another one starts', async () => {
    const settings = { address: inject('temporalAddress'), namespace: inject('temporalNamespace') };
    const queue = `mou-restart-${randomUUID().slice(0, 8)}`;
    const queues = { ...bed.queues, lifecycle: queue };
    const run = async () => startWorker(settings, { taskQueue: queue, workflowBundle: await workflowBundle() });
    let worker = await run();
    const input = mouInput({ validFrom: '2026-01-05', validTo: '2026-01-08' }, { clock: { originDate: '2026-01-01', originAtMs: Date.now(), msPerDay: 500 } }, queues);
    const handle = await start(input, queue);
    await handle.executeUpdate(signUpdate, { args: [sign('CITY')] });
    await handle.executeUpdate(signUpdate, { args: [sign('BPJS')] });
    await worker.stop();
    // Days pass with no worker for this workflow: its timers wait in the server.
    await new Promise((resolve) => setTimeout(resolve, 4 * 500));
    worker = await run();
    expect(await handle.result()).toMatchObject({ status: 'EXPIRED' });
    // Whatever fell due while no worker ran is done once, in order, when one is back.
    const statuses = of(input.mouId).statuses;
    expect(statuses[0]).toBe('AWAITING_SIGNATURES');
    expect(statuses).toContain('ACTIVE');
    expect(statuses.at(-1)).toBe('EXPIRED');
    expect(of(input.mouId).ended).toEqual([{ lastCoveredDay: '2026-01-08', reason: 'MOU_EXPIRED' }]);
    await worker.stop();
  });

  it('continues as new on a long term and keeps what it knew', async () => {
    // A slower day: a daily budget check plus a new run every few days must not make it skip a reminder.
    const clock = { originDate: '2026-01-01', originAtMs: Date.now(), msPerDay: SLOW_DAY };
    const input = mouInput({ validFrom: '2025-12-01', validTo: '2026-01-08' }, { clock, budgetCheckEveryDays: 1, continueAsNewAfterEvents: 20 });
    const handle = await start(input);
    await handle.executeUpdate(signUpdate, { args: [sign('CITY')] });
    await handle.executeUpdate(signUpdate, { args: [sign('BPJS')] });
    const firstRun = (await handle.describe()).runId;
    expect(await handle.result()).toMatchObject({ status: 'EXPIRED', signed: ['CITY', 'BPJS'] });
    expect((await handle.describe()).runId).not.toBe(firstRun);
    const mou = of(input.mouId);
    // Across every run, no reminder twice and at most one escalation (on a busy server, a reminder
    // that fell due with a later one is passed over, by design).
    const reminders = mou.notices.filter((n) => n.kind === 'MOU_RENEWAL_REMINDER').map((n) => n.details['daysBefore']);
    expect(new Set(reminders).size).toBe(reminders.length);
    expect(mou.notices.filter((n) => n.kind === 'MOU_RENEWAL_ESCALATION').length).toBeLessThanOrEqual(1);
    expect(new Set(mou.notices.map((n) => n.dedupeKey)).size).toBe(mou.notices.length);
    expect(mou.ended).toHaveLength(1);
  });

  it('replays every recorded history', async () => {
    expect(await histories.replayAll(HISTORIES)).toEqual(expect.arrayContaining(['signed-active.json', 'expired.json', 'renewed.json', 'renewed-moved.json', 'terminated.json']));
  });
});
