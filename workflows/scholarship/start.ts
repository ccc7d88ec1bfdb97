import { patched, proxyActivities } from '@temporalio/workflow';
import { activityOptions } from '../shared/activity-options.js';
import type { ClaimLifecycleInput } from '../claim-lifecycle/claim-lifecycle.messages.js';
import type { ScholarshipActivities } from './scholarship.activities.js';

/** Claims paid before scholarships were paid replay without starting one. */
export const SCHOLARSHIP_PATCH = 'claims-scholarship-payouts';

/**
 * At the claim's PAID: the scholarship's instalments are written and its own workflow
 * (`scholarship/<claimId>`) started, by one idempotent activity; it pays the first school year at
 * once. A claim without a scholarship entitlement starts nothing.
 */
export async function startScholarshipOfPaidClaim(input: ClaimLifecycleInput): Promise<void> {
  if (!patched(SCHOLARSHIP_PATCH)) return;
  const scholarships = proxyActivities<Pick<ScholarshipActivities, 'startScholarship'>>(activityOptions(input.queues.claims));
  await scholarships.startScholarship({ claimId: input.claimId });
}
