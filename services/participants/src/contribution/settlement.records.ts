import type { EntityManager } from 'typeorm';
import type { SqlRow } from '../../../kit/src/sql-row.js';

// Payment allocation in SQL, the same order as domain/contributions/allocation.ts: open lines of
// the MoU's invoices by billing month, invoice number and line number, each settled in full
// before the next; a running total decides in one statement how much each line takes.

/** Allocates up to `amount` of one payment to the MoU's oldest open lines; returns what it allocated (rupiah as digits). */
export async function allocateToOpenLines(tx: Pick<EntityManager, 'query'>, input: { paymentId: string; mouId: string; amount: bigint; allocatedOn: string }): Promise<bigint> {
  if (input.amount <= 0n) return 0n;
  const [row] = (await tx.query(
    `WITH open AS (
       SELECT l.invoice_id, l.line_no, l.amount - l.paid - l.credited AS owed,
              sum(l.amount - l.paid - l.credited) OVER (ORDER BY i.billing_month, i.number, l.line_no ROWS UNBOUNDED PRECEDING) AS running
         FROM participants.invoice_line l JOIN participants.invoice i ON i.id = l.invoice_id
        WHERE i.mou_id = $1 AND i.kind = 'INVOICE' AND l.paid + l.credited < l.amount
     ), take AS (
       SELECT invoice_id, line_no, LEAST(owed, $2::bigint - (running - owed)) AS amount FROM open WHERE running - owed < $2::bigint
     ), moved AS (
       UPDATE participants.invoice_line l SET paid = l.paid + t.amount FROM take t
        WHERE l.invoice_id = t.invoice_id AND l.line_no = t.line_no RETURNING t.invoice_id, t.line_no, t.amount
     ), kept AS (
       INSERT INTO participants.payment_allocation (payment_id, invoice_id, line_no, amount, allocated_on)
       SELECT $3, invoice_id, line_no, amount, $4 FROM moved RETURNING amount
     )
     SELECT coalesce(sum(amount), 0)::text AS allocated FROM kept`,
    [input.mouId, input.amount.toString(), input.paymentId, input.allocatedOn],
  )) as SqlRow[];
  const allocated = BigInt(row!['allocated']);
  if (allocated > 0n) await tx.query(`UPDATE participants.contribution_payment SET allocated = allocated + $2 WHERE id = $1`, [input.paymentId, allocated.toString()]);
  return allocated;
}

/** Credit on the account (payments not yet allocated, oldest first) settles open lines. */
export async function applyAccountCredit(tx: Pick<EntityManager, 'query'>, mouId: string, today: string): Promise<bigint> {
  const payments = (await tx.query(
    `SELECT id, (amount - allocated)::text AS credit FROM participants.contribution_payment WHERE mou_id = $1 AND allocated < amount ORDER BY paid_on, recorded_at, id`,
    [mouId],
  )) as SqlRow[];
  let applied = 0n;
  for (const p of payments) {
    const used = await allocateToOpenLines(tx, { paymentId: p['id'], mouId, amount: BigInt(p['credit']), allocatedOn: today });
    applied += used;
    if (used < BigInt(p['credit'])) break; // nothing left open
  }
  return applied;
}
