import { GraphQLError } from 'graphql';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { shortenMessage } from '../../kit/src/errors.js';
import { RETRY_AFTER_SECONDS } from '../../kit/src/faults.js';

/** Extensions that describe our insides (which subgraph, what it answered), never the caller's business. */
const INTERNAL_EXTENSIONS = ['serviceName', 'subgraphName', 'response', 'request', 'originalError', 'stacktrace', 'exception', 'unexpected'];

/**
 * Every error leaves the gateway with a stable `extensions.code` and without internal details.
 * graphql-js reports variables of the wrong type or missing required values without a code:
 * they become BAD_USER_INPUT (as the subgraphs' Apollo Server reports them), and any other
 * uncoded error about the document GRAPHQL_VALIDATION_FAILED.
 */
export function errorShape(): GatewayPlugin {
  return {
    onExecutionResult({ result, setResult }) {
      if (!result || !('errors' in result) || !Array.isArray(result.errors) || result.errors.length === 0) return;
      const errors = result.errors.map(shapeError);
      // Nothing could be answered because a part is down: say so in HTTP too (503, Retry-After).
      // With partial data the answer stays 200, so clients keep what did arrive.
      const nothing = result.data === null || result.data === undefined || Object.values(result.data).every((value) => value === null);
      const allUnavailable = errors.every((error) => error.extensions['code'] === 'SERVICE_UNAVAILABLE');
      setResult({ ...result, errors: nothing && allUnavailable ? errors.map(withUnavailableStatus) : errors });
    },
  };
}

/** Codes with which Hive reports a subgraph it could not reach, or that answered with something other than GraphQL. */
const UNREACHABLE_CODES = new Set(['SUBREQUEST_HTTP_ERROR', 'RESPONSE_VALIDATION_FAILED', 'TIMEOUT_ERROR', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'UND_ERR_SOCKET']);

/**
 * The gateway's error masking (Hive/Yoga `maskedErrors.maskError`): a subgraph that refuses
 * connections, drops them or answers garbage is SERVICE_UNAVAILABLE with retry advice at the
 * path it would have filled, so the rest of a cross-subgraph answer still arrives. Other coded
 * GraphQL errors pass; anything unexpected is INTERNAL_SERVER_ERROR, its details unsaid.
 */
export function maskError(error: unknown, message: string): Error {
  const graphQLError = error instanceof GraphQLError ? error : undefined;
  const options = { nodes: graphQLError?.nodes, source: graphQLError?.source, positions: graphQLError?.positions, path: graphQLError?.path };
  if (isUnreachable(error)) {
    return new GraphQLError(`This part of the answer comes from a service that is not available right now. Try again in ${RETRY_AFTER_SECONDS} seconds.`, {
      ...options,
      extensions: { code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: RETRY_AFTER_SECONDS },
    });
  }
  if (isOriginalGraphQLError(error)) return error;
  const http = graphQLError?.extensions['http'];
  return new GraphQLError(message, { ...options, extensions: { code: 'INTERNAL_SERVER_ERROR', ...(http ? { http } : {}) } });
}

function isUnreachable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && typeof current === 'object' && depth < 6; depth++) {
    const code = (current as { extensions?: { code?: unknown } }).extensions?.code ?? (current as { code?: unknown }).code;
    if (typeof code === 'string' && UNREACHABLE_CODES.has(code)) return true;
    current = (current as { originalError?: unknown; cause?: unknown }).originalError ?? (current as { cause?: unknown }).cause;
  }
  return false;
}

/** A GraphQL error raised as such (a coded refusal), not a wrapped exception. */
function isOriginalGraphQLError(error: unknown): error is GraphQLError {
  if (!(error instanceof GraphQLError)) return false;
  return error.originalError ? isOriginalGraphQLError(error.originalError) : true;
}

function withUnavailableStatus(error: GraphQLError): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: { ...error.extensions, http: { status: 503, headers: { 'retry-after': String(RETRY_AFTER_SECONDS) } } },
  });
}

export function shapeError(error: GraphQLError): GraphQLError {
  const extensions: Record<string, unknown> = { ...error.extensions };
  for (const key of INTERNAL_EXTENSIONS) delete extensions[key];
  if (typeof extensions['code'] !== 'string') extensions['code'] = uncodedErrorCode(error);
  if (extensions['code'] === 'GRAPHQL_VALIDATION_FAILED' && isBadValue(error.message)) extensions['code'] = 'BAD_USER_INPUT';
  return new GraphQLError(shortenMessage(error.message), {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions,
  });
}

/**
 * graphql-js's ValuesOfCorrectTypeRule: a value written into the document that its argument's
 * type does not accept (an unknown enum value such as `program: NOPE`, a string where a number
 * belongs, a missing or unknown input field). The document is well formed; the value is the
 * caller's mistake, so it is BAD_USER_INPUT, as the same value sent as a variable is.
 */
const BAD_VALUE_MESSAGES = [
  /^Value "[^"]*" does not exist in "[^"]+" enum\./,
  /^Enum "[^"]+" cannot represent non-enum value/,
  /^Expected value of type "[^"]+", found /,
  /^Field "[^"]+" of required type "[^"]+" was not provided\./,
  /^Field "[^"]+" is not defined by type "[^"]+"\./,
];

function isBadValue(message: string): boolean {
  return BAD_VALUE_MESSAGES.some((pattern) => pattern.test(message));
}

function uncodedErrorCode(error: GraphQLError): string {
  if (/^Variable "\$[^"]+"/.test(error.message)) return 'BAD_USER_INPUT';
  return error.path ? 'INTERNAL_SERVER_ERROR' : 'GRAPHQL_VALIDATION_FAILED';
}
