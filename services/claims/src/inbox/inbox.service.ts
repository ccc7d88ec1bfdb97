import type { DataSource } from 'typeorm';
import { isClaimStatus } from '../../../../domain/claims/claim-status.js';
import { DomainError } from '../../../../domain/errors.js';
import { checkPageSize } from '../../../../domain/pages.js';
import { auditActorOf, recordAudit } from '../../../kit/src/audit.js';
import type { Caller } from '../../../kit/src/context.js';
import { isUuid } from '../../../kit/src/ids.js';
import type { CityScopeFilter } from '../../../kit/src/scope.js';
import { ClaimEntity } from '../claim/claim.entity.js';

export type InboxFilter = { regionCode?: string | null; status?: string | null; slaRisk?: string | null; assignee?: string | null; unassigned?: boolean | null };

/** The city's "today" in SQL, and a claim's payment-clock risk on it (domain/claims/sla.ts slaRisk). */
const TODAY = `(now() AT TIME ZONE claims.region_time_zone(c.region_code))::date`;
const RISK = `CASE WHEN s.claim_id IS NULL THEN NULL
  WHEN s.met_on IS NOT NULL THEN CASE WHEN s.met_on <= s.due_on THEN 'MET' ELSE 'BREACHED' END
  WHEN ${TODAY} > s.due_on THEN 'BREACHED' WHEN ${TODAY} >= s.warn_on THEN 'AT_RISK' ELSE 'ON_TRACK' END`;

/** A cursor is the last row's (submitted_at, id), so a page is a keyset walk over claim_inbox_idx. */
function decodeCursor(after: string | null): [string, string] | null {
  if (!after) return null;
  const [at, id] = Buffer.from(after, 'base64url').toString('utf8').split('|');
  if (!at || !id || !isUuid(id) || Number.isNaN(Date.parse(at))) throw new DomainError('BAD_USER_INPUT', 'after is not a cursor this inbox gave out.', 'after');
  return [at, id];
}

/**
 * The caseworkers' inbox (filters: city, status, SLA risk, assignee; keyset pages, oldest
 * first), taking and assigning cases, the timeline, and the managers' KPIs. City-scoped.
 */
export class InboxService {
  constructor(private readonly dataSource: DataSource) {}

  async inbox(filter: InboxFilter, first: number, after: string | null, scope: CityScopeFilter): Promise<{ items: ClaimEntity[]; endCursor: string | null; hasNextPage: boolean }> {
    checkPageSize(first);
    if (filter.status && !isClaimStatus(filter.status)) throw new DomainError('BAD_USER_INPUT', `"${filter.status}" is not a claim status.`, 'filter.status');
    const cursor = decodeCursor(after);
    // Only the filters given become SQL: a catch-all `$n IS NULL OR …` query gets a generic plan
    // after five runs that scans every claim (2 s at 100,000) instead of reading the inbox index in order.
    const params: unknown[] = [];
    const where: string[] = [];
    const add = (value: unknown, condition: (param: string) => string) => {
      params.push(value);
      where.push(condition(`$${params.length}`));
    };
    const cities = scope.asSqlArray();
    if (cities) {
      if (cities.length === 1) add(cities[0], (p) => `c.region_code = ${p}`);
      else add(cities, (p) => `c.region_code = ANY(${p})`);
    }
    if (filter.regionCode != null) add(filter.regionCode, (p) => `c.region_code = ${p}`);
    if (filter.status != null) add(filter.status, (p) => `c.status = ${p}`);
    if (filter.slaRisk != null) add(filter.slaRisk, (p) => `${RISK} = ${p}`);
    if (filter.assignee != null) add(filter.assignee, (p) => `c.assignee = ${p}`);
    if (filter.unassigned) where.push('c.assignee IS NULL');
    if (cursor) {
      params.push(cursor[0]);
      add(cursor[1], (p) => `(c.submitted_at, c.id) > ($${params.length - 1}::timestamptz, ${p}::uuid)`);
    }
    params.push(first + 1);
    const rows = (await this.dataSource.query(
      `SELECT c.id, to_char(c.submitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS submitted_at FROM claims.claim c LEFT JOIN claims.claim_sla s ON s.claim_id = c.id AND s.step = 'PAYMENT'
        ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY c.submitted_at, c.id LIMIT $${params.length}`,
      params,
    )) as { id: string; submitted_at: string }[];
    const page = rows.slice(0, first);
    const entities = page.length
      ? await this.dataSource
          .getRepository(ClaimEntity)
          .createQueryBuilder('c')
          .where('c.id = ANY(:ids)', { ids: page.map((r) => r.id) })
          .getMany()
      : [];
    const byId = new Map(entities.map((e) => [e.id, e]));
    const last = page.at(-1);
    return {
      items: page.map((r) => byId.get(r.id)!),
      endCursor: last ? Buffer.from(`${last.submitted_at}|${last.id}`).toString('base64url') : null,
      hasNextPage: rows.length > first,
    };
  }

  /** A supervisor assigns a case; a caseworker takes an unassigned one (assignee = themselves). */
  async assign(claimId: string, assignee: string | null, caller: Caller, taking: boolean): Promise<void> {
    if (!isUuid(claimId)) throw new DomainError('NOT_FOUND', `No claim with id ${claimId}.`, 'claimId');
    await this.dataSource.transaction(async (tx) => {
      const [claim] = (await tx.query(`SELECT status, region_code, assignee FROM claims.claim WHERE id = $1 AND ($2::text[] IS NULL OR region_code = ANY($2)) FOR UPDATE`, [
        claimId,
        caller.scope.asSqlArray(),
      ])) as { status: string; region_code: string; assignee: string | null }[];
      if (!claim) throw new DomainError('NOT_FOUND', `No claim with id ${claimId}.`, 'claimId');
      if (['PAID', 'REJECTED', 'CANCELLED'].includes(claim.status))
        throw new DomainError('INVALID_TRANSITION', `This claim is ${claim.status.toLowerCase()}; it is closed and needs no caseworker.`, 'claimId');
      if (claim.assignee === assignee) return; // a repeat changes nothing
      if (taking && claim.assignee !== null) throw new DomainError('CONFLICT', `This case is already taken by ${claim.assignee}; ask a supervisor to reassign it.`, 'claimId');
      await tx.query(`UPDATE claims.claim SET assignee = $2, assigned_at = now(), updated_at = now() WHERE id = $1`, [claimId, assignee]);
      await tx.query(`INSERT INTO claims.claim_event (claim_id, action, from_status, to_status, actor, note) VALUES ($1, 'ASSIGN', $2, $2, $3, $4)`, [
        claimId,
        claim.status,
        caller.identity.subject,
        assignee === null ? 'unassigned' : `assigned to ${assignee}`,
      ]);
      await recordAudit(tx, 'claims', {
        actor: auditActorOf(caller),
        action: 'claim.assign',
        entityType: 'Claim',
        entityId: claimId,
        regionCode: claim.region_code,
        before: { assignee: claim.assignee },
        after: { assignee },
      });
    });
  }

  /** The claims notifications (SLA escalations and breaches) for the caller's roles and cities, newest first. */
  async notifications(caller: Caller, first: number): Promise<Record<string, unknown>[]> {
    checkPageSize(first);
    return (await this.dataSource.query(
      `SELECT id, region_code AS "regionCode", recipient_role AS "recipientRole", claim_id AS "claimId", kind, message, created_at AS "createdAt"
         FROM claims.claim_notification WHERE ($1::text[] IS NULL OR region_code = ANY($1)) AND recipient_role = ANY($2) ORDER BY created_at DESC, id LIMIT $3`,
      [caller.scope.asSqlArray(), caller.identity.roles.includes('admin') ? ['supervisor', 'manager', 'admin'] : caller.identity.roles, first],
    )) as Record<string, unknown>[];
  }

  async timelines(claimIds: readonly string[]): Promise<Record<string, unknown>[][]> {
    const rows = claimIds.length
      ? ((await this.dataSource.query(
          `SELECT claim_id, action, from_status AS "fromStatus", to_status AS "toStatus", actor, reason_code AS "reasonCode", note, at FROM claims.claim_event WHERE claim_id = ANY($1) ORDER BY claim_id, id`,
          [[...claimIds]],
        )) as ({ claim_id: string } & Record<string, unknown>)[])
      : [];
    return claimIds.map((id) => rows.filter((r) => r.claim_id === id));
  }

  async slaClocks(claimIds: readonly string[]): Promise<Record<string, unknown>[][]> {
    const rows = claimIds.length
      ? ((await this.dataSource.query(
          `SELECT s.claim_id, s.step, to_char(s.started_on, 'YYYY-MM-DD') AS "startedOn", to_char(s.warn_on, 'YYYY-MM-DD') AS "warnOn", to_char(s.due_on, 'YYYY-MM-DD') AS "dueOn",
                  to_char(s.met_on, 'YYYY-MM-DD') AS "metOn", s.warned_at AS "escalatedAt", s.breached_at AS "breachedAt", ${RISK} AS risk
             FROM claims.claim_sla s JOIN claims.claim c ON c.id = s.claim_id WHERE s.claim_id = ANY($1) ORDER BY s.step`,
          [[...claimIds]],
        )) as ({ claim_id: string } & Record<string, unknown>)[])
      : [];
    return claimIds.map((id) => rows.filter((r) => r.claim_id === id));
  }

  /** Per city and program, for one year: claims paid (count, amount) and their time to pay, SLA breaches, open claims. */
  async kpis(year: number, scope: CityScopeFilter): Promise<Record<string, unknown>[]> {
    if (!Number.isInteger(year) || year < 2015 || year > 2100) throw new DomainError('BAD_USER_INPUT', `year must be between 2015 and 2100; got ${year}.`, 'year');
    return (await this.dataSource.query(
      `WITH c AS (SELECT * FROM claims.claim WHERE ($2::text[] IS NULL OR region_code = ANY($2)))
       SELECT g.region_code AS "regionCode", g.municipality_id AS "municipalityId", g.program,
              count(*) FILTER (WHERE c.status = 'PAID' AND extract(year FROM c.paid_at AT TIME ZONE claims.region_time_zone(c.region_code)) = $1)::int AS "paidCount",
              coalesce(sum(c.benefit_total) FILTER (WHERE c.status = 'PAID' AND extract(year FROM c.paid_at AT TIME ZONE claims.region_time_zone(c.region_code)) = $1), 0)::text AS "paidAmount",
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c.paid_at - c.submitted_at) / 86400)
                FILTER (WHERE c.status = 'PAID' AND extract(year FROM c.paid_at AT TIME ZONE claims.region_time_zone(c.region_code)) = $1) AS "timeToPayDaysP50",
              percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM c.paid_at - c.submitted_at) / 86400)
                FILTER (WHERE c.status = 'PAID' AND extract(year FROM c.paid_at AT TIME ZONE claims.region_time_zone(c.region_code)) = $1) AS "timeToPayDaysP95",
              count(*) FILTER (WHERE c.status NOT IN ('PAID', 'REJECTED', 'CANCELLED') AND extract(year FROM c.submitted_at AT TIME ZONE claims.region_time_zone(c.region_code)) = $1)::int AS "openCount",
              (SELECT count(*) FROM claims.claim_sla s JOIN c c2 ON c2.id = s.claim_id
                WHERE c2.region_code = g.region_code AND c2.program = g.program AND extract(year FROM s.due_on) = $1
                  AND (s.breached_at IS NOT NULL OR s.met_on > s.due_on OR (s.met_on IS NULL AND (now() AT TIME ZONE claims.region_time_zone(c2.region_code))::date > s.due_on)))::int AS "slaBreaches"
         FROM (SELECT DISTINCT region_code, municipality_id, program FROM c) g JOIN c ON c.region_code = g.region_code AND c.program = g.program
        GROUP BY g.region_code, g.municipality_id, g.program ORDER BY g.region_code, g.program`,
      [year, scope.asSqlArray()],
    )) as Record<string, unknown>[];
  }
}
