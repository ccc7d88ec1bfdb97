import { allHandlersFinished, condition, continueAsNew, patched, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import { systemActor } from '../../domain/access.js';
import { addDays, compareLocalDates, type LocalDate } from '../../domain/calendar.js';
import { localDateAt, startOfLocalDay } from '../../domain/local-clock.js';
import { dueSteps, nextWakeDate, type ScheduleFacts } from '../../domain/mou/lifecycle-schedule.js';
import { isFinal, isInForce, renewMou, signMou, terminateMou, type MouStatus } from '../../domain/mou/mou-status.js';
import { DomainError } from '../../domain/errors.js';
import { activityOptions } from '../shared/activity-options.js';
import { Mutex } from '../shared/mutex.js';
import { applyRule, callerFailure } from '../shared/rules.js';
import type { MouLookupActivities, QuotaActivities } from '../enrolment/enrolment.activities.js';
import type { MouCoverageActivities, MouRecordActivities, NotificationKind, RenewalMoveActivities, SuccessorQuotaActivities } from './mou-lifecycle.activities.js';
import { moveParticipantsToSuccessor } from './renewal-move.js';
import { addendumUpdate, mouProgressQuery, renewUpdate, signUpdate, terminateUpdate, type MouLifecycleInput, type MouProgress } from './mou-lifecycle.messages.js';

/** Marks histories in which a renewed MoU's participants move to its successor at the end of its term. */
export const RENEWAL_MOVES_PATCH = 'renewal-moves-participants';

/** The actor recorded for steps the MoU workflow takes on its own. */
export const MOU_WORKFLOW_ACTOR = 'system:mou-lifecycle';

const AMENDABLE: readonly MouStatus[] = ['SIGNED', 'ACTIVE', 'RENEWAL_DUE', 'RENEWED'];

/**
 * One MoU from draft to its end. Workflow id `mou/<mouId>`.
 * Both parties sign (Updates, any order, each once) → ACTIVE on validFrom → RENEWAL_DUE when
 * the reminder window opens, with a reminder at each offset and an escalation → RENEWED by
 * the renew Update, or EXPIRED the day after validTo; TERMINATED early by its Update. On expiry
 * or termination the MoU's participants lose coverage from the next day. Dates are the city's:
 * the clock and every offset are inputs. Long terms continue as new.
 */
export async function mouLifecycle(input: MouLifecycleInput): Promise<MouProgress> {
  const { mouId, settings } = input;
  const municipalities = proxyActivities<MouRecordActivities & SuccessorQuotaActivities & MouLookupActivities & Pick<QuotaActivities, 'releaseQuota'>>(
    activityOptions(input.queues.municipalities),
  );
  const participants = proxyActivities<MouCoverageActivities & RenewalMoveActivities>(activityOptions(input.queues.participants));
  const s = { ...input.state, signed: [...input.state.signed], remindersSent: [...input.state.remindersSent] };
  const turn = new Mutex();
  const system = systemActor(MOU_WORKFLOW_ACTOR);
  let changes = 0;

  const today = (): LocalDate => localDateAt(settings.clock, Date.now());
  const progress = (): MouProgress => ({ status: s.status, signed: [...s.signed], validTo: s.validTo, successorId: s.successorId });
  const facts = (): ScheduleFacts => ({
    status: s.status,
    validFrom: s.validFrom,
    validTo: s.validTo,
    reminderOffsetsDays: settings.reminderOffsetsDays,
    escalationDaysBefore: settings.escalationDaysBefore,
    remindersSent: s.remindersSent,
    escalated: s.escalated,
  });
  const notify = (kind: NotificationKind, key: string, on: LocalDate, details: Record<string, string | number | null> = {}) =>
    municipalities.notify({ mouId, kind, dedupeKey: `mou/${mouId}/${key}`, occurredOn: on, details });
  const setStatus = async (to: MouStatus, on: LocalDate, reason: string | null = null, actor = system) => {
    await municipalities.recordStatus({ mouId, from: [s.status], to, on, reason, actor });
    s.status = to;
  };

  /** Whatever the calendar makes due today: activation, renewal window, reminders, escalation, the end. */
  async function runDue(): Promise<void> {
    const t = today();
    const { steps, facts: after } = dueSteps(facts(), t);
    for (const step of steps) {
      switch (step.kind) {
        case 'ACTIVATE':
          await setStatus('ACTIVE', t);
          await notify('MOU_ACTIVATED', 'activated', t, { validFrom: s.validFrom, validTo: s.validTo });
          break;
        case 'RENEWAL_DUE':
          await setStatus('RENEWAL_DUE', t);
          break;
        case 'REMIND':
          await notify('MOU_RENEWAL_REMINDER', `reminder/${s.validTo}/${step.daysBefore}`, t, { daysBefore: step.daysBefore, validTo: s.validTo });
          break;
        case 'ESCALATE':
          await notify('MOU_RENEWAL_ESCALATION', `escalation/${s.validTo}`, t, { daysBefore: settings.escalationDaysBefore, validTo: s.validTo });
          break;
        case 'END': {
          const renewed = s.status === 'RENEWED';
          // Places first, so no enrolment slips in; then coverage ends after the last day of the term.
          if (renewed) await municipalities.recordTermEnded({ mouId, on: t, actor: system });
          else await setStatus('EXPIRED', t);
          // Renewed: the participants continue under the successor as far as its quota goes (older histories did not move them).
          const moved =
            renewed && s.successorId !== null && patched(RENEWAL_MOVES_PATCH)
              ? await moveParticipantsToSuccessor(
                  { mouId, successorId: s.successorId, lastCoveredDay: s.validTo, actor: system, pageSize: settings.renewalPageSize },
                  municipalities,
                  participants,
                )
              : null;
          await participants.endEnrolmentsUnderMou({ mouId, lastCoveredDay: s.validTo, reason: renewed ? 'MOU_TERM_ENDED' : 'MOU_EXPIRED', actor: system });
          await notify(renewed ? 'MOU_TERM_ENDED' : 'MOU_EXPIRED', 'ended', t, {
            validTo: s.validTo,
            successorId: s.successorId,
            ...(moved ? { movedToSuccessor: moved.moved, leftBehind: moved.leftBehind } : {}),
          });
          s.ended = true;
          break;
        }
      }
    }
    s.remindersSent = [...after.remindersSent];
    s.escalated = after.escalated;
    if (!s.ended && isInForce(s.status) && (s.lastBudgetCheck === null || compareLocalDates(t, addDays(s.lastBudgetCheck, settings.budgetCheckEveryDays)) >= 0)) {
      await municipalities.checkBudget({ mouId, today: t });
      s.lastBudgetCheck = t;
    }
  }

  /** Runs a person's step in turn with the calendar's own; a broken rule reaches the caller with its code. */
  const step = (work: () => Promise<void>) =>
    turn.runExclusive(async () => {
      try {
        await work();
        changes++;
        return progress();
      } catch (error) {
        throw callerFailure(error);
      }
    });

  setHandler(mouProgressQuery, progress);

  setHandler(
    signUpdate,
    (command) =>
      step(async () => {
        const t = today();
        const to = applyRule(() => signMou({ ...s }, command.party, command.signedOn, t));
        await municipalities.recordSignature({ mouId, party: command.party, signatory: command.signatory, signedOn: command.signedOn, status: to, on: t, actor: command.actor });
        s.signed.push(command.party);
        s.status = to;
        await notify('MOU_SIGNED', `signed/${command.party}`, t, { party: command.party, signatory: command.signatory, signedOn: command.signedOn });
        if (to === 'ACTIVE') {
          await notify('MOU_ACTIVATED', 'activated', t, { validFrom: s.validFrom, validTo: s.validTo });
          await runDue();
        }
      }),
    { validator: (command) => void applyRule(() => signMou({ ...s }, command.party, command.signedOn, today())) },
  );

  const checkAmendable = () =>
    applyRule(() => {
      if (!AMENDABLE.includes(s.status) || s.ended) {
        throw new DomainError('INVALID_TRANSITION', `This MoU is ${s.ended ? 'over' : s.status}; only a signed MoU whose term has not ended can be amended.`, 'mouId');
      }
    });
  setHandler(
    addendumUpdate,
    (command) =>
      step(async () => {
        checkAmendable();
        const t = today();
        const result = await municipalities.recordAddendum({ mouId, command, today: t });
        if (result.validTo !== s.validTo) {
          // A new term: reminders and escalation start over for the new end date.
          s.validTo = result.validTo;
          s.remindersSent = [];
          s.escalated = false;
          const windowOpens = addDays(s.validTo, -Math.max(...settings.reminderOffsetsDays));
          if (s.status === 'RENEWAL_DUE' && compareLocalDates(t, windowOpens) < 0) await setStatus('ACTIVE', t, 'term extended by addendum', command.actor);
        }
        await notify('MOU_AMENDED', `addendum/${result.version}`, t, { version: result.version, effectiveFrom: command.effectiveFrom, validTo: s.validTo });
        await runDue();
      }),
    { validator: (_command) => void checkAmendable() },
  );

  const checkRenewable = () =>
    applyRule(() => {
      if (s.ended) throw new DomainError('INVALID_TRANSITION', `This MoU ended on ${s.validTo}; it can no longer be renewed.`, 'id');
      renewMou(s, today());
    });
  setHandler(
    renewUpdate,
    (command) =>
      step(async () => {
        checkRenewable();
        const t = today();
        const successor = await municipalities.recordRenewal({ mouId, command, today: t });
        s.status = 'RENEWED';
        s.successorId = successor.successorId;
        await notify('MOU_RENEWED', 'renewed', t, { successorId: successor.successorId, successorNumber: successor.successorNumber });
      }),
    { validator: (_command) => void checkRenewable() },
  );

  const checkTerminable = (reason: string) =>
    applyRule(() => {
      if (s.ended) throw new DomainError('INVALID_TRANSITION', `This MoU ended on ${s.validTo}; it cannot be terminated.`, 'id');
      terminateMou(s, reason);
    });
  setHandler(
    terminateUpdate,
    (command) =>
      step(async () => {
        checkTerminable(command.reason);
        const t = today();
        const wasInForce = isInForce(s.status);
        await setStatus('TERMINATED', t, command.reason.trim(), command.actor);
        // Covered through today, not after; an MoU not yet in force has no one to end.
        if (wasInForce) await participants.endEnrolmentsUnderMou({ mouId, lastCoveredDay: t, reason: 'MOU_TERMINATED', actor: command.actor });
        await notify('MOU_TERMINATED', 'terminated', t, { reason: command.reason.trim() });
      }),
    { validator: (command) => void checkTerminable(command.reason) },
  );

  while (!isFinal(s.status) && !s.ended) {
    await turn.runExclusive(runDue);
    if (isFinal(s.status) || s.ended) break;
    const info = workflowInfo();
    if (info.historyLength >= settings.continueAsNewAfterEvents || info.continueAsNewSuggested) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof mouLifecycle>({ ...input, state: s });
    }
    const wake = nextWakeDate(facts());
    const budgetCheck = isInForce(s.status) && s.lastBudgetCheck !== null ? addDays(s.lastBudgetCheck, settings.budgetCheckEveryDays) : null;
    const next = [wake, budgetCheck].filter((d): d is LocalDate => d !== null).sort()[0];
    const seen = changes;
    if (next === undefined) await condition(() => changes !== seen);
    else await condition(() => changes !== seen, Math.max(1, startOfLocalDay(settings.clock, next) - Date.now()));
  }
  await condition(allHandlersFinished);
  return progress();
}
