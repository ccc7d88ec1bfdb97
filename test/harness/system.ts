import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { taskQueues } from '../../services/kit/src/config.js';
import type { TaskQueues } from '../../workflows/contracts/task-queues.js';
import { readSecrets } from '../../services/kit/src/secrets.js';
import { startService, type RunningService } from '../../services/kit/src/service-runtime.js';
import type { TemporalSettings } from '../../services/kit/src/temporal.js';
import { claimsService } from '../../services/claims/src/service.js';
import { startGateway } from '../../services/gateway/src/gateway.js';
import { municipalitiesService } from '../../services/municipalities/src/service.js';
import { participantsService } from '../../services/participants/src/service.js';
import { bundleWorkflows, startLifecycleWorker } from '../../workflows/lifecycle-worker.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export interface TestSystem {
  db: TestDatabase;
  queues: TaskQueues;
  temporal: TemporalSettings;
  gatewayUrl: string;
  services: { municipalities: RunningService; participants: RunningService; claims: RunningService };
  stop(): Promise<void>;
}

let bundle: Promise<{ code: string }> | undefined;

/**
 * The real system in this test process: three services (subgraph + activity worker each), the
 * lifecycle worker and the gateway, on their own database and their own task queues, against
 * the run's PostgreSQL and Temporal server. Nothing is mocked.
 */
export async function startTestSystem(label: string): Promise<TestSystem> {
  const db = await createTestDatabase(label);
  const temporal: TemporalSettings = { address: inject('temporalAddress'), namespace: inject('temporalNamespace') };
  const queues = taskQueues(`${label}-${randomUUID().slice(0, 8)}`);
  const options = { databaseUrl: db.url, port: 0, temporal, queues, secrets: readSecrets() };
  bundle ??= bundleWorkflows();
  const [municipalities, participants, claims, worker] = await Promise.all([
    startService(municipalitiesService, options),
    startService(participantsService, options),
    startService(claimsService, options),
    bundle.then((workflowBundle) => startLifecycleWorker({ settings: temporal, taskQueue: queues.lifecycle, workflowBundle })),
  ]);
  const gateway = await startGateway({
    port: 0,
    subgraphUrls: { municipalities: municipalities.url, participants: participants.url, claims: claims.url },
  });
  return {
    db,
    queues,
    temporal,
    gatewayUrl: gateway.url,
    services: { municipalities, participants, claims },
    async stop() {
      await gateway.close();
      await worker.stop();
      await Promise.all([municipalities.stop(), participants.stop(), claims.stop()]);
      await db.drop();
    },
  };
}
