// Errors a user can cause. Services map `code` onto GraphQL `extensions.code` and `field` onto
// the input field, so every message must make sense to a caseworker on its own.

export type DomainErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'FORBIDDEN'
  | 'NOT_ELIGIBLE'
  | 'QUOTA_EXCEEDED'
  | 'INVALID_TRANSITION'
  | 'FOUR_EYES';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}
