import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode, NativeConnection, Worker } from '@temporalio/worker';
import { configureTemporalRuntime, type TemporalSettings } from '../services/kit/src/temporal.js';

export const WORKFLOWS_PATH = fileURLToPath(new URL('./index.ts', import.meta.url));

/** Bundles the workflows once; tests reuse one bundle across many workers. */
export async function bundleWorkflows(): Promise<{ code: string }> {
  return bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quietBundlerLogger });
}

/** Runs the workflows (never a database) on the lifecycle task queue. */
export async function startLifecycleWorker(options: {
  settings: TemporalSettings;
  taskQueue: string;
  workflowBundle?: { code: string };
}): Promise<{ stop(): Promise<void> }> {
  configureTemporalRuntime();
  const connection = await NativeConnection.connect({ address: options.settings.address });
  const worker = await Worker.create({
    connection,
    namespace: options.settings.namespace,
    taskQueue: options.taskQueue,
    workflowBundle: options.workflowBundle ?? (await bundleWorkflows()),
  });
  const running = worker.run();
  return {
    async stop() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
      await connection.close();
    },
  };
}

const quietBundlerLogger = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string, meta?: unknown) => console.warn(message, meta ?? ''),
  error: (message: string, meta?: unknown) => console.error(message, meta ?? ''),
  log: () => undefined,
};
