import { GraphQLError } from 'graphql';
import { ERROR_CODES, type ErrorCode } from '../../../domain/errors.js';

/**
 * A refusal the client can act on: a stable `extensions.code` from the one list, a plain
 * message, and the HTTP status that list gives the code (the server strips `http` before responding).
 */
export function refusal(code: ErrorCode, message: string, headers?: Record<string, string>, field?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...(field ? { field } : {}), http: { status: ERROR_CODES[code].status, ...(headers ? { headers } : {}) } } });
}
