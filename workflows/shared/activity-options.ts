import type { ActivityOptions } from '@temporalio/workflow';

/**
 * Options for the read-model activities of every workflow: short attempts, retries for
 * infrastructure faults only (broken rules fail at once, by their non-retryable type).
 */
export function activityOptions(taskQueue: string): ActivityOptions {
  return {
    taskQueue,
    startToCloseTimeout: '10s',
    retry: { initialInterval: '200ms', maximumInterval: '10s', backoffCoefficient: 2, maximumAttempts: 20 },
  };
}
