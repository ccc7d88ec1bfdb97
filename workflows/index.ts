// Bundle entry for the lifecycle worker: every workflow the system runs.
export { claimLifecycle } from './claim-lifecycle/claim-lifecycle.workflow.js';
export { enrolParticipant } from './enrolment/enrolment.workflow.js';
export { mouLifecycle } from './mou-lifecycle/mou-lifecycle.workflow.js';
export { webhookDelivery } from './webhook-delivery/webhook-delivery.workflow.js';
export { endEnrolment } from './enrolment-end/enrolment-end.workflow.js';
export { enrolmentImport } from './enrolment-import/enrolment-import.workflow.js';
export { billingCycle, billingRun } from './billing/billing.workflow.js';
export { deathNotice } from './death-notice/death-notice.workflow.js';
export { scholarshipPayouts } from './scholarship/scholarship.workflow.js';
