import { taskQueueNames } from '../../workflows/contracts/task-queues.js';
import { coveredClaimActivities } from '../../test/fixtures/claim-workflow-fakes.js';
import { startLifecycleWorker } from '../../workflows/lifecycle-worker.js';
import { startActivityWorker, temporalSettingsFromEnv } from '../../services/kit/src/temporal.js';

// The bench's baseline: the real claim workflow, with the same Updates and the same activities on
// the same queues, but activities that do nothing (no database, no GraphQL). Whatever our
// system adds on top of Temporal shows as the gap to this.

const queues = taskQueueNames(process.env['LINDUNG_TASK_QUEUE_SUFFIX'] ?? 'noop');
const settings = temporalSettingsFromEnv();
// One fake set serves every queue (each worker runs only the activities its queue is asked for).
const activities = coveredClaimActivities(
  {
    payClaim: async (request) => ({ reference: `PAY/${request.claimId}/1`, amount: '42000000' }),
    // As for a real paid JKM claim: the person's one enrolment ends, and its place goes back (releaseQuota).
    recordDeath: async (record) => ({
      personId: 'p',
      dateOfDeath: record.dateOfDeath,
      ended: [{ enrolmentId: record.participantId, mouId: 'm', lastCoveredDay: record.dateOfDeath }],
    }),
  },
  { municipalityId: '00000000-0000-4000-8000-000000000001', declaredMonthlyIncome: '1000000', monthlyContribution: '16800' },
);
const workers = await Promise.all([
  startLifecycleWorker({ settings, taskQueue: queues.lifecycle }),
  startActivityWorker({ settings, taskQueue: queues.participants, activities }),
  startActivityWorker({ settings, taskQueue: queues.claims, activities }),
  startActivityWorker({ settings, taskQueue: queues.municipalities, activities }),
]);
console.log(`no-op claim workers ready on ${queues.lifecycle}`);
process.on('SIGTERM', () => void Promise.all(workers.map((w) => w.stop())).then(() => process.exit(0)));
