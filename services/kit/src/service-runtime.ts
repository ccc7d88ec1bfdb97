import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { APP_ROLE } from './app-role.js';
import type { TaskQueues } from '../../../workflows/contracts/task-queues.js';
import { bindHost, envInt, taskQueues } from './config.js';
import { createServiceDataSource, type ServiceDatabaseOptions } from './database.js';
import { startSubgraphServer } from './http-server.js';
import type { Subgraph } from './subgraph-schema.js';
import { readSecrets, type Secrets } from './secrets.js';
import { connectClient, startActivityWorker, temporalSettingsFromEnv, type TemporalSettings } from './temporal.js';

export interface ServiceDeps {
  dataSource: DataSource;
  temporal: Client;
  queues: TaskQueues;
  secrets: Secrets;
}

/** What a service process is made of: its schema, its subgraph and its activities. */
export interface ServiceDefinition {
  name: keyof Omit<TaskQueues, 'lifecycle'>;
  database: Omit<ServiceDatabaseOptions, 'url'>;
  subgraph(deps: ServiceDeps): Promise<Subgraph>;
  /** Implements the activity interfaces of the workflow contracts this service's queue serves. */
  activities(deps: ServiceDeps): object;
}

export interface RunningService {
  url: string;
  deps: ServiceDeps;
  stop(): Promise<void>;
}

/** Starts one service: database pool, Temporal client, activity worker and subgraph server. */
export async function startService(
  definition: ServiceDefinition,
  options: { databaseUrl: string; port: number; host?: string; temporal: TemporalSettings; queues: TaskQueues; secrets: Secrets },
): Promise<RunningService> {
  const dataSource = createServiceDataSource({ ...definition.database, url: options.databaseUrl, role: APP_ROLE });
  await dataSource.initialize();
  const temporal = await connectClient(options.temporal);
  const deps: ServiceDeps = { dataSource, temporal: temporal.client, queues: options.queues, secrets: options.secrets };
  const worker = await startActivityWorker({
    settings: options.temporal,
    taskQueue: options.queues[definition.name],
    activities: definition.activities(deps),
  });
  const subgraph = await definition.subgraph(deps);
  const server = await startSubgraphServer({
    schema: subgraph.schema,
    documents: subgraph.documents,
    port: options.port,
    host: options.host,
    internalSecret: options.secrets.internalSecret,
  });
  return {
    url: server.url,
    deps,
    async stop() {
      await server.close();
      await worker.stop();
      await temporal.close();
      await dataSource.destroy();
    },
  };
}

/** The `main.ts` of every service: configuration from the environment, clean stop on signals. */
export async function runServiceMain(definition: ServiceDefinition, defaultPort: number): Promise<void> {
  const databaseUrl = process.env['DATABASE_URL'];
  if (!databaseUrl) throw new Error('Set DATABASE_URL (npm start does this for you).');
  const service = await startService(definition, {
    databaseUrl,
    port: envInt('PORT', defaultPort),
    host: bindHost(),
    temporal: temporalSettingsFromEnv(),
    queues: taskQueues(),
    secrets: readSecrets(),
  });
  console.log(`${definition.name} subgraph ready at ${service.url}, activities on task queue ${service.deps.queues[definition.name]}`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await service.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}
