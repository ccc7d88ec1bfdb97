import { ActivityFailure, ApplicationFailure, condition, log, patched, setHandler, sleep } from '@temporalio/workflow';
import { systemActor, type Actor } from '../../domain/access.js';
import { DomainError } from '../../domain/errors.js';
import { validateBankAccount } from '../../domain/payouts/payout-key.js';
import { DEFAULT_PAYOUT_RETRY, type PayoutRetry } from '../shared/activity-options.js';
import { Mutex } from '../shared/mutex.js';
import { applyRule, callerFailure } from '../shared/rules.js';
import type { ClaimRecordActivities, PayoutReceipt } from './claim-lifecycle.activities.js';
import { payoutAccountUpdate, type ClaimLifecycleInput, type ClaimProgress, type PayoutAccountCommand } from './claim-lifecycle.messages.js';
import type { ClaimState } from './claim-state.js';
import type { HeirPayoutReceipt, PayoutActivities, PayoutLine } from './payout.activities.js';

/** The actor recorded for steps the claim workflow takes on its own. */
export const CLAIM_WORKFLOW_ACTOR = 'system:claim-lifecycle';

/** Longest pause between two payout schedules after the activity failed for good. */
const MAX_PAUSE_MS = 60 * 60 * 1000;

/** Histories recorded before payouts went per heir line (one payClaim per claim) replay without it. */
export const PAYOUT_PER_HEIR_PATCH = 'payout-per-heir-line';

/** What the payout step shares with the account Update while the workflow runs. */
export interface PayoutDesk {
  /** Grows with every account entered or corrected: a refusal older than that is retried at once. */
  accountChanges: number;
}

type Claims = Pick<ClaimRecordActivities, 'payClaim' | 'recordTransition'>;

const OPEN_FOR_ACCOUNTS: readonly ClaimProgress['status'][] = ['AWAITING_VERIFICATION', 'DOCUMENTS_REQUESTED', 'AWAITING_APPROVAL', 'APPROVED', 'PAYOUT_FAILED'];

/**
 * The `setPayoutAccount` Update: caseworkers and supervisors enter an heir's account from the
 * savings book while the claim is open, or correct it after the bank refused a transfer; the claim
 * then goes from PAYOUT_FAILED back to APPROVED and the payout step sends the refused lines again.
 */
export function handlePayoutAccounts(
  input: ClaimLifecycleInput,
  state: ClaimState,
  claims: Pick<ClaimRecordActivities, 'recordTransition'>,
  payouts: Pick<PayoutActivities, 'recordPayoutAccount'>,
): PayoutDesk {
  const desk: PayoutDesk = { accountChanges: 0 };
  const turn = new Mutex();
  const check = (command: PayoutAccountCommand) =>
    applyRule(() => {
      if (!command.roles.some((role) => role === 'caseworker' || role === 'supervisor')) {
        throw new DomainError('FORBIDDEN', 'Only caseworkers and supervisors enter an heir’s bank account.', 'roles');
      }
      if (!OPEN_FOR_ACCOUNTS.includes(state.progress.status)) {
        throw new DomainError(
          'INVALID_TRANSITION',
          `This claim is ${state.progress.status.toLowerCase().replaceAll('_', ' ')}; its payout account can no longer be changed.`,
          'status',
        );
      }
      if (!command.heirId) throw new DomainError('BAD_USER_INPUT', 'Name the heir whose account this is.', 'heirId');
      return validateBankAccount(command.account);
    });
  setHandler(
    payoutAccountUpdate,
    (command) =>
      turn.runExclusive(async () => {
        try {
          const account = check(command);
          const actor: Actor = { subject: command.actor, roles: command.roles, cities: command.cities, clientId: null, requestId: command.requestId };
          await payouts.recordPayoutAccount({ claimId: input.claimId, heirId: command.heirId, account, actor });
          desk.accountChanges++;
          if (state.progress.status === 'PAYOUT_FAILED') {
            await claims.recordTransition({ claimId: input.claimId, action: 'RETRY_PAYOUT', from: 'PAYOUT_FAILED', to: 'APPROVED', actor, reasonCode: null, note: command.note });
            state.progress.status = 'APPROVED';
          }
          return { ...state.progress };
        } catch (error) {
          throw callerFailure(error);
        }
      }),
    { validator: (command) => void check(command) },
  );
  return desk;
}

/**
 * Pays an approved claim and marks it PAID: on approval the benefit is booked as payable, then
 * each line (heir, instalment) is paid once by an idempotent activity retried without limit. A
 * line the bank refuses for good puts the claim in PAYOUT_FAILED until a caseworker corrects the
 * account (setPayoutAccount); the lines already paid are not sent again.
 */
export async function payOut(
  claimId: string,
  state: ClaimState,
  claims: Claims,
  retry: PayoutRetry = DEFAULT_PAYOUT_RETRY,
  perHeir?: { payouts: PayoutActivities; desk: PayoutDesk },
): Promise<string> {
  if (!perHeir || !patched(PAYOUT_PER_HEIR_PATCH)) {
    const payout = await payUntilPaid(claimId, claims, retry);
    return markPaid(claimId, state, claims, payout.reference);
  }
  const { payouts, desk } = perHeir;
  const lines = await payouts.listPayoutLines(claimId);
  const total = lines.reduce((sum, line) => sum + BigInt(line.amount), 0n);
  await payouts.recordBenefitPayable({ claimId, amount: total.toString() });
  const paid = new Map<string, HeirPayoutReceipt>();
  const keyOf = (line: PayoutLine) => `${line.heirId}/${line.instalment}`;
  for (;;) {
    const changesBefore = desk.accountChanges;
    const refusals: ApplicationFailure[] = [];
    for (const line of lines.filter((l) => !paid.has(keyOf(l)))) {
      try {
        paid.set(keyOf(line), await payLineUntilSettled(claimId, line, payouts, retry));
      } catch (error) {
        if (!(error instanceof ApplicationFailure)) throw error;
        refusals.push(error);
      }
    }
    if (refusals.length === 0) break;
    // An account corrected while this round ran is tried at once; otherwise wait for a correction.
    if (desk.accountChanges !== changesBefore) continue;
    const [first] = refusals;
    const note = `${refusals.length} of ${lines.length} transfers refused: ${first!.message}`;
    await claims.recordTransition({
      claimId,
      action: 'FAIL_PAYOUT',
      from: 'APPROVED',
      to: 'PAYOUT_FAILED',
      actor: systemActor(CLAIM_WORKFLOW_ACTOR),
      reasonCode: 'PAYOUT_REFUSED',
      note,
    });
    state.progress.status = 'PAYOUT_FAILED';
    log.error(`ALERT payout of claim ${claimId} refused by the bank; waiting for a corrected account`, { claimId, cause: first!.message });
    await condition(() => state.progress.status === 'APPROVED');
  }
  return markPaid(claimId, state, claims, lines.map((line) => paid.get(keyOf(line))!.reference).join(' '));
}

async function markPaid(claimId: string, state: ClaimState, claims: Claims, reference: string): Promise<string> {
  await claims.recordTransition({ claimId, action: 'PAY', from: 'APPROVED', to: 'PAID', actor: systemActor(CLAIM_WORKFLOW_ACTOR), reasonCode: null, note: reference });
  state.progress.status = 'PAID';
  return reference;
}

/** One line: retried through any outage; a PAYOUT_REFUSED failure is returned to the caller as a refusal. */
export async function payLineUntilSettled(claimId: string, line: PayoutLine, payouts: Pick<PayoutActivities, 'payHeir'>, retry: PayoutRetry): Promise<HeirPayoutReceipt> {
  let pause = retry.pauseMs;
  for (let round = 1; ; round++) {
    try {
      return await payouts.payHeir({ claimId, ...line });
    } catch (error) {
      if (!(error instanceof ActivityFailure)) throw error;
      if (error.cause instanceof ApplicationFailure && error.cause.type === 'PAYOUT_REFUSED') throw error.cause;
      log.error(`ALERT payout of claim ${claimId} to heir ${line.heirId} failed for good (round ${round}); scheduling it again in ${Math.round(pause / 1000)} s`, {
        claimId,
        cause: error.cause?.message ?? error.message,
      });
      await sleep(pause);
      pause = Math.min(MAX_PAUSE_MS, pause * 2);
    }
  }
}

async function payUntilPaid(claimId: string, claims: Pick<ClaimRecordActivities, 'payClaim'>, retry: PayoutRetry): Promise<PayoutReceipt> {
  let pause = retry.pauseMs;
  for (let round = 1; ; round++) {
    try {
      return await claims.payClaim({ claimId, instalment: 1 });
    } catch (error) {
      // Histories recorded before this loop ended the workflow here; they must replay as they ran.
      if (!(error instanceof ActivityFailure) || !patched('payout-retried-until-paid')) throw error;
      log.error(`ALERT payout of claim ${claimId} failed for good (round ${round}); scheduling it again in ${Math.round(pause / 1000)} s`, {
        claimId,
        cause: error.cause?.message ?? error.message,
      });
      await sleep(pause);
      pause = Math.min(MAX_PAUSE_MS, pause * 2);
    }
  }
}
