import { proxyActivities } from '@temporalio/workflow';
import type { OccupationGroup, Sex } from '../../domain/participants/occupation.js';
import type { TaskQueues } from '../../services/kit/src/config.js';
import type { AuditActor } from '../../services/kit/src/audit.js';
import type { CityScope } from '../../services/kit/src/identity.js';
import type { MunicipalityActivities } from '../../services/municipalities/src/activities.js';
import type { ParticipantActivities } from '../../services/participants/src/activities.js';
import { ACTIVITY_RETRY } from '../failures.js';

export interface EnrolmentRequest {
  participantId: string;
  mouId: string;
  /** Encrypted by the participants service: no plain NIK in Temporal's history. */
  nikCiphertext: string;
  nikIndex: string;
  fullName: string;
  birthDate: string;
  sex: Sex;
  motherMaidenName: string;
  address: string;
  occupationGroup: OccupationGroup;
  enrolledBy: string;
  /** The enrolling person's cities: an MoU elsewhere is as good as absent. */
  cities: CityScope;
  /** Who asked, for the audit log. */
  actor: AuditActor;
  queues: TaskQueues;
}

export interface EnrolmentOutcome {
  participantId: string;
  warnings: { code: string; message: string }[];
}

/**
 * Enrols one worker: reads the MoU from municipalities (status, term, quota, city), then the
 * participants service records the enrolment under its quota lock. Workflow id:
 * `enrolment/<participantId>`.
 */
export async function enrolParticipant(request: EnrolmentRequest): Promise<EnrolmentOutcome> {
  const municipalities = proxyActivities<MunicipalityActivities>({
    taskQueue: request.queues.municipalities,
    startToCloseTimeout: '10s',
    retry: ACTIVITY_RETRY,
  });
  const participants = proxyActivities<ParticipantActivities>({
    taskQueue: request.queues.participants,
    startToCloseTimeout: '10s',
    retry: ACTIVITY_RETRY,
  });
  const mou = await municipalities.getMouForEnrolment({ mouId: request.mouId, cities: request.cities });
  return participants.recordEnrolment(request, mou);
}
