import type { DataSource } from 'typeorm';
import { isSupportedDate } from '../../../../domain/calendar.js';
import { monthOf } from '../../../../domain/contributions/billing-month.js';
import { budgetFigures, type BudgetFigures } from '../../../../domain/contributions/budget-projection.js';
import { DomainError } from '../../../../domain/errors.js';
import type { Caller } from '../../../kit/src/context.js';
import { isUuid } from '../../../kit/src/ids.js';
import type { SqlRow } from '../../../kit/src/sql-row.js';

export type ContributionFigures = BudgetFigures & { fiscalYear: number; asOf: string; credited: bigint; accountCredit: bigint; invoices: number };

/**
 * Billed, paid and outstanding for one MoU or one city and one APBD fiscal year, as of a date:
 * only invoices and credit notes issued, and allocations made, on or before it count. The budget
 * is the MoU's line for that year as the last billing run read it from municipalities.
 */
export class FiguresService {
  constructor(private readonly dataSource: DataSource) {}

  async figures(input: { mouId?: string | null; regionCode?: string | null; fiscalYear: number; asOf: string }, caller: Caller): Promise<ContributionFigures> {
    if (!input.mouId === !input.regionCode) throw new DomainError('BAD_USER_INPUT', 'Ask for one MoU (mouId) or one city (regionCode).', 'mouId');
    if (!Number.isInteger(input.fiscalYear) || input.fiscalYear < 2000 || input.fiscalYear > 2100)
      throw new DomainError('BAD_USER_INPUT', `Fiscal year ${input.fiscalYear} is out of range.`, 'fiscalYear');
    if (!isSupportedDate(input.asOf)) throw new DomainError('BAD_USER_INPUT', `asOf ${String(input.asOf)} is not a usable date.`, 'asOf');
    if (input.regionCode && !caller.scope.allows(input.regionCode)) throw new DomainError('NOT_FOUND', `No city ${input.regionCode} in your cities.`, 'regionCode');
    if (input.mouId && !isUuid(input.mouId)) throw new DomainError('NOT_FOUND', `No MoU with id ${input.mouId}.`, 'mouId');
    const which = input.mouId ? `i.mou_id = $1` : `i.region_code = $1`;
    const key = input.mouId ?? input.regionCode;
    const params = [key, input.fiscalYear, input.asOf, caller.scope.asSqlArray()];
    const [months, allocations, budgets, credit] = (await Promise.all([
      this.dataSource.query(
        `SELECT to_char(i.billing_month, 'YYYY-MM') AS month, sum(i.total)::text AS amount, sum(CASE WHEN i.kind = 'CREDIT_NOTE' THEN -i.total ELSE 0 END)::text AS credited,
                count(*) FILTER (WHERE i.kind = 'INVOICE')::int AS invoices
           FROM participants.invoice i
          WHERE ${which} AND extract(year FROM i.billing_month) = $2 AND i.issued_on <= $3::date AND ($4::text[] IS NULL OR i.region_code = ANY($4))
          GROUP BY 1 ORDER BY 1`,
        params,
      ),
      this.dataSource.query(
        `SELECT coalesce(sum(a.amount), 0)::text AS paid FROM participants.payment_allocation a JOIN participants.invoice i ON i.id = a.invoice_id
          WHERE ${which} AND extract(year FROM i.billing_month) = $2 AND a.allocated_on <= $3::date AND ($4::text[] IS NULL OR i.region_code = ANY($4))`,
        params,
      ),
      this.dataSource.query(
        `SELECT coalesce(sum(b.amount), 0)::text AS budget, min(b.valid_from)::text AS valid_from, max(b.valid_to)::text AS valid_to
           FROM participants.billing_budget_line b WHERE b.fiscal_year = $2 AND b.mou_id IN (SELECT DISTINCT i.mou_id FROM participants.invoice i WHERE ${which} AND ($4::text[] IS NULL OR i.region_code = ANY($4)))
            AND $3::date IS NOT NULL`,
        params,
      ),
      this.dataSource.query(
        `SELECT (coalesce((SELECT sum(p.amount) FROM participants.contribution_payment p JOIN participants.invoice i ON i.id = p.invoice_id WHERE ${which} AND p.paid_on <= $2::date AND ($3::text[] IS NULL OR i.region_code = ANY($3))), 0)
               - coalesce((SELECT sum(a.amount) FROM participants.payment_allocation a JOIN participants.contribution_payment p ON p.id = a.payment_id JOIN participants.invoice i ON i.id = p.invoice_id
                            WHERE ${which} AND a.allocated_on <= $2::date AND ($3::text[] IS NULL OR i.region_code = ANY($3))), 0))::text AS credit`,
        [key, input.asOf, caller.scope.asSqlArray()],
      ),
    ])) as SqlRow[][];
    const b = budgets![0]!;
    const fy = input.fiscalYear;
    const first = b['valid_from'] && monthOf(b['valid_from']) > `${fy}-01` ? monthOf(b['valid_from']) : `${fy}-01`;
    const last = b['valid_to'] && monthOf(b['valid_to']) < `${fy}-12` ? monthOf(b['valid_to']) : `${fy}-12`;
    const figures = budgetFigures({
      budget: BigInt(b['budget']),
      firstMonth: first,
      lastMonth: last,
      invoiced: months!.map((m) => ({ month: m['month'], amount: BigInt(m['amount']) })),
      paid: BigInt(allocations![0]!['paid']),
    });
    return {
      ...figures,
      fiscalYear: fy,
      asOf: input.asOf,
      credited: months!.reduce((sum, m) => sum + BigInt(m['credited']), 0n),
      accountCredit: BigInt(credit![0]!['credit']),
      invoices: months!.reduce((sum, m) => sum + (m['invoices'] as number), 0),
    };
  }
}
