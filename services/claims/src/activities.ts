import type { ClaimRecordActivities } from '../../../workflows/claim-lifecycle/claim-lifecycle.activities.js';
import type { PayoutActivities } from '../../../workflows/claim-lifecycle/payout.activities.js';
import { FieldCipher } from '../../kit/src/field-cipher.js';
import type { ServiceDeps } from '../../kit/src/service-runtime.js';
import { alertOnRepeatedFailure } from '../../kit/src/temporal.js';
import { ClaimRecords } from './claim/claim.records.js';
import { paymentProviderFromEnv } from './payout/payment-provider-config.js';
import { PayoutRecords } from './payout/payout.records.js';
import { PayoutService } from './payout/payout.service.js';
import { missingDocumentsOf } from './document/document.records.js';
import { SlaRecords } from './sla/sla.records.js';
import type { ClaimLeadActivities } from '../../../workflows/death-notice/death-notice.activities.js';
import { LeadService } from './lead/lead.service.js';
import type { ScholarshipActivities } from '../../../workflows/scholarship/scholarship.activities.js';
import { ScholarshipRecords, type ScholarshipClock } from './scholarship/scholarship.records.js';

/**
 * What the `claims` task queue serves to the claim workflow: the read model and payouts.
 * `slaNow` is the instant a payment clock starts from (tests start one on a past day);
 * `scholarship` the clock the scholarship schedule is read on (tests move it on by years).
 */
export function createClaimActivities(
  deps: Pick<ServiceDeps, 'dataSource' | 'secrets' | 'temporal' | 'queues'>,
  options: { slaNow?: () => Date; scholarship?: ScholarshipClock } = {},
): ClaimRecordActivities & PayoutActivities & ClaimLeadActivities & ScholarshipActivities {
  const records = new ClaimRecords(deps.dataSource);
  const payouts = new PayoutService(deps.dataSource);
  const cipher = new FieldCipher(deps.secrets);
  const heirPayouts = new PayoutRecords(deps.dataSource, cipher, paymentProviderFromEnv(deps.dataSource, cipher));
  const sla = new SlaRecords(deps.dataSource, options.slaNow);
  const leads = new LeadService(deps.dataSource);
  const scholarships = new ScholarshipRecords(deps.dataSource, deps.temporal, deps.queues, heirPayouts, options.scholarship);
  return {
    openClaimLead: (notice) => leads.open(notice),
    missingDocuments: (claimId) => missingDocumentsOf(deps.dataSource, claimId),
    startSlaClock: (request) => sla.startClock(request),
    // Three steps, one activity: each is idempotent, so a retry after a partial run completes it.
    recordVerification: async (step) => {
      const missing = await missingDocumentsOf(deps.dataSource, step.claimId);
      if (missing.length > 0) return { missing, clock: null };
      await records.recordTransition(step);
      return { missing, clock: await sla.startClock({ claimId: step.claimId, step: 'PAYMENT' }) };
    },
    raiseSlaAlert: (alert) => sla.raiseAlert(alert),
    recordClaimSubmitted: (claim) => records.recordSubmitted(claim),
    recordTransition: (step) => records.recordTransition(step),
    // Retried without limit (workflows/shared/activity-options.ts): a long outage shows as ALERT lines.
    payClaim: (request) => alertOnRepeatedFailure(`payout of claim ${request.claimId}`, () => payouts.pay(request)),
    listPayoutLines: (claimId) => heirPayouts.listPayoutLines(claimId),
    recordBenefitPayable: (request) => heirPayouts.recordBenefitPayable(request),
    recordPayoutAccount: (change) => heirPayouts.recordPayoutAccount(change),
    payHeir: (request) => alertOnRepeatedFailure(`payout of claim ${request.claimId} to heir ${request.heirId}`, () => heirPayouts.payHeir(request)),
    startScholarship: (request) => scholarships.startScholarship(request),
    advanceScholarship: (request) => scholarships.advanceScholarship(request),
    payScholarshipInstalment: (request) =>
      alertOnRepeatedFailure(`scholarship payout of claim ${request.claimId} to heir ${request.heirId}`, () => scholarships.payScholarshipInstalment(request)),
  };
}
