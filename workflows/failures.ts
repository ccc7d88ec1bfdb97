import { ApplicationFailure } from '@temporalio/workflow';
import { DomainError } from '../domain/errors.js';

/**
 * A broken business rule inside a workflow becomes a non-retryable failure typed with the
 * rule's code, so the service that started the workflow reports the same coded error.
 */
export function asFailure(error: unknown): unknown {
  if (error instanceof DomainError) {
    return ApplicationFailure.create({ message: error.message, type: error.code, nonRetryable: true, details: [{ field: error.field ?? null }] });
  }
  return error;
}

export function applyRule<T>(rule: () => T): T {
  try {
    return rule();
  } catch (error) {
    throw asFailure(error);
  }
}

/** Retries for infrastructure faults only; rule violations are non-retryable by type. */
export const ACTIVITY_RETRY = { initialInterval: '200ms', maximumInterval: '10s', backoffCoefficient: 2, maximumAttempts: 20 } as const;
