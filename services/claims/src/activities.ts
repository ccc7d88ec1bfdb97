import type { ServiceDeps } from '../../kit/src/service-runtime.js';
import { ClaimRecords } from './claim/claim.records.js';
import { PayoutService } from './payout/payout.service.js';

/** Activities of the claim workflow on the `claims` task queue: they write the read model. */
export function createClaimActivities(deps: Pick<ServiceDeps, 'dataSource'>) {
  const records = new ClaimRecords(deps.dataSource);
  const payouts = new PayoutService(deps.dataSource);
  return {
    recordClaimSubmitted: records.recordSubmitted.bind(records),
    recordTransition: records.recordTransition.bind(records),
    payClaim: payouts.pay.bind(payouts),
  };
}

export type ClaimActivities = ReturnType<typeof createClaimActivities>;
