import { patched, proxyActivities } from '@temporalio/workflow';
import { planEnrolment } from '../../domain/participants/enrolment.js';
import { activityOptions } from '../shared/activity-options.js';
import { applyRule } from '../shared/rules.js';
import type { EnrolmentPlaceActivities, EnrolmentRecordActivities, MouLookupActivities, QuotaActivities } from './enrolment.activities.js';
import type { EnrolmentOutcome, EnrolmentRequest } from './enrolment.messages.js';

/** Marks the MoU lookup and the place held in one activity (one task round trip less); older histories replay the two. */
export const HOLD_PLACE_IN_ONE_ACTIVITY_PATCH = 'enrolment-hold-place-in-one-activity';

/**
 * Enrols one worker: reads the MoU from municipalities (status, term, city), holds a place of the
 * worker's group there (atomic per MoU and group), then the participants service records the
 * enrolment. If recording is refused (the NIK is already covered), the place is given back.
 * Workflow id: `enrolment/<mouId>/<NIK blind index>` (enrolmentWorkflowId).
 */
export async function enrolParticipant(request: EnrolmentRequest): Promise<EnrolmentOutcome> {
  const municipalities = proxyActivities<MouLookupActivities & QuotaActivities & EnrolmentPlaceActivities>(activityOptions(request.queues.municipalities));
  const participants = proxyActivities<EnrolmentRecordActivities>(activityOptions(request.queues.participants));
  const place = { participantId: request.participantId, mouId: request.mouId, occupationGroup: request.occupationGroup, cities: request.cities, actor: request.actor };
  const mou = patched(HOLD_PLACE_IN_ONE_ACTIVITY_PATCH) ? await municipalities.holdPlaceForEnrolment(place) : await lookUpThenHold(municipalities, place);
  try {
    return await participants.recordEnrolment(request, mou);
  } catch (error) {
    await municipalities.releaseQuota({ participantId: request.participantId, lastCoveredDay: null, actor: request.actor });
    throw error;
  }
}

/** The first step as older histories ran it: the MoU, then the place, in two activities. */
async function lookUpThenHold(municipalities: MouLookupActivities & QuotaActivities, place: Parameters<EnrolmentPlaceActivities['holdPlaceForEnrolment']>[0]) {
  const mou = await municipalities.getMouForEnrolment({ mouId: place.mouId, cities: place.cities });
  const coverage = applyRule(() => planEnrolment({ ...mou, number: mou.mouNumber }, mou.today));
  await municipalities.reserveQuota({ ...place, mouId: mou.mouId, startsOn: coverage.coverageFrom });
  return mou;
}
