import { proxyActivities } from '@temporalio/workflow';
import { activityOptions } from '../shared/activity-options.js';
import type { EnrolmentRecordActivities, MouLookupActivities } from './enrolment.activities.js';
import type { EnrolmentOutcome, EnrolmentRequest } from './enrolment.messages.js';

/**
 * Enrols one worker: reads the MoU from municipalities (status, term, quota, city), then the
 * participants service records the enrolment under its quota lock.
 * Workflow id: `enrolment/<mouId>/<NIK blind index>` (enrolmentWorkflowId).
 */
export async function enrolParticipant(request: EnrolmentRequest): Promise<EnrolmentOutcome> {
  const municipalities = proxyActivities<MouLookupActivities>(activityOptions(request.queues.municipalities));
  const participants = proxyActivities<EnrolmentRecordActivities>(activityOptions(request.queues.participants));
  const mou = await municipalities.getMouForEnrolment({ mouId: request.mouId, cities: request.cities });
  return participants.recordEnrolment(request, mou);
}
