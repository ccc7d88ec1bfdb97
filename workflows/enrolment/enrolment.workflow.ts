import { proxyActivities } from '@temporalio/workflow';
import { planEnrolment } from '../../domain/participants/enrolment.js';
import { activityOptions } from '../shared/activity-options.js';
import { applyRule } from '../shared/rules.js';
import type { EnrolmentRecordActivities, MouLookupActivities, QuotaActivities } from './enrolment.activities.js';
import type { EnrolmentOutcome, EnrolmentRequest } from './enrolment.messages.js';

/**
 * Enrols one worker: reads the MoU from municipalities (status, term, city), holds a place of the
 * worker's group there (atomic per MoU and group), then the participants service records the
 * enrolment. If recording is refused (the NIK is already covered), the place is given back.
 * Workflow id: `enrolment/<mouId>/<NIK blind index>` (enrolmentWorkflowId).
 */
export async function enrolParticipant(request: EnrolmentRequest): Promise<EnrolmentOutcome> {
  const municipalities = proxyActivities<MouLookupActivities & QuotaActivities>(activityOptions(request.queues.municipalities));
  const participants = proxyActivities<EnrolmentRecordActivities>(activityOptions(request.queues.participants));
  const mou = await municipalities.getMouForEnrolment({ mouId: request.mouId, cities: request.cities });
  const coverage = applyRule(() => planEnrolment({ ...mou, number: mou.mouNumber }, mou.today));
  await municipalities.reserveQuota({
    participantId: request.participantId,
    mouId: mou.mouId,
    occupationGroup: request.occupationGroup,
    startsOn: coverage.coverageFrom,
    cities: request.cities,
    actor: request.actor,
  });
  try {
    return await participants.recordEnrolment(request, mou);
  } catch (error) {
    await municipalities.releaseQuota({ participantId: request.participantId, lastCoveredDay: null, actor: request.actor });
    throw error;
  }
}
