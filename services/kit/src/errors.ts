import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { DomainError, isErrorCode, type ErrorCode } from '../../../domain/errors.js';

/** A failure the caller caused: carried to the client with its code, message and field. */
export function userError(code: ErrorCode, message: string, field?: string): GraphQLError {
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
  // Every code of the one list (domain/errors.ts) is the caller's to see, except our own faults.
  if (isErrorCode(code) && code !== 'INTERNAL_SERVER_ERROR') {
    const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  console.error('internal error:', unwrap(error));
  return { message: 'Something went wrong on our side. Please try again later.', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

function unwrap(error: unknown): unknown {
  return error instanceof GraphQLError && error.originalError ? error.originalError : error;
}
