import type { DataSource } from 'typeorm';
import { isClaimStatus } from '../../../../domain/claims/claim-status.js';
import { DomainError } from '../../../../domain/errors.js';
import { checkPageSize } from '../../../../domain/pages.js';
import { interpolate, locateRank, percentileRanks, type BucketRank, type DayBucket } from '../../../../domain/claims/kpi-percentile.js';
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
    // A risk only open clocks have (due today or later) is found from those clocks (claim_sla_open_idx: few);
    // MET and BREACHED, common among a city's claims, by probing each claim's clock in inbox order.
    const fromOpenClocks = filter.slaRisk === 'AT_RISK' || filter.slaRisk === 'ON_TRACK';
    if (filter.slaRisk != null && fromOpenClocks) {
      // No city's today is before Jakarta's, so a clock due today or later anywhere is due on or after Jakarta's today.
      where.push(`s.met_on IS NULL AND s.due_on >= (now() AT TIME ZONE 'Asia/Jakarta')::date`);
      add(filter.slaRisk, (p) => `${RISK} = ${p}`);
    } else if (filter.slaRisk != null) {
      add(filter.slaRisk, (p) => `(SELECT ${RISK} FROM claims.claim_sla s WHERE s.claim_id = c.id AND s.step = 'PAYMENT') = ${p}`);
    }
    if (filter.assignee != null) add(filter.assignee, (p) => `c.assignee = ${p}`);
    if (filter.unassigned) where.push('c.assignee IS NULL');
    if (cursor) {
      params.push(cursor[0]);
      add(cursor[1], (p) => `(c.submitted_at, c.id) > ($${params.length - 1}::timestamptz, ${p}::uuid)`);
    }
    params.push(first + 1);
    const rows = (await this.dataSource.query(
      `SELECT c.id, to_char(c.submitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS submitted_at FROM claims.claim c ${fromOpenClocks ? `JOIN claims.claim_sla s ON s.claim_id = c.id AND s.step = 'PAYMENT'` : ''}
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

  /**
   * Per city and program, for one year: claims paid (count, amount) and their time to pay, SLA
   * breaches, open claims. Read from the aggregates the claim and SLA-clock triggers keep
   * (migration 1767200000000), never from every claim: the median and 95th percentile are located
   * in the time-to-pay histogram and only those claims' exact values are read.
   */
  async kpis(year: number, scope: CityScopeFilter): Promise<Record<string, unknown>[]> {
    if (!Number.isInteger(year) || year < 2015 || year > 2100) throw new DomainError('BAD_USER_INPUT', `year must be between 2015 and 2100; got ${year}.`, 'year');
    const cities = scope.asSqlArray();
    const [groups, buckets] = await Promise.all([
      this.dataSource.query(
        `SELECT g.region_code AS "regionCode", g.municipality_id AS "municipalityId", g.program,
                coalesce(p.paid_count, 0)::int AS "paidCount", coalesce(p.paid_amount, 0)::text AS "paidAmount",
                coalesce(o.open_count, 0)::int AS "openCount", (coalesce(b.breaches, 0) + coalesce(u.overdue, 0))::int AS "slaBreaches"
           FROM claims.claim_kpi_group g
           LEFT JOIN (SELECT region_code, program, sum(paid_count) AS paid_count, sum(paid_amount) AS paid_amount FROM claims.claim_kpi_paid
                       WHERE year = $1 GROUP BY 1, 2) p ON p.region_code = g.region_code AND p.program = g.program
           LEFT JOIN claims.claim_kpi_open o ON o.year = $1 AND o.region_code = g.region_code AND o.program = g.program
           LEFT JOIN claims.claim_kpi_sla b ON b.year = $1 AND b.region_code = g.region_code AND b.program = g.program
           -- Clocks past due with no breach recorded yet depend on today: counted here (few: the SLA timer records them).
           LEFT JOIN (SELECT c.region_code, c.program, count(*) AS overdue FROM claims.claim_sla s JOIN claims.claim c ON c.id = s.claim_id
                       WHERE s.met_on IS NULL AND s.breached_at IS NULL AND s.due_on >= make_date($1, 1, 1) AND s.due_on < make_date($1 + 1, 1, 1)
                         AND s.due_on < (now() AT TIME ZONE 'Asia/Jayapura')::date AND (now() AT TIME ZONE claims.region_time_zone(c.region_code))::date > s.due_on
                       GROUP BY 1, 2) u ON u.region_code = g.region_code AND u.program = g.program
          WHERE ($2::text[] IS NULL OR g.region_code = ANY($2))
          ORDER BY g.region_code, g.program, g.municipality_id`,
        [year, cities],
      ) as Promise<Record<string, unknown>[]>,
      this.dataSource.query(
        `SELECT region_code AS "regionCode", program, days, paid_count AS count FROM claims.claim_kpi_paid
          WHERE year = $1 AND paid_count > 0 AND ($2::text[] IS NULL OR region_code = ANY($2)) ORDER BY region_code, program, days`,
        [year, cities],
      ) as Promise<{ regionCode: string; program: string; days: number; count: number }[]>,
    ]);
    const percentiles = await this.timeToPayPercentiles(year, buckets);
    return groups.map((g) => ({ ...g, ...(percentiles.get(`${String(g['regionCode'])}|${String(g['program'])}`) ?? { timeToPayDaysP50: null, timeToPayDaysP95: null }) }));
  }

  /** The median and 95th percentile of days to pay per city and program, exactly as percentile_cont over every paid claim. */
  private async timeToPayPercentiles(year: number, buckets: { regionCode: string; program: string; days: number; count: number }[]) {
    const histograms = new Map<string, DayBucket[]>();
    for (const b of buckets) {
      const key = `${b.regionCode}|${b.program}`;
      if (!histograms.has(key)) histograms.set(key, []);
      histograms.get(key)!.push({ days: b.days, count: b.count });
    }
    // Every rank to read, once: (city, program, bucket, rank in bucket).
    const reads: { region: string; program: string; at: BucketRank }[] = [];
    const wanted = [...histograms].map(([key, histogram]) => {
      const [region, program] = key.split('|') as [string, string];
      const n = histogram.reduce((sum, b) => sum + b.count, 0);
      const rankIndex = (k: number) => reads.push({ region, program, at: locateRank(histogram, k) }) - 1;
      const at = (fraction: number) => {
        const ranks = percentileRanks(n, fraction)!;
        return { ...ranks, loRead: rankIndex(ranks.lo), hiRead: ranks.hi === ranks.lo ? -1 : rankIndex(ranks.hi) };
      };
      return { key, p50: at(0.5), p95: at(0.95) };
    });
    const values = reads.length
      ? ((await this.dataSource.query(
          `SELECT k.i::int AS i, v.days FROM unnest($1::text[], $2::text[], $3::int[], $4::int[]) WITH ORDINALITY AS k(region, program, bucket, rank, i)
           CROSS JOIN LATERAL (
             SELECT claims.days_to_pay(c.paid_at, c.submitted_at) AS days FROM claims.claim c
              WHERE c.status = 'PAID' AND c.region_code = k.region AND c.program = k.program AND claims.local_year(c.paid_at, c.region_code) = $5
                AND claims.days_to_pay(c.paid_at, c.submitted_at) >= k.bucket AND claims.days_to_pay(c.paid_at, c.submitted_at) < k.bucket + 1
              ORDER BY claims.days_to_pay(c.paid_at, c.submitted_at) OFFSET k.rank LIMIT 1) v`,
          [reads.map((r) => r.region), reads.map((r) => r.program), reads.map((r) => r.at.days), reads.map((r) => r.at.offset), year],
        )) as { i: number; days: number }[])
      : [];
    const valueAt = new Map(values.map((v) => [v.i - 1, Number(v.days)]));
    const read = (i: number) => {
      const value = valueAt.get(i);
      if (value === undefined) throw new Error('the time-to-pay histogram and the paid claims disagree');
      return value;
    };
    const figure = (p: { loRead: number; hiRead: number; weight: number }) => interpolate(read(p.loRead), p.hiRead < 0 ? 0 : read(p.hiRead), p.weight, p.hiRead < 0);
    return new Map(wanted.map((w) => [w.key, { timeToPayDaysP50: figure(w.p50), timeToPayDaysP95: figure(w.p95) }]));
  }
}
