import DataLoader from 'dataloader';
import type { Identity } from './identity.js';
import { CityScopeFilter } from './scope.js';

export const REQUEST_ID_HEADER = 'x-request-id';
/** A client's key for one logical request: a retry with the same key gets the first answer (README, Errors). */
export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** What an idempotency key may look like: short, plain, forwarded by the gateway as it came. */
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * Per-request context of every subgraph. The identity was verified from the gateway's signed
 * header before the request reached GraphQL; requests without one never get here.
 */
export interface RequestContext {
  requestId: string;
  identity: Identity;
  /** The client's Idempotency-Key, if it sent one. */
  idempotencyKey: string | null;
  /** The cities this identity may see: every read and write goes through it. */
  scope: CityScopeFilter;
  /** Per-request DataLoader cache, so `__resolveReference` and field lists batch. */
  loader<K, V>(name: string, batch: (keys: readonly K[]) => Promise<(V | Error)[]>): DataLoader<K, V>;
}

/** What a use case needs to know about its caller: who, where they may act, which request. */
export type Caller = Pick<RequestContext, 'identity' | 'scope' | 'requestId'> & Partial<Pick<RequestContext, 'idempotencyKey'>>;

export function createRequestContext(identity: Identity, requestId: string, idempotencyKey: string | null = null): RequestContext {
  const loaders = new Map<string, DataLoader<unknown, unknown>>();
  return {
    requestId,
    identity,
    idempotencyKey,
    scope: new CityScopeFilter(identity.cities),
    loader<K, V>(name: string, batch: (keys: readonly K[]) => Promise<(V | Error)[]>): DataLoader<K, V> {
      let loader = loaders.get(name) as DataLoader<K, V> | undefined;
      if (!loader) {
        loader = new DataLoader<K, V>(batch);
        loaders.set(name, loader as DataLoader<unknown, unknown>);
      }
      return loader;
    },
  };
}
