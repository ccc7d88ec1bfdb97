import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode } from '@temporalio/worker';
import { startWorker, type RunningWorker, type TemporalSettings } from '../services/kit/src/temporal.js';

export const WORKFLOWS_PATH = fileURLToPath(new URL('./index.ts', import.meta.url));

/** Bundles the workflows once; tests reuse one bundle across many workers. */
export async function bundleWorkflows(): Promise<{ code: string }> {
  return bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quietBundlerLogger });
}

/** Runs the workflows (never a database) on the lifecycle task queue. */
export async function startLifecycleWorker(options: { settings: TemporalSettings; taskQueue: string; workflowBundle?: { code: string } }): Promise<RunningWorker> {
  return startWorker(options.settings, { taskQueue: options.taskQueue, workflowBundle: options.workflowBundle ?? (await bundleWorkflows()) });
}

const quietBundlerLogger = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string, meta?: unknown) => console.warn(message, meta ?? ''),
  error: (message: string, meta?: unknown) => console.error(message, meta ?? ''),
  log: () => undefined,
};
