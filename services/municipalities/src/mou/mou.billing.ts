import type { DataSource } from 'typeorm';
import { todayIn } from '../../../../domain/calendar.js';
import { monthOf } from '../../../../domain/contributions/billing-month.js';
import { ratesFromTermsVersions } from '../../../../domain/contributions/group-rates.js';
import { DomainError } from '../../../../domain/errors.js';
import { IN_FORCE_STATUSES } from '../../../../domain/mou/mou-status.js';
import { latestTerms } from '../../../../domain/mou/mou-terms.js';
import type { BillableMou, MouBillingActivities, MouForBilling } from '../../../../workflows/billing/billing.activities.js';
import { isUuid } from '../../../kit/src/ids.js';
import type { SqlRow } from '../../../kit/src/sql-row.js';
import { loadTermsVersions } from './mou.terms.js';

/** What contribution billing reads from an MoU (the billing workflow's activities on this queue). */
export class MouBilling implements MouBillingActivities {
  constructor(
    private readonly dataSource: DataSource,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async getMouForBilling(input: { mouId: string }): Promise<MouForBilling> {
    const [row] = isUuid(input.mouId)
      ? ((await this.dataSource.query(
          `SELECT m.id, m.number, m.status, m.valid_from::text, m.valid_to::text, c.id AS city_id, c.name, c.code, c.time_zone
             FROM municipalities.mou m JOIN municipalities.municipality c ON c.id = m.municipality_id WHERE m.id = $1`,
          [input.mouId],
        )) as SqlRow[])
      : [];
    if (!row) throw new DomainError('NOT_FOUND', `No MoU with id ${input.mouId}.`, 'mouId');
    const versions = (await loadTermsVersions(this.dataSource, [row['id']])).get(row['id']) ?? [];
    const latest = versions.length ? latestTerms(versions) : null;
    return {
      mouId: row['id'],
      mouNumber: row['number'],
      municipalityId: row['city_id'],
      cityName: row['name'],
      regionCode: row['code'],
      timeZone: row['time_zone'],
      status: row['status'],
      validFrom: latest?.validFrom ?? row['valid_from'],
      validTo: latest?.validTo ?? row['valid_to'],
      rates: ratesFromTermsVersions(versions).map((r) => ({ ...r, monthlyRate: r.monthlyRate.toString() })),
      budgetLines: (latest?.budgetLines ?? []).map((b) => ({ fiscalYear: b.fiscalYear, amount: b.amount.toString() })),
      today: todayIn(row['time_zone'], this.now()),
    };
  }

  async listBillableMous(): Promise<BillableMou[]> {
    const rows = (await this.dataSource.query(
      `SELECT m.id, m.valid_from::text, m.valid_to::text, c.time_zone FROM municipalities.mou m JOIN municipalities.municipality c ON c.id = m.municipality_id
        WHERE m.status = ANY($1) ORDER BY m.valid_from, m.id`,
      [[...IN_FORCE_STATUSES]],
    )) as SqlRow[];
    const out: BillableMou[] = [];
    for (const r of rows) {
      const current = monthOf(todayIn(r['time_zone'], this.now()));
      const first = monthOf(r['valid_from']);
      const end = monthOf(r['valid_to']);
      if (first > current) continue;
      out.push({ mouId: r['id'], firstMonth: first, lastMonth: end < current ? end : current });
    }
    return out;
  }
}
