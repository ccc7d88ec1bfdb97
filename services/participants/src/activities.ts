import { FieldCipher } from '../../kit/src/field-cipher.js';
import type { ServiceDeps } from '../../kit/src/service-runtime.js';
import { ParticipantService } from './participant/participant.service.js';

/** Activities other workflows call on the `participants` task queue. */
export function createParticipantActivities(deps: ServiceDeps) {
  const participants = new ParticipantService(deps.dataSource, deps.temporal, deps.queues, new FieldCipher(deps.secrets));
  return {
    recordEnrolment: participants.recordEnrolment.bind(participants),
    checkCoverage: participants.checkCoverage.bind(participants),
  };
}

export type ParticipantActivities = ReturnType<typeof createParticipantActivities>;
