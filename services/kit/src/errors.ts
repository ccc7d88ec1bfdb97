import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { DomainError, isErrorCode, type ErrorCode, type ErrorDetails } from '../../../domain/errors.js';
import { domainErrorFromFault, sqlState, unavailableFromFault } from './faults.js';

/** A failure the caller caused: carried to the client with its code, message and field. */
export function userError(code: ErrorCode, message: string, field?: string, details?: ErrorDetails): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...(field ? { field } : {}), ...details } });
}

/**
 * Domain rules throw DomainError; at the GraphQL edge it becomes a coded user error. So do the
 * database's refusals of a value (the caller's to fix) and an outage of the database or the
 * workflow engine (SERVICE_UNAVAILABLE with `retryAfterSeconds`, never a 500).
 */
export function toGraphQLError(error: unknown): unknown {
  if (error instanceof DomainError) return userError(error.code, error.message, error.field, error.details);
  const refusal = domainErrorFromFault(error);
  if (refusal) {
    console.error(`refused by the database: SQLSTATE ${sqlState(error)}`);
    return userError(refusal.code, refusal.message, refusal.field);
  }
  const unavailable = unavailableFromFault(error);
  if (unavailable) {
    console.error(`unavailable: ${error instanceof Error ? error.message : String(error)}`);
    return userError(unavailable.code, unavailable.message, undefined, unavailable.details);
  }
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
    return { ...formatted, message: shortenMessage(formatted.message), extensions };
  }
  // Outside a resolver (a DataLoader batch, an entity reference) an outage still gets its code.
  const mapped = toGraphQLError(unwrap(error));
  if (mapped instanceof GraphQLError && mapped !== unwrap(error)) return { message: mapped.message, path: formatted.path, extensions: mapped.extensions };
  console.error('internal error:', unwrap(error));
  return { message: 'Something went wrong on our side. Please try again later.', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

/**
 * graphql-js quotes a refused variable value in full ("Variable "$input" got invalid value …"):
 * a 60 KB string would come straight back. Long quoted values are cut to their first 40 characters.
 */
export function shortenMessage(message: string): string {
  if (message.length <= 300) return message;
  return message.replace(/"((?:[^"\\]|\\.){40})(?:[^"\\]|\\.){20,}"/g, '"$1…"').replace(/(\S{60})\S{40,}/g, '$1…');
}

function unwrap(error: unknown): unknown {
  return error instanceof GraphQLError && error.originalError ? error.originalError : error;
}
