import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { compareLocalDates, isSupportedDate, todayIn } from '../../../../domain/calendar.js';
import { assertPaymentAmount } from '../../../../domain/contributions/allocation.js';
import { DomainError } from '../../../../domain/errors.js';
import { auditActorOf, recordAudit } from '../../../kit/src/audit.js';
import type { Caller } from '../../../kit/src/context.js';
import { isUuid } from '../../../kit/src/ids.js';
import type { SqlRow } from '../../../kit/src/sql-row.js';
import { reviewArrears } from './arrears.records.js';
import { lockAccount } from './invoice.records.js';
import { allocateToOpenLines } from './settlement.records.js';
import type { EnrolmentStanding } from './standing.js';

export type PaymentInput = { invoiceId: string; amount: bigint; paidOn: string; reference: string };

export type RecordedPayment = {
  id: string;
  mouId: string;
  invoiceId: string;
  amount: bigint;
  paidOn: string;
  reference: string;
  allocated: bigint;
  /** Left on the account as credit (an over- or prepayment); it settles the next invoices. */
  unallocated: bigint;
  /** What the MoU still owes on its invoices after this payment. */
  accountOutstanding: bigint;
  reactivated: number;
};

/**
 * A city's transfer for its contributions: recorded against one of its invoices (which names
 * the MoU's account), allocated to the account's oldest open lines, the rest kept as credit;
 * enrolments whose arrears it settles are ACTIVE again from the city's today.
 */
export class PaymentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly standing: EnrolmentStanding,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async record(input: PaymentInput, caller: Caller): Promise<RecordedPayment> {
    assertPaymentAmount(input.amount);
    const reference = input.reference.trim();
    if (!reference) throw new DomainError('BAD_USER_INPUT', 'Give the city’s payment reference (the SP2D or transfer number).', 'reference');
    if (reference.length > 100) throw new DomainError('BAD_USER_INPUT', 'The payment reference is longer than 100 characters.', 'reference');
    const invoice = await this.visibleInvoice(input.invoiceId, caller);
    if (invoice['kind'] !== 'INVOICE') throw new DomainError('BAD_USER_INPUT', `${invoice['number']} is a credit note; record the payment against an invoice.`, 'invoiceId');
    const today = todayIn(invoice['time_zone'], this.now());
    if (!isSupportedDate(input.paidOn)) throw new DomainError('BAD_USER_INPUT', `paidOn ${String(input.paidOn)} is not a usable date.`, 'paidOn');
    if (compareLocalDates(input.paidOn, today) > 0)
      throw new DomainError('BAD_USER_INPUT', `paidOn ${input.paidOn} is in the future; today is ${today} in ${invoice['city_name']}.`, 'paidOn');
    const mouId: string = invoice['mou_id'];
    const actor = auditActorOf(caller);
    return this.dataSource.transaction(async (tx) => {
      await lockAccount(tx, mouId);
      const [same] = (await tx.query(
        `SELECT id, invoice_id, amount::text, paid_on::text, allocated::text FROM participants.contribution_payment WHERE mou_id = $1 AND reference = $2`,
        [mouId, reference],
      )) as SqlRow[];
      if (same) {
        if (BigInt(same['amount']) !== input.amount || same['paid_on'] !== input.paidOn || same['invoice_id'] !== input.invoiceId) {
          throw new DomainError('CONFLICT', `Payment ${reference} is already recorded for this MoU with other details (Rp ${same['amount']} on ${same['paid_on']}).`, 'reference');
        }
        return this.result(tx, same['id'], 0);
      }
      const id = randomUUID();
      await tx.query(
        `INSERT INTO participants.contribution_payment (id, mou_id, invoice_id, region_code, amount, paid_on, reference, recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [id, mouId, input.invoiceId, invoice['region_code'], input.amount.toString(), input.paidOn, reference, actor.subject],
      );
      const allocated = await allocateToOpenLines(tx, { paymentId: id, mouId, amount: input.amount, allocatedOn: input.paidOn });
      await recordAudit(tx, 'participants', {
        actor,
        action: 'payment.record',
        entityType: 'ContributionPayment',
        entityId: id,
        regionCode: invoice['region_code'],
        before: null,
        after: { mouId, invoiceId: input.invoiceId, amount: input.amount.toString(), paidOn: input.paidOn, reference, allocated: allocated.toString() },
      });
      const arrears = await reviewArrears(tx, this.standing, { mouId, today, actor });
      return this.result(tx, id, arrears.reactivated);
    });
  }

  /** An invoice or credit note the caller may see; NOT_FOUND otherwise (another city's is as good as absent). */
  async visibleInvoice(invoiceId: string, caller: Caller): Promise<SqlRow> {
    const [row] = isUuid(invoiceId) ? ((await this.dataSource.query(`SELECT * FROM participants.invoice WHERE id = $1`, [invoiceId])) as SqlRow[]) : [];
    if (!row || !caller.scope.allows(row['region_code'])) throw new DomainError('NOT_FOUND', `No invoice with id ${invoiceId}.`, 'invoiceId');
    return row;
  }

  private async result(tx: Pick<DataSource, 'query'>, id: string, reactivated: number): Promise<RecordedPayment> {
    const [p] = (await tx.query(
      `SELECT p.*, p.amount::text AS amount_text, p.allocated::text AS allocated_text, p.paid_on::text AS paid_on_text,
              (SELECT coalesce(sum(l.amount - l.paid - l.credited), 0)::text FROM participants.invoice_line l JOIN participants.invoice i ON i.id = l.invoice_id
                WHERE i.mou_id = p.mou_id AND i.kind = 'INVOICE' AND l.paid + l.credited < l.amount) AS outstanding
         FROM participants.contribution_payment p WHERE p.id = $1`,
      [id],
    )) as SqlRow[];
    return {
      id,
      mouId: p!['mou_id'],
      invoiceId: p!['invoice_id'],
      amount: BigInt(p!['amount_text']),
      paidOn: p!['paid_on_text'],
      reference: p!['reference'],
      allocated: BigInt(p!['allocated_text']),
      unallocated: BigInt(p!['amount_text']) - BigInt(p!['allocated_text']),
      accountOutstanding: BigInt(p!['outstanding']),
      reactivated,
    };
  }
}
