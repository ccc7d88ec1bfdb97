import type { DataSource } from 'typeorm';
import { todayIn } from '../../../../domain/calendar.js';
import { DomainError } from '../../../../domain/errors.js';
import type { BudgetUtilisation } from '../../../../domain/mou/budget.js';
import { MOU_STATUSES, type MouStatus } from '../../../../domain/mou/mou-status.js';
import { termsAsOf } from '../../../../domain/mou/mou-terms.js';
import type { OccupationGroup } from '../../../../domain/participants/occupation.js';
import type { CityScopeFilter } from '../../../kit/src/scope.js';
import { isUuid } from '../../../kit/src/ids.js';
import { MouEntity } from './mou.entity.js';
import { mouBudgetUtilisation } from './mou.budget.js';
import type { MouService } from './mou.service.js';
import { mouPageStart, pageOf, type MouPageRequest, type Page } from './mou.pages.js';
import { loadTermsVersions } from './mou.terms.js';
import { placesInUse } from './quota.records.js';

const MAX_DAYS = 3650;

export interface QuotaUse {
  quota: number;
  used: number;
  remaining: number;
  groups: { group: OccupationGroup; quota: number; used: number; remaining: number }[];
}

/** What managers watch: deadlines, the renewal pipeline, budgets and quotas. Every read is city-scoped. */
export class MouReports {
  constructor(
    private readonly dataSource: DataSource,
    private readonly mous: MouService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** MoUs needing renewal (ACTIVE or RENEWAL_DUE) that end within `days` of each city's today, soonest first, a keyset page at a time. */
  async expiringWithin(days: number, municipalityId: string | null, page: MouPageRequest, scope: CityScopeFilter): Promise<Page<{ mou: MouEntity; daysLeft: number }>> {
    if (!Number.isInteger(days) || days < 0 || days > MAX_DAYS) throw new DomainError('BAD_USER_INPUT', `Ask for 0 to ${MAX_DAYS} days; got ${days}.`, 'days');
    const { limit, after } = mouPageStart(page);
    if (municipalityId !== null) await this.mous.city(municipalityId, 'municipalityId', scope);
    const rows = (await this.dataSource.query(
      `SELECT m.id, m.valid_to::text AS valid_to, m.number, (m.valid_to - (now() AT TIME ZONE c.time_zone)::date) AS days_left
         FROM municipalities.mou m JOIN municipalities.municipality c ON c.id = m.municipality_id
        WHERE m.status IN ('ACTIVE', 'RENEWAL_DUE')
          AND m.valid_to >= (now() AT TIME ZONE c.time_zone)::date
          AND m.valid_to <= (now() AT TIME ZONE c.time_zone)::date + $1::int
          AND ($2::uuid IS NULL OR m.municipality_id = $2)
          AND ($3::text[] IS NULL OR m.region_code = ANY($3))
          AND ($4::date IS NULL OR (m.valid_to, m.number, m.id) > ($4::date, $5::text, $6::uuid))
        ORDER BY m.valid_to, m.number, m.id
        LIMIT $7`,
      [days, municipalityId, scope.asSqlArray(), after?.validTo ?? null, after?.number ?? null, after?.id ?? null, limit + 1],
    )) as { id: string; valid_to: string; number: string; days_left: number }[];
    const found = await this.mous.findMany(
      rows.map((r) => r.id),
      scope,
    );
    const listed = rows.map((r, i) => ({ mou: found[i]!, daysLeft: r.days_left, key: { validTo: r.valid_to, number: r.number, id: r.id } })).filter((r) => r.mou !== null);
    const out = pageOf(listed, limit, (r) => r.key);
    return { nodes: out.nodes.map(({ mou, daysLeft }) => ({ mou, daysLeft })), pageInfo: out.pageInfo };
  }

  /** How many of your MoUs are in each lifecycle status (every status, empty ones included). */
  async renewalPipeline(municipalityId: string | null, scope: CityScopeFilter): Promise<{ status: MouStatus; count: number; municipalityId: string | null }[]> {
    if (municipalityId !== null) await this.mous.city(municipalityId, 'municipalityId', scope);
    const counts = (await this.dataSource.query(
      `SELECT m.status, count(*)::int AS n FROM municipalities.mou m
        WHERE ($1::uuid IS NULL OR m.municipality_id = $1) AND ($2::text[] IS NULL OR m.region_code = ANY($2))
        GROUP BY m.status`,
      [municipalityId, scope.asSqlArray()],
    )) as { status: MouStatus; n: number }[];
    return MOU_STATUSES.map((status) => ({ status, count: counts.find((c) => c.status === status)?.n ?? 0, municipalityId }));
  }

  /** One stage's MoUs, soonest-ending first, a keyset page at a time. */
  async pipelineStage(status: MouStatus, municipalityId: string | null, page: MouPageRequest, scope: CityScopeFilter): Promise<Page<MouEntity>> {
    const { limit, after } = mouPageStart(page);
    const visible = scope.where('m.region_code');
    const query = this.dataSource.getRepository(MouEntity).createQueryBuilder('m').where('m.status = :status', { status }).andWhere(visible.sql, visible.params);
    if (municipalityId !== null) query.andWhere('m.municipality_id = :city', { city: municipalityId });
    if (after)
      query.andWhere('(m.valid_to, m.number, m.id) > (:afterValidTo::date, :afterNumber, :afterId::uuid)', {
        afterValidTo: after.validTo,
        afterNumber: after.number,
        afterId: after.id,
      });
    const rows = await query
      .orderBy('m.valid_to', 'ASC')
      .addOrderBy('m.number', 'ASC')
      .addOrderBy('m.id', 'ASC')
      .limit(limit + 1)
      .getMany();
    return pageOf(rows, limit, (m) => ({ validTo: m.validTo, number: m.number, id: m.id }));
  }

  async budgetUtilisation(mouId: string, scope: CityScopeFilter): Promise<BudgetUtilisation[]> {
    const { mou, today } = await this.visible(mouId, scope);
    return mouBudgetUtilisation(this.dataSource.manager, mou.id, today);
  }

  async quotaUse(mouId: string, scope: CityScopeFilter): Promise<QuotaUse> {
    const { mou, today } = await this.visible(mouId, scope);
    const versions = (await loadTermsVersions(this.dataSource.manager, [mou.id])).get(mou.id)!;
    const terms = termsAsOf(versions, today) ?? versions[0]!;
    const inUse = await placesInUse(this.dataSource.manager, mou.id);
    return {
      quota: terms.quota,
      used: inUse.total,
      remaining: Math.max(0, terms.quota - inUse.total),
      groups: terms.groups.map((g) => {
        const used = inUse.byGroup[g.group] ?? 0;
        return { group: g.group, quota: g.quota, used, remaining: Math.max(0, g.quota - used) };
      }),
    };
  }

  private async visible(mouId: string, scope: CityScopeFilter): Promise<{ mou: MouEntity; today: string }> {
    const [mou] = isUuid(mouId) ? await this.mous.findMany([mouId], scope) : [null];
    if (!mou) throw new DomainError('NOT_FOUND', `No MoU with id ${mouId}.`, 'mouId');
    const city = await this.mous.city(mou.municipalityId, 'mouId', scope);
    return { mou, today: todayIn(city.timeZone, this.now()) };
  }
}
