import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { DomainError } from '../../../domain/errors.js';

/**
 * Stable error codes every subgraph may return in `extensions.code`. Partner apps switch on
 * these, so they never change meaning; messages are for people.
 */
export const USER_ERROR_CODES = [
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'QUOTA_EXCEEDED',
  'NOT_ELIGIBLE',
  'INVALID_TRANSITION',
  'FOUR_EYES',
] as const;
export type UserErrorCode = (typeof USER_ERROR_CODES)[number];

export function isUserErrorCode(code: unknown): code is UserErrorCode {
  return typeof code === 'string' && (USER_ERROR_CODES as readonly string[]).includes(code);
}

/** A failure the caller caused: carried to the client with its code, message and field. */
export function userError(code: UserErrorCode, message: string, field?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...(field ? { field } : {}) } });
}

/** Domain rules throw DomainError; at the GraphQL edge it becomes a coded user error. */
export function toGraphQLError(error: unknown): unknown {
  if (error instanceof DomainError) return userError(error.code, error.message, error.field);
  return error;
}

/**
 * Apollo `formatError`: user errors pass through as they are; anything else is an internal
 * fault, logged in full here and masked for the client (no stack, SQL or personal data).
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.['code'];
  if (isUserErrorCode(code)) {
    const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  // GraphQL validation and parse errors are the client's too, and safe to show.
  if (code === 'GRAPHQL_VALIDATION_FAILED' || code === 'GRAPHQL_PARSE_FAILED' || code === 'BAD_REQUEST') {
    return { message: formatted.message, locations: formatted.locations, extensions: { code } };
  }
  console.error('internal error:', unwrap(error));
  return { message: 'Something went wrong on our side. Please try again later.', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

function unwrap(error: unknown): unknown {
  return error instanceof GraphQLError && error.originalError ? error.originalError : error;
}
