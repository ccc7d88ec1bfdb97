import { GraphQLError } from 'graphql';

/**
 * A refusal the client can act on: a stable `extensions.code`, a plain message, and the HTTP
 * status (and headers) the gateway answers with. The server strips `http` before responding.
 */
export function refusal(code: string, message: string, status = 400, headers?: Record<string, string>): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status, ...(headers ? { headers } : {}) } } });
}
