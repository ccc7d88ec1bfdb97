import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../../../domain/access.js';
import { dueDate, firstDayOfMonth, lastDayOfMonth, monthIndex, monthOf, monthRange, type BillingMonth } from '../../../../domain/contributions/billing-month.js';
import { ratesForMonth } from '../../../../domain/contributions/group-rates.js';
import { invoiceNumber } from '../../../../domain/contributions/invoice-number.js';
import { DomainError } from '../../../../domain/errors.js';
import type { BillableMou, IssuedInvoice, MouForBilling } from '../../../../workflows/billing/billing.activities.js';
import { recordAudit } from '../../../kit/src/audit.js';
import type { SqlRow } from '../../../kit/src/sql-row.js';
import { ratesFromWire } from './billing-wire.js';

/** Serialises everything that moves one MoU's account (issuing, payments, credit notes). */
export async function lockAccount(tx: Pick<EntityManager, 'query'>, mouId: string): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('contribution-account:' || $1))`, [mouId]);
}

/** The next number of a kind for a city and year, without gaps (rolled back with the transaction). */
export async function nextSequence(tx: Pick<EntityManager, 'query'>, kind: 'INV' | 'CN', regionCode: string, year: number): Promise<number> {
  const [row] = (await tx.query(
    `INSERT INTO participants.document_sequence (kind, region_code, year, last) VALUES ($1, $2, $3, 1)
     ON CONFLICT (kind, region_code, year) DO UPDATE SET last = participants.document_sequence.last + 1 RETURNING last`,
    [kind, regionCode, year],
  )) as { last: number }[];
  return row!.last;
}

/** Issues monthly invoices: the writes of the billing run. */
export class InvoiceRecords {
  constructor(private readonly dataSource: DataSource) {}

  async unbilledMonths(input: { mous: BillableMou[] }): Promise<{ mouId: string; month: BillingMonth }[]> {
    if (input.mous.length === 0) return [];
    const rows = (await this.dataSource.query(`SELECT mou_id, to_char(billing_month, 'YYYY-MM') AS month FROM participants.invoice WHERE kind = 'INVOICE' AND mou_id = ANY($1)`, [
      input.mous.map((m) => m.mouId),
    ])) as SqlRow[];
    const billed = new Set(rows.map((r) => `${r['mou_id']}/${r['month']}`));
    return input.mous.flatMap((mou) =>
      monthRange(mou.firstMonth, mou.lastMonth)
        .filter((month) => !billed.has(`${mou.mouId}/${month}`))
        .map((month) => ({ mouId: mou.mouId, month })),
    );
  }

  /**
   * One line per enrolment of the MoU covered on at least one day of the month (the whole month
   * is billed: domain/contributions/partial-month.ts), at its group's rate for the month, except
   * enrolments INACTIVE for arrears on the month's first day. Header and lines go in with one
   * statement (INSERT … SELECT), so the work is set-based whatever the number of participants.
   */
  async issueInvoice(input: { mou: MouForBilling; month: BillingMonth; actor: Actor }): Promise<IssuedInvoice> {
    const { mou, month } = input;
    if (monthIndex(month) < monthIndex(monthOf(mou.validFrom)) || monthIndex(month) > monthIndex(monthOf(mou.validTo))) {
      throw new DomainError('NOT_ELIGIBLE', `MoU ${mou.mouNumber} runs from ${mou.validFrom} to ${mou.validTo}; ${month} is outside its term.`, 'month');
    }
    if (monthIndex(month) > monthIndex(monthOf(mou.today))) {
      throw new DomainError('NOT_ELIGIBLE', `${month} has not begun in ${mou.cityName} (today is ${mou.today}); a month is billed once it has begun.`, 'month');
    }
    const rates = ratesForMonth(ratesFromWire(mou.rates), month);
    const from = firstDayOfMonth(month);
    const to = lastDayOfMonth(month);
    return this.dataSource.transaction(async (tx) => {
      await lockAccount(tx, mou.mouId);
      const [existing] = (await tx.query(`SELECT id, number, total::text, line_count FROM participants.invoice WHERE mou_id = $1 AND billing_month = $2 AND kind = 'INVOICE'`, [
        mou.mouId,
        from,
      ])) as SqlRow[];
      if (existing) return { invoiceId: existing['id'], invoiceNumber: existing['number'], total: existing['total'], lines: existing['line_count'], issued: false };
      const covered = `p.mou_id = $1 AND p.coverage_from <= $3::date AND p.coverage_to >= $2::date AND p.coverage_from <= p.coverage_to
        AND NOT EXISTS (SELECT 1 FROM participants.contribution_arrears a WHERE a.participant_id = p.id AND a.inactive_from <= $2::date AND (a.reactivated_on IS NULL OR a.reactivated_on > $2::date))`;
      const unpriced = (await tx.query(`SELECT DISTINCT p.occupation_group FROM participants.enrolment p WHERE ${covered} AND NOT (p.occupation_group = ANY($4))`, [
        mou.mouId,
        from,
        to,
        [...rates.keys()],
      ])) as SqlRow[];
      if (unpriced.length > 0) {
        throw new DomainError(
          'NOT_ELIGIBLE',
          `MoU ${mou.mouNumber} names no monthly contribution for ${unpriced.map((r) => r['occupation_group']).join(', ')} in ${month}.`,
          'month',
        );
      }
      const invoiceId = randomUUID();
      const year = Math.floor(monthIndex(month) / 12);
      const number = invoiceNumber(mou.regionCode, month, await nextSequence(tx, 'INV', mou.regionCode, year));
      // One statement, one snapshot: the header carries exactly the count and total of the lines
      // written with it (only their amounts come back; the lines are read once).
      const [sums] = (await tx.query(
        `WITH written AS (
           INSERT INTO participants.invoice_line (invoice_id, line_no, participant_id, occupation_group, covered_from, covered_to, amount)
           SELECT $5, row_number() OVER (ORDER BY p.occupation_group, p.full_name, p.id), p.id, p.occupation_group, GREATEST(p.coverage_from, $2::date), LEAST(p.coverage_to, $3::date), r.rate
             FROM participants.enrolment p JOIN unnest($4::text[], $6::bigint[]) AS r(grp, rate) ON r.grp = p.occupation_group
            WHERE ${covered}
           RETURNING amount
         ), header AS (
           INSERT INTO participants.invoice (id, kind, number, mou_id, mou_number, municipality_id, region_code, city_name, time_zone, billing_month, issued_on, due_on, total, line_count, issued_by)
           SELECT $5, 'INVOICE', $7, $1, $8, $9, $10, $11, $12, $2::date, $13, $14, coalesce(sum(amount), 0), count(*), $15 FROM written
           RETURNING total::text, line_count
         )
         SELECT total, line_count AS lines FROM header`,
        [
          mou.mouId,
          from,
          to,
          [...rates.keys()],
          invoiceId,
          [...rates.values()].map(String),
          number,
          mou.mouNumber,
          mou.municipalityId,
          mou.regionCode,
          mou.cityName,
          mou.timeZone,
          mou.today,
          dueDate(month),
          input.actor.subject,
        ],
      )) as SqlRow[];
      await this.keepBudgetLines(tx, mou);
      await recordAudit(tx, 'participants', {
        actor: input.actor,
        action: 'invoice.issue',
        entityType: 'Invoice',
        entityId: invoiceId,
        regionCode: mou.regionCode,
        before: null,
        after: { number, mouId: mou.mouId, month, total: sums!['total'], lines: sums!['lines'] },
      });
      return { invoiceId, invoiceNumber: number, total: sums!['total'], lines: sums!['lines'], issued: true };
    });
  }

  /** The budget lines as the MoU states them now: the figures read them here, never across schemas. */
  private async keepBudgetLines(tx: EntityManager, mou: MouForBilling): Promise<void> {
    for (const line of mou.budgetLines) {
      await tx.query(
        `INSERT INTO participants.billing_budget_line (mou_id, fiscal_year, amount, valid_from, valid_to) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (mou_id, fiscal_year) DO UPDATE SET amount = EXCLUDED.amount, valid_from = EXCLUDED.valid_from, valid_to = EXCLUDED.valid_to, read_at = now()`,
        [mou.mouId, line.fiscalYear, line.amount, mou.validFrom, mou.validTo],
      );
    }
  }
}
