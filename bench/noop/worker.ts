import { taskQueueNames } from '../../workflows/contracts/task-queues.js';
import type { ClaimRecordActivities, CoverageActivities } from '../../workflows/claim-lifecycle/claim-lifecycle.activities.js';
import type { PayoutActivities } from '../../workflows/claim-lifecycle/payout.activities.js';
import type { CoverageOnDateActivities, DeathActivities } from '../../workflows/contracts/participants.activities.js';
import type { QuotaActivities } from '../../workflows/enrolment/enrolment.activities.js';
import { startLifecycleWorker } from '../../workflows/lifecycle-worker.js';
import { startActivityWorker, temporalSettingsFromEnv } from '../../services/kit/src/temporal.js';

// The bench's baseline: the real claim workflow, with the same Updates and the same activities on
// the same queues, but activities that do nothing (no database, no GraphQL). Whatever our
// system adds on top of Temporal shows as the gap to this.

const queues = taskQueueNames(process.env['LINDUNG_TASK_QUEUE_SUFFIX'] ?? 'noop');
const settings = temporalSettingsFromEnv();
const coverage: CoverageActivities & CoverageOnDateActivities & DeathActivities = {
  coverageOnDate: async () => ({
    covered: true,
    reason: null,
    message: '',
    personId: 'p',
    kpjNumber: null,
    enrolmentId: 'e',
    mouId: 'm',
    municipalityId: '00000000-0000-4000-8000-000000000001',
    regionCode: '18.72',
    occupationGroup: null,
    statusOnDate: 'ACTIVE',
    endReason: null,
    coverageFrom: '2026-01-01',
    coverageTo: '2027-12-31',
    programs: ['JKK', 'JKM'],
    declaredMonthlyIncome: '1000000',
    monthlyContribution: '16800',
    dateOfDeath: null,
  }),
  // As for a real paid JKM claim: the person's one enrolment ends, and its place goes back (releaseQuota).
  recordDeath: async (record) => ({
    personId: 'p',
    dateOfDeath: record.dateOfDeath,
    ended: [{ enrolmentId: record.participantId, mouId: 'm', lastCoveredDay: record.dateOfDeath }],
  }),
  checkCoverage: async () => ({ found: true, municipalityId: '00000000-0000-4000-8000-000000000001', regionCode: '18.72', decision: { covered: true, reasons: [] } }),
};
const records: ClaimRecordActivities & PayoutActivities = {
  recordClaimSubmitted: async () => undefined,
  recordTransition: async () => undefined,
  missingDocuments: async () => [],
  recordVerification: async () => ({
    missing: [],
    clock: { dueOn: '2100-01-01', warnOn: '2100-01-01', warnAtMs: Date.now() + 86_400_000, breachAtMs: Date.now() + 2 * 86_400_000 },
  }),
  startSlaClock: async () => ({ dueOn: '2100-01-01', warnOn: '2100-01-01', warnAtMs: Date.now() + 86_400_000, breachAtMs: Date.now() + 2 * 86_400_000 }),
  raiseSlaAlert: async () => undefined,
  payClaim: async (request) => ({ reference: `PAY/${request.claimId}/1`, amount: '42000000' }),
  listPayoutLines: async (claimId) => [{ heirId: claimId, instalment: 1, amount: '42000000' }],
  recordBenefitPayable: async () => undefined,
  recordPayoutAccount: async () => undefined,
  payHeir: async (request) => ({ payoutId: request.claimId, reference: `PAY/${request.claimId}/1`, amount: request.amount }),
};
const quota: Pick<QuotaActivities, 'releaseQuota'> = { releaseQuota: async () => undefined };
const workers = await Promise.all([
  startLifecycleWorker({ settings, taskQueue: queues.lifecycle }),
  startActivityWorker({ settings, taskQueue: queues.participants, activities: coverage }),
  startActivityWorker({ settings, taskQueue: queues.claims, activities: records }),
  startActivityWorker({ settings, taskQueue: queues.municipalities, activities: quota }),
]);
console.log(`no-op claim workers ready on ${queues.lifecycle}`);
process.on('SIGTERM', () => void Promise.all(workers.map((w) => w.stop())).then(() => process.exit(0)));
