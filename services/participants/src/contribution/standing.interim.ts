import type { EntityManager } from 'typeorm';
import type { StandingChange, StandingChanged } from '../../../../workflows/contracts/participants.activities.js';

/**
 * The people model's standing records (markInactive / reactivate, issue 13) as billing calls them,
 * inside billing's own transaction. INTERIM until the people branch lands its records: this one
 * flips the enrolment's status and audits each change; the people model keeps effective-dated
 * periods, so a claim is judged by the standing on its incident date.
 */
export interface EnrolmentStanding {
  markInactive(tx: EntityManager, change: StandingChange): Promise<StandingChanged>;
  reactivate(tx: EntityManager, change: StandingChange): Promise<StandingChanged>;
}

export const interimStanding: EnrolmentStanding = {
  markInactive: (tx, change) => flip(tx, change, 'ACTIVE', 'INACTIVE', 'participant.inactive'),
  reactivate: (tx, change) => flip(tx, change, 'INACTIVE', 'ACTIVE', 'participant.reactivate'),
};

async function flip(tx: EntityManager, change: StandingChange, from: string, to: string, action: string): Promise<StandingChanged> {
  if (change.enrolmentIds.length === 0) return { changed: [], unchanged: [], unknown: [] };
  const changed = (await tx.query(`UPDATE participants.participant SET status = $3 WHERE id = ANY($1) AND status = $2 RETURNING id, region_code`, [
    change.enrolmentIds,
    from,
    to,
  ])) as [{ id: string; region_code: string }[], number];
  const rows = changed[0];
  const { actor } = change;
  await tx.query(
    `INSERT INTO participants.audit_event (actor, roles, cities, client_id, request_id, action, entity_type, entity_id, region_code, before, after)
     SELECT $1, $2, $3, $4, $5, $6, 'Participant', c.id, c.region_code, jsonb_build_object('status', $7::text), jsonb_build_object('status', $8::text, 'from', $9::text, 'note', $10::text)
       FROM unnest($11::text[], $12::text[]) AS c(id, region_code)`,
    [
      actor.subject,
      actor.roles,
      actor.cities === 'ALL' ? null : [...actor.cities],
      actor.clientId,
      actor.requestId,
      action,
      from,
      to,
      change.fromDate,
      change.note,
      rows.map((r) => r.id),
      rows.map((r) => r.region_code),
    ],
  );
  const done = new Set(rows.map((r) => r.id));
  return { changed: [...done], unchanged: change.enrolmentIds.filter((id) => !done.has(id)), unknown: [] };
}
