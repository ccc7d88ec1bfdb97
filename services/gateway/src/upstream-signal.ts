import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';

/**
 * Each subgraph call gets an AbortSignal of its own (issue 16, finding 10).
 *
 * The HTTP executor behind every subgraph keeps one AbortController for its whole life (it aborts
 * in-flight calls when the gateway is disposed). When a request carries no signal of its own,
 * that one long-lived signal is handed to every fetch as is, and node:http adds an abort listener
 * to it per request on the wire: 16 concurrent clients put more than ten calls in flight to one
 * subgraph, and Node warns `MaxListenersExceededWarning … abort listeners added to [AbortSignal]`.
 * Raising the limit would hide it. Instead each call gets `AbortSignal.any([shared])`: it still
 * aborts when the gateway shuts down, but the request's listener sits on a signal of its own, and
 * Node's native `any` follows the shared one without adding a listener to it (it keeps a weak
 * reference), so nothing accumulates however many calls run at once.
 */
export function signalPerSubgraphCall(): GatewayPlugin {
  return {
    onFetch({ options, setOptions }) {
      const shared = options.signal;
      if (!(shared instanceof AbortSignal)) return;
      setOptions({ ...options, signal: AbortSignal.any([shared]) });
    },
  };
}
