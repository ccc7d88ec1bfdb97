import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { buildConsoleIfStale } from '../../infra/console.js';
import { launchStack, type RunningStack } from '../../infra/stack.js';
import { createTestDatabase, type TestDatabase } from '../harness/database.js';
import { freePorts } from '../harness/ports.js';

export interface ConsoleStack {
  stack: RunningStack;
  db: TestDatabase;
  /** The gateway's GraphQL URL. */
  gateway: string;
  /** Where the gateway serves the console. */
  consoleUrl: string;
  stop(): Promise<void>;
}

/**
 * Every process `npm start` runs, on a database of this test file's own and task queues of its
 * own, with the console built if its sources changed. `env` may depend on the gateway's port
 * (an identity provider's redirect URI does).
 */
export async function startConsoleStack(
  label: string,
  env: (ports: { gateway: number }) => Record<string, string> | Promise<Record<string, string>>,
  logs: string[],
): Promise<ConsoleStack> {
  await buildConsoleIfStale((line) => logs.push(line)); // npm test has built it already; a lone run builds it here
  const db = await createTestDatabase(label);
  const [municipalities, participants, claims, lifecycle, gateway] = (await freePorts(5)) as [number, number, number, number, number];
  const stack = await launchStack({
    databaseUrl: db.url,
    temporalAddress: inject('temporalAddress'),
    temporalNamespace: inject('temporalNamespace'),
    ports: { municipalities, participants, claims, lifecycle, gateway },
    env: { LINDUNG_TASK_QUEUE_SUFFIX: `${label}-${randomUUID().slice(0, 8)}`, ...(await env({ gateway })) },
    migrate: null,
    log: (line) => logs.push(line),
  });
  return {
    stack,
    db,
    gateway: stack.urls.graphql,
    consoleUrl: stack.urls.graphql.replace(/\/graphql$/, '/console/'),
    async stop() {
      await stack.stop();
      await db.drop();
    },
  };
}
