import type { CoverageActivities } from '../../../workflows/claim-lifecycle/claim-lifecycle.activities.js';
import type { BillingRecordActivities } from '../../../workflows/billing/billing.activities.js';
import type { EnrolmentRecordActivities } from '../../../workflows/enrolment/enrolment.activities.js';
import type { EnrolmentEndRecordActivities } from '../../../workflows/enrolment-end/enrolment-end.activities.js';
import type { MouCoverageActivities } from '../../../workflows/mou-lifecycle/mou-lifecycle.activities.js';
import { FieldCipher } from '../../kit/src/field-cipher.js';
import type { ServiceDeps } from '../../kit/src/service-runtime.js';
import { createBillingRecordActivities } from './contribution/contribution.records.js';
import { interimStanding } from './contribution/standing.interim.js';
import { CoverageService } from './coverage/coverage.service.js';
import { EnrolmentRecords } from './participant/participant.records.js';

/** What the `participants` task queue serves: the enrolment workflow's writes, the claim workflow's coverage check, the end of coverage when an MoU ends. */
export type ParticipantActivities = EnrolmentRecordActivities & EnrolmentEndRecordActivities & CoverageActivities & MouCoverageActivities & BillingRecordActivities;

export function createParticipantActivities(deps: Pick<ServiceDeps, 'dataSource' | 'secrets'>): ParticipantActivities {
  const records = new EnrolmentRecords(deps.dataSource, new FieldCipher(deps.secrets));
  const coverage = new CoverageService(deps.dataSource);
  return {
    recordEnrolment: (request, mou) => records.recordEnrolment(request, mou),
    checkCoverage: (query) => coverage.checkCoverage(query),
    endEnrolmentsUnderMou: (input) => records.endEnrolmentsUnderMou(input),
    recordEnrolmentEnded: (request) => records.recordEnrolmentEnded(request),
    ...createBillingRecordActivities(deps.dataSource, interimStanding),
  };
}
