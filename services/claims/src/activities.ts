import type { ClaimRecordActivities } from '../../../workflows/claim-lifecycle/claim-lifecycle.activities.js';
import type { ServiceDeps } from '../../kit/src/service-runtime.js';
import { alertOnRepeatedFailure } from '../../kit/src/temporal.js';
import { ClaimRecords } from './claim/claim.records.js';
import { PayoutService } from './payout/payout.service.js';
import { missingDocumentsOf } from './document/document.records.js';
import { SlaRecords } from './sla/sla.records.js';

/** What the `claims` task queue serves to the claim workflow: the read model and payouts. */
export function createClaimActivities(deps: Pick<ServiceDeps, 'dataSource'>): ClaimRecordActivities {
  const records = new ClaimRecords(deps.dataSource);
  const payouts = new PayoutService(deps.dataSource);
  const sla = new SlaRecords(deps.dataSource);
  return {
    missingDocuments: (claimId) => missingDocumentsOf(deps.dataSource, claimId),
    startSlaClock: (request) => sla.startClock(request),
    raiseSlaAlert: (alert) => sla.raiseAlert(alert),
    recordClaimSubmitted: (claim) => records.recordSubmitted(claim),
    recordTransition: (step) => records.recordTransition(step),
    // Retried without limit (workflows/shared/activity-options.ts): a long outage shows as ALERT lines.
    payClaim: (request) => alertOnRepeatedFailure(`payout of claim ${request.claimId}`, () => payouts.pay(request)),
  };
}
