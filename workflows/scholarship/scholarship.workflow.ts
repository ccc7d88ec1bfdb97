import { ApplicationFailure, condition, continueAsNew, log, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import { activityOptions, DEFAULT_PAYOUT_RETRY, payoutActivityOptions } from '../shared/activity-options.js';
import { payLineUntilSettled } from '../claim-lifecycle/payout.js';
import type { ScholarshipActivities } from './scholarship.activities.js';
import { scholarshipChangedSignal, scholarshipProgressQuery, type ScholarshipInput, type ScholarshipOutcome } from './scholarship.messages.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A claim's JKM scholarship, from its PAID to the last school year. Workflow id
 * `scholarship/<claimId>`. Its state is the claims service's (claims.scholarship_instalment):
 * each round asks what is due on the service's clock, pays the ready instalments once each (the
 * payout lines' idempotency), and sleeps until the next one falls due or a change is signalled
 * (certificate verified, entitlement ended, account corrected), at most `recheckMs`. Ends when
 * no instalment is open; continues as new when its history grows, carrying only its input.
 */
export async function scholarshipPayouts(input: ScholarshipInput, paidBefore = 0): Promise<ScholarshipOutcome> {
  const steps = proxyActivities<Omit<ScholarshipActivities, 'payScholarshipInstalment'>>(activityOptions(input.queues.claims));
  const retry = input.payoutRetry ?? DEFAULT_PAYOUT_RETRY;
  const payouts = proxyActivities<Pick<ScholarshipActivities, 'payScholarshipInstalment'>>(payoutActivityOptions(input.queues.claims, retry));
  const recheckMs = input.recheckMs ?? DAY_MS;
  const progress = { paid: paidBefore, open: 0, refused: 0 };
  let changes = 0;
  setHandler(scholarshipChangedSignal, () => void changes++);
  setHandler(scholarshipProgressQuery, () => ({ ...progress }));

  for (;;) {
    const seen = changes;
    const standing = await steps.advanceScholarship({ claimId: input.claimId });
    progress.open = standing.open;
    progress.refused = 0;
    for (const line of standing.ready) {
      try {
        await payLineUntilSettled(input.claimId, line, { payHeir: (request) => payouts.payScholarshipInstalment(request) }, retry);
        progress.paid++;
        progress.open--;
      } catch (error) {
        if (!(error instanceof ApplicationFailure)) throw error;
        progress.refused++;
        log.error(`ALERT scholarship payout of claim ${input.claimId} to heir ${line.heirId} refused by the bank; waiting for a corrected account`, {
          claimId: input.claimId,
          instalment: line.instalment,
          cause: error.message,
        });
      }
    }
    if (progress.open === 0) return { paid: progress.paid };
    if (workflowInfo().continueAsNewSuggested) await continueAsNew<typeof scholarshipPayouts>(input, progress.paid);
    const sleepMs = Math.max(1, Math.min(standing.nextDueInMs ?? recheckMs, recheckMs));
    await condition(() => changes !== seen, sleepMs);
  }
}
