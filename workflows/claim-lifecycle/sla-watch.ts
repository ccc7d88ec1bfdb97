import { condition, patched } from '@temporalio/workflow';
import type { ClaimRecordActivities, SlaClockStarted } from './claim-lifecycle.activities.js';
import { CLAIMS_COMPLETE_PATCH } from './caseworker-steps.js';
import type { ClaimState } from './claim-state.js';

/**
 * Watches the payment clock once documents are complete: at the start of the warn day a
 * supervisor is notified (AT_RISK), after the due day the breach is recorded (BREACHED), unless
 * the claim was paid, rejected or cancelled first. The activities compute the instants from the
 * city's working-day calendar, so this needs no calendar of its own.
 */
export async function watchSlaClocks(claimId: string, state: ClaimState, claims: Pick<ClaimRecordActivities, 'raiseSlaAlert'>): Promise<void> {
  if (!patched(CLAIMS_COMPLETE_PATCH)) return;
  const closed = () => ['PAID', 'REJECTED', 'CANCELLED'].includes(state.progress.status);
  await condition(() => state.clocks.PAYMENT !== undefined || closed());
  const clock = state.clocks.PAYMENT;
  if (!clock || closed()) return;
  const paidOrClosed = () => state.progress.status === 'PAID' || closed();
  if (await waitUntil(clock.warnAtMs, paidOrClosed)) return;
  await claims.raiseSlaAlert({ claimId, step: 'PAYMENT', kind: 'AT_RISK' });
  if (await waitUntil(clock.breachAtMs, paidOrClosed)) return;
  await claims.raiseSlaAlert({ claimId, step: 'PAYMENT', kind: 'BREACHED' });
}

/** True when `done` came first, false when the instant passed. */
async function waitUntil(atMs: SlaClockStarted['warnAtMs'], done: () => boolean): Promise<boolean> {
  const left = atMs - Date.now();
  if (left <= 0) return done();
  return condition(done, left);
}
