import { proxyActivities } from '@temporalio/workflow';
import { activityOptions } from '../shared/activity-options.js';
import type { ClaimLeadActivities } from './death-notice.activities.js';
import type { ClaimLeadOpened, DeathNoticeRequest } from './death-notice.messages.js';

/**
 * A death reported by the civil registry for a covered person becomes a claim lead in the claims
 * inbox, so a caseworker contacts the heirs. The participants service matched the person; the
 * claims service owns the lead. Workflow id `death-notice/<personId>/<dateOfDeath>`.
 */
export async function deathNotice(request: DeathNoticeRequest): Promise<ClaimLeadOpened> {
  const claims = proxyActivities<ClaimLeadActivities>(activityOptions(request.queues.claims));
  const { queues: _queues, ...notice } = request;
  return claims.openClaimLead(notice);
}
