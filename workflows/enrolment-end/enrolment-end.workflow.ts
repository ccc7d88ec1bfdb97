import { proxyActivities } from '@temporalio/workflow';
import type { QuotaActivities } from '../enrolment/enrolment.activities.js';
import { activityOptions } from '../shared/activity-options.js';
import type { EnrolmentEndRecordActivities } from './enrolment-end.activities.js';
import type { EnrolmentEndOutcome, EnrolmentEndRequest } from './enrolment-end.messages.js';

/**
 * Ends one enrolment early (the worker left the job, moved, died): participants record the end,
 * then municipalities give the place back to the MoU's quota. Workflow id `enrolment-end/<participantId>`.
 */
export async function endEnrolment(request: EnrolmentEndRequest): Promise<EnrolmentEndOutcome> {
  const participants = proxyActivities<EnrolmentEndRecordActivities>(activityOptions(request.queues.participants));
  const municipalities = proxyActivities<Pick<QuotaActivities, 'releaseQuota'>>(activityOptions(request.queues.municipalities));
  const { queues: _queues, ...record } = request;
  const ended = await participants.recordEnrolmentEnded(record);
  await municipalities.releaseQuota({ participantId: request.participantId, lastCoveredDay: ended.lastCoveredDay, actor: request.actor });
  return ended;
}
