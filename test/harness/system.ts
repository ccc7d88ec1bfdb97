import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { taskQueues } from '../../services/kit/src/config.js';
import type { TaskQueues } from '../../workflows/contracts/task-queues.js';
import { readSecrets } from '../../services/kit/src/secrets.js';
import { startService, type RunningService } from '../../services/kit/src/service-runtime.js';
import type { RunningWorker, TemporalSettings } from '../../services/kit/src/temporal.js';
import { claimsService, claimsServiceWithSlaClock } from '../../services/claims/src/service.js';
import type { ScholarshipClock } from '../../services/claims/src/scholarship/scholarship.records.js';
import { startGateway } from '../../services/gateway/src/gateway.js';
import { municipalitiesService } from '../../services/municipalities/src/service.js';
import { participantsService } from '../../services/participants/src/service.js';
import { bundleWorkflows, startLifecycleWorker } from '../../workflows/lifecycle-worker.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import { viaProxy, type TcpProxy } from './tcp-proxy.js';

type ServiceName = 'municipalities' | 'participants' | 'claims';

export interface TestSystem {
  db: TestDatabase;
  /** How each service was started, so a test can start one again on its port (after stopping it). */
  serviceOptions: Record<ServiceName, Parameters<typeof startService>[1]>;
  queues: TaskQueues;
  temporal: TemporalSettings;
  gatewayUrl: string;
  services: Record<ServiceName, RunningService>;
  /** The lifecycle worker (the workflows): a test may stop it and start it again. */
  lifecycle: { stop(): Promise<void>; start(): Promise<void> };
  stop(): Promise<void>;
}

export interface TestSystemOptions {
  /** Per service: reach PostgreSQL or Temporal through a proxy a test can cut (test/harness/tcp-proxy.ts). */
  via?: Partial<Record<ServiceName, { database?: TcpProxy; temporal?: TcpProxy }>>;
  /** The instant the claims service's SLA clocks start from (default: now), so a test can start one on a past day. */
  claimsSlaClock?: () => Date;
  /** The clock the claims service reads scholarship schedules on, and the workflow's longest sleep (years pass in a test). */
  claimsScholarshipClock?: ScholarshipClock;
}

let bundle: Promise<{ code: string }> | undefined;

/**
 * The real system in this test process: three services (subgraph + activity worker each), the
 * lifecycle worker and the gateway, on their own database and their own task queues, against
 * the run's PostgreSQL and Temporal server. Nothing is mocked.
 */
export async function startTestSystem(label: string, systemOptions: TestSystemOptions = {}): Promise<TestSystem> {
  const db = await createTestDatabase(label);
  const temporal: TemporalSettings = { address: inject('temporalAddress'), namespace: inject('temporalNamespace') };
  const queues = taskQueues(`${label}-${randomUUID().slice(0, 8)}`);
  const options = { databaseUrl: db.url, port: 0, temporal, queues, secrets: readSecrets() };
  const optionsFor = (name: ServiceName) => {
    const via = systemOptions.via?.[name];
    return { ...options, databaseUrl: via?.database ? viaProxy(db.url, via.database) : db.url, temporal: { ...temporal, address: via?.temporal?.address ?? temporal.address } };
  };
  bundle ??= bundleWorkflows();
  const startWorkflows = () => bundle!.then((workflowBundle) => startLifecycleWorker({ settings: temporal, taskQueue: queues.lifecycle, workflowBundle }));
  const [municipalities, participants, claims, firstWorker] = await Promise.all([
    startService(municipalitiesService, optionsFor('municipalities')),
    startService(participantsService, optionsFor('participants')),
    startService(
      systemOptions.claimsSlaClock || systemOptions.claimsScholarshipClock
        ? claimsServiceWithSlaClock(systemOptions.claimsSlaClock ?? (() => new Date()), systemOptions.claimsScholarshipClock)
        : claimsService,
      optionsFor('claims'),
    ),
    startWorkflows(),
  ]);
  let worker: RunningWorker | undefined = firstWorker;
  const lifecycle = {
    async stop() {
      await worker?.stop();
      worker = undefined;
    },
    async start() {
      worker ??= await startWorkflows();
    },
  };
  const services = { municipalities, participants, claims };
  const portOf = (service: RunningService) => Number(new URL(service.url).port);
  const gateway = await startGateway({
    port: 0,
    subgraphUrls: { municipalities: municipalities.url, participants: participants.url, claims: claims.url },
  });
  return {
    db,
    serviceOptions: {
      municipalities: { ...optionsFor('municipalities'), port: portOf(municipalities) },
      participants: { ...optionsFor('participants'), port: portOf(participants) },
      claims: { ...optionsFor('claims'), port: portOf(claims) },
    },
    queues,
    temporal,
    gatewayUrl: gateway.url,
    services,
    lifecycle,
    async stop() {
      await gateway.close();
      await lifecycle.stop();
      // A test may have stopped a service already (stop is then a second, harmless call) or replaced it.
      await Promise.all(Object.values(services).map((service) => service.stop().catch(() => undefined)));
      await db.drop();
    },
  };
}
