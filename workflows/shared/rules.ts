import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';
import { DomainError } from '../../domain/errors.js';
import { failureFromDomainError } from '../contracts/failures.js';

/** Runs a domain rule inside a workflow; a broken rule fails with its code, never retried. */
export function applyRule<T>(rule: () => T): T {
  try {
    return rule();
  } catch (error) {
    throw error instanceof DomainError ? failureFromDomainError(error) : error;
  }
}

/**
 * What a caller hears when a workflow step fails: a rule's failure keeps its code (also when an
 * activity raised it); anything else is reported as an internal failure without details.
 */
export function callerFailure(error: unknown): ApplicationFailure {
  if (error instanceof DomainError) return failureFromDomainError(error);
  if (error instanceof ApplicationFailure) return error;
  if (error instanceof ActivityFailure && error.cause instanceof ApplicationFailure) return error.cause;
  return ApplicationFailure.create({ message: 'This step could not be completed; please try again.', type: 'INTERNAL_SERVER_ERROR', nonRetryable: true });
}
