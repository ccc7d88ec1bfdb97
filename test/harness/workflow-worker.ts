import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { Worker } from '@temporalio/worker';
import { inject } from 'vitest';
import { failFastOnDomainErrors, startWorker, type RunningWorker } from '../../services/kit/src/temporal.js';
import { bundleWorkflows } from '../../workflows/lifecycle-worker.js';
import { taskQueueNames, type TaskQueues } from '../../workflows/contracts/task-queues.js';

let bundle: Promise<{ code: string }> | undefined;

/** The workflow bundle, built once per test file. */
export function workflowBundle(): Promise<{ code: string }> {
  bundle ??= bundleWorkflows();
  return bundle;
}

export interface WorkflowTestBed {
  client: Client;
  /** Every queue name points at this test's own queue, where the fakes run. */
  queues: TaskQueues;
  stop(): Promise<void>;
}

/**
 * The real workflows on the run's real Temporal dev server, with fake activities (plain
 * functions a test controls) registered on a task queue of this test's own. No service starts,
 * so a workflow's paths run in milliseconds. Activities are wrapped as the services wrap theirs:
 * a DomainError fails at once with its code.
 */
export async function startWorkflowTestBed(label: string, activities: object): Promise<WorkflowTestBed> {
  const settings = { address: inject('temporalAddress'), namespace: inject('temporalNamespace') };
  const queue = `${label}-${randomUUID().slice(0, 8)}`;
  const queues: TaskQueues = { ...taskQueueNames(), municipalities: queue, participants: queue, claims: queue, lifecycle: queue };
  const worker: RunningWorker = await startWorker(settings, { taskQueue: queue, workflowBundle: await workflowBundle(), activities: failFastOnDomainErrors(activities) });
  const connection = await Connection.connect({ address: settings.address });
  return {
    client: new Client({ connection, namespace: settings.namespace }),
    queues,
    async stop() {
      await connection.close();
      await worker.stop();
    },
  };
}

/**
 * Recorded histories of a workflow's paths, replayed on the current code so a
 * non-deterministic change fails the run. `LINDUNG_RECORD_HISTORIES=1` (re)writes them.
 */
export const histories = {
  recording: process.env['LINDUNG_RECORD_HISTORIES'] === '1',

  async keep(folder: URL, name: string, history: Awaited<ReturnType<WorkflowHandle['fetchHistory']>>): Promise<void> {
    await Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history, name);
    if (this.recording) writeFileSync(new URL(`${name}.json`, folder), historyToJSON(history));
  },

  async replayAll(folder: URL): Promise<string[]> {
    const files = readdirSync(folder).filter((file) => file.endsWith('.json'));
    const bundled = await workflowBundle();
    for (const file of files) {
      const history = historyFromJSON(JSON.parse(readFileSync(new URL(file, folder), 'utf8')));
      await Worker.runReplayHistory({ workflowBundle: bundled }, history, file);
    }
    return files;
  },
};
