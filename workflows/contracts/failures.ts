import { ApplicationFailure } from '@temporalio/common';
import { DomainError, ERROR_CODES, isErrorCode, type ErrorDetails } from '../../domain/errors.js';

// How a broken rule crosses Temporal: an activity or a workflow turns the DomainError into a
// non-retryable ApplicationFailure typed with its code; the service that started the workflow
// finds it again in the failure chain and reports the same coded error. Both sides use these two.

/** A rule violation as a failure Temporal never retries. */
export function failureFromDomainError(error: DomainError): ApplicationFailure {
  return ApplicationFailure.create({ message: error.message, type: error.code, nonRetryable: true, details: [{ field: error.field ?? null, details: error.details ?? null }] });
}

/** The rule violation inside a failure chain (update refused by a validator, workflow failed by an activity). */
export function domainErrorFromFailure(error: unknown): DomainError | undefined {
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 10; depth++) {
    if (current instanceof ApplicationFailure && isRuleCode(current.type)) {
      const details = current.details?.[0] as { field?: string | null; details?: ErrorDetails | null } | undefined;
      return new DomainError(current.type, current.message, details?.field ?? undefined, details?.details ?? undefined);
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Codes that mean "the caller's request broke a rule", as opposed to our own faults. */
function isRuleCode(type: string | undefined | null): type is keyof typeof ERROR_CODES {
  return isErrorCode(type) && type !== 'INTERNAL_SERVER_ERROR';
}
