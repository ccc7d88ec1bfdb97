import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';

/**
 * Each subgraph call gets an AbortSignal of its own (issue 16, finding 10), and nothing of a call
 * outlives it.
 *
 * The HTTP executor behind every subgraph keeps one AbortController for its whole life (it aborts
 * in-flight calls when the gateway is disposed). When a request carries no signal of its own,
 * that one long-lived signal is handed to every fetch as is, and node:http adds an abort listener
 * to it per request on the wire: 16 concurrent clients put more than ten calls in flight to one
 * subgraph, and Node warns `MaxListenersExceededWarning … abort listeners added to [AbortSignal]`.
 * Raising the limit would hide it.
 *
 * `AbortSignal.any([shared])` per call is no cure on Node 20: every composite leaves a WeakRef in
 * the shared signal's dependant set that is never pruned (nodejs/node#55351), and a composite that
 * ever had an abort listener is held strongly until the shared signal aborts, i.e. forever. The
 * mixed-load soak saw the gateway's heap grow with every request that way.
 *
 * So the shared signal gets one listener, added once, that aborts the calls in flight on it, and
 * each call has its own controller, in that set only from the call until its response (or error).
 */
export function signalPerSubgraphCall(): GatewayPlugin {
  const signals = callSignals();
  return {
    onFetch({ options, setOptions, fetchFn, setFetchFn }) {
      const shared = options.signal;
      if (!(shared instanceof AbortSignal) || shared.aborted) return;
      const call = signals.follow(shared);
      setOptions({ ...options, signal: call.signal });
      // Released when the response (or the failure) arrives; the body is read right after, on our
      // own signal, which the gateway's shutdown then no longer aborts (nothing waits on it).
      setFetchFn((url, init, context, info) => Promise.resolve(fetchFn(url, init, context, info)).finally(call.release));
      return call.release; // also as the done hook, should a later plugin replace the fetch
    },
  };
}

export interface CallSignals {
  /** A signal of the call's own, aborted with `shared` until `release()`. */
  follow(shared: AbortSignal): { signal: AbortSignal; release(): void };
  /** Calls following `shared` now. */
  following(shared: AbortSignal): number;
}

/** One abort listener per shared signal, however many calls follow it; a released call leaves nothing behind. */
export function callSignals(): CallSignals {
  const inFlight = new WeakMap<AbortSignal, Set<AbortController>>();
  return {
    follow(shared) {
      let calls = inFlight.get(shared);
      if (calls === undefined) {
        const set = new Set<AbortController>();
        shared.addEventListener(
          'abort',
          () => {
            for (const call of set) call.abort(shared.reason);
            set.clear();
          },
          { once: true },
        );
        inFlight.set(shared, set);
        calls = set;
      }
      const own = new AbortController();
      if (shared.aborted) own.abort(shared.reason);
      else calls.add(own);
      const followers = calls;
      return { signal: own.signal, release: () => void followers.delete(own) };
    },
    following: (shared) => inFlight.get(shared)?.size ?? 0,
  };
}
