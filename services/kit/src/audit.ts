import type { EntityManager } from 'typeorm';
import type { Actor } from '../../../domain/access.js';
import type { Caller } from './context.js';

export interface AuditEntry {
  actor: Actor;
  /** What happened, e.g. `mou.activate`, `claim.approve`. */
  action: string;
  entityType: string;
  entityId: string;
  regionCode: string | null;
  before: unknown;
  after: unknown;
}

export function auditActorOf(caller: Caller): Actor {
  const { subject, roles, cities, clientId } = caller.identity;
  return { subject, roles, cities, clientId, requestId: caller.requestId };
}

/**
 * Appends one audit row in the caller's transaction, so the record and the change commit or
 * fail together. Personal data must already be masked in `before`/`after`.
 */
export async function recordAudit(tx: EntityManager, schema: string, entry: AuditEntry): Promise<void> {
  const { actor } = entry;
  await tx.query(
    `INSERT INTO ${schema}.audit_event (actor, roles, cities, client_id, request_id, action, entity_type, entity_id, region_code, before, after)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      actor.subject,
      actor.roles,
      actor.cities === 'ALL' ? null : [...actor.cities],
      actor.clientId,
      actor.requestId,
      entry.action,
      entry.entityType,
      entry.entityId,
      entry.regionCode,
      entry.before === null ? null : JSON.stringify(entry.before, jsonSafe),
      entry.after === null ? null : JSON.stringify(entry.after, jsonSafe),
    ],
  );
}

/** Rupiah are bigint: written as digit strings. */
function jsonSafe(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}
