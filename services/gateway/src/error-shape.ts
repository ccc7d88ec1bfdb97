import { GraphQLError } from 'graphql';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { shortenMessage } from '../../kit/src/errors.js';

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
      setResult({ ...result, errors: result.errors.map(shapeError) });
    },
  };
}

export function shapeError(error: GraphQLError): GraphQLError {
  const extensions: Record<string, unknown> = { ...error.extensions };
  for (const key of INTERNAL_EXTENSIONS) delete extensions[key];
  if (typeof extensions['code'] !== 'string') extensions['code'] = uncodedErrorCode(error);
  return new GraphQLError(shortenMessage(error.message), { nodes: error.nodes, source: error.source, positions: error.positions, path: error.path, originalError: error.originalError, extensions });
}

function uncodedErrorCode(error: GraphQLError): string {
  if (/^Variable "\$[^"]+"/.test(error.message)) return 'BAD_USER_INPUT';
  return error.path ? 'INTERNAL_SERVER_ERROR' : 'GRAPHQL_VALIDATION_FAILED';
}
