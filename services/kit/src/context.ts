import { randomUUID } from 'node:crypto';
import DataLoader from 'dataloader';
import { userError } from './errors.js';

/** Who is acting. Until gateway-signed identities arrive, the gateway forwards these headers. */
export interface Actor {
  id: string;
  roles: string[];
}

export const ACTOR_HEADER = 'x-lindung-actor';
export const ROLES_HEADER = 'x-lindung-roles';
export const REQUEST_ID_HEADER = 'x-request-id';

export interface RequestContext {
  requestId: string;
  actor: Actor | null;
  /** Per-request DataLoader cache, so `__resolveReference` and field lists batch. */
  loader<K, V>(name: string, batch: (keys: readonly K[]) => Promise<(V | Error)[]>): DataLoader<K, V>;
}

type HeaderGetter = (name: string) => string | undefined;

export function createRequestContext(header: HeaderGetter): RequestContext {
  const loaders = new Map<string, DataLoader<unknown, unknown>>();
  const actorId = header(ACTOR_HEADER)?.trim();
  return {
    requestId: header(REQUEST_ID_HEADER) ?? randomUUID(),
    actor: actorId
      ? { id: actorId, roles: (header(ROLES_HEADER) ?? '').split(',').map((r) => r.trim()).filter(Boolean) }
      : null,
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

/** Mutations need a known actor: the audit trail and four-eyes rules depend on it. */
export function requireActor(ctx: RequestContext): Actor {
  if (!ctx.actor) throw userError('UNAUTHENTICATED', 'Sign in first: this action needs to know who you are.');
  return ctx.actor;
}

/** Orders rows fetched with `WHERE id = ANY($1)` back into the order DataLoader asked for. */
export function byKeys<T, K>(keys: readonly K[], rows: T[], keyOf: (row: T) => K): (T | null)[] {
  const index = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => index.get(key) ?? null);
}
