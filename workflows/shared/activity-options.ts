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

/** How payouts are retried; durations are inputs so tests run a long outage in milliseconds. */
export interface PayoutRetry {
  /** First pause between attempts of the payout activity; it doubles each time… */
  initialIntervalMs: number;
  /** …up to this. */
  maximumIntervalMs: number;
  /** Pause before the workflow schedules the payout again after it failed for good (doubling up to an hour). */
  pauseMs: number;
}

export const DEFAULT_PAYOUT_RETRY: PayoutRetry = { initialIntervalMs: 200, maximumIntervalMs: 60_000, pauseMs: 60_000 };

/**
 * The payout: money owed to an heir, behind an idempotent activity (one payout per claim and
 * instalment), so retrying is always safe and giving up never is. No limit on attempts; the pause
 * between them grows to a minute, so a day-long outage costs about 1,500 attempts.
 */
export function payoutActivityOptions(taskQueue: string, retry: PayoutRetry = DEFAULT_PAYOUT_RETRY): ActivityOptions {
  return {
    taskQueue,
    startToCloseTimeout: '10s',
    retry: { initialInterval: retry.initialIntervalMs, maximumInterval: retry.maximumIntervalMs, backoffCoefficient: 2 },
  };
}
