import type { EnrolmentPlaceActivities, MouLookupActivities, QuotaActivities } from '../../../workflows/enrolment/enrolment.activities.js';
import type { MouRecordActivities, SuccessorQuotaActivities } from '../../../workflows/mou-lifecycle/mou-lifecycle.activities.js';
import type { MouBillingActivities } from '../../../workflows/billing/billing.activities.js';
import type { WebhookActivities } from '../../../workflows/webhook-delivery/webhook-delivery.activities.js';
import { FieldCipher } from '../../kit/src/field-cipher.js';
import { WebhookDeliveries } from './webhook/webhook.records.js';
import type { ServiceDeps } from '../../kit/src/service-runtime.js';
import { CityScopeFilter } from '../../kit/src/scope.js';
import { MouBilling } from './mou/mou.billing.js';
import { MouLifecycles } from './mou/mou.lifecycle.js';
import { MouRecords } from './mou/mou.records.js';
import { MouService } from './mou/mou.service.js';
import { QuotaRecords } from './mou/quota.records.js';
import { BulkQuotaRecords } from './mou/quota-bulk.records.js';
import type { BulkQuotaActivities } from '../../../workflows/enrolment-import/enrolment-import.activities.js';
import { SuccessorQuotaRecords } from './mou/successor-quota.records.js';
import { NotificationRecords } from './notification/notification.records.js';
import { planEnrolment } from '../../../domain/participants/enrolment.js';

/** What the `municipalities` task queue serves: MoU lookups and the quota guard for enrolment, the MoU lifecycle's writes, webhook deliveries. */
export type MunicipalityActivities = MouLookupActivities &
  QuotaActivities &
  EnrolmentPlaceActivities &
  MouRecordActivities &
  WebhookActivities &
  SuccessorQuotaActivities &
  BulkQuotaActivities &
  MouBillingActivities;

export function createMunicipalityActivities(deps: Pick<ServiceDeps, 'dataSource' | 'temporal' | 'queues' | 'secrets'>): MunicipalityActivities {
  const mous = new MouService(deps.dataSource, deps.temporal, deps.queues);
  const quota = new QuotaRecords(deps.dataSource);
  const bulkQuota = new BulkQuotaRecords(deps.dataSource);
  const webhooks = new WebhookDeliveries(deps.dataSource, new FieldCipher(deps.secrets), deps.temporal, deps.queues);
  const records = new MouRecords(deps.dataSource, mous, new MouLifecycles(deps.temporal, deps.queues), new NotificationRecords(deps.dataSource), (ids) => webhooks.fanOut(ids));
  const billing = new MouBilling(deps.dataSource);
  return {
    getMouForEnrolment: (input) => mous.forEnrolment(input.mouId, new CityScopeFilter(input.cities)),
    reserveQuota: (input) => quota.reserveQuota(input),
    // Both steps are idempotent (the place is held once per participant), so a retry is safe.
    holdPlaceForEnrolment: async (input) => {
      const mou = await mous.forEnrolment(input.mouId, new CityScopeFilter(input.cities));
      const coverage = planEnrolment({ ...mou, number: mou.mouNumber }, mou.today);
      await quota.reserveQuota({ ...input, mouId: mou.mouId, startsOn: coverage.coverageFrom });
      return mou;
    },
    releaseQuota: (input) => quota.releaseQuota(input),
    recordSignature: (input) => records.recordSignature(input),
    recordStatus: (input) => records.recordStatus(input),
    recordTermEnded: (input) => records.recordTermEnded(input),
    recordAddendum: (input) => records.recordAddendum(input),
    recordRenewal: (input) => records.recordRenewal(input),
    notify: (notice) => records.notify(notice),
    checkBudget: (input) => records.checkBudget(input),
    attemptWebhookDelivery: (input) => webhooks.attemptWebhookDelivery(input),
    reserveQuotaPlaces: (input) => bulkQuota.reserveQuotaPlaces(input),
    reserveImportPlaces: (input) => bulkQuota.reserveImportPlaces(input),
    releaseQuotaPlaces: (input) => bulkQuota.releaseQuotaPlaces(input),
    reserveSuccessorPlaces: (input) => new SuccessorQuotaRecords(deps.dataSource).reserveSuccessorPlaces(input),
    getMouForBilling: (input) => billing.getMouForBilling(input),
    listBillableMous: () => billing.listBillableMous(),
  };
}
