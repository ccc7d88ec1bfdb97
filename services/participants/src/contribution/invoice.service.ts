import { randomUUID } from 'node:crypto';
import { WorkflowIdReusePolicy, type Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { todayIn } from '../../../../domain/calendar.js';
import { parseBillingMonth } from '../../../../domain/contributions/billing-month.js';
import { formatDocumentNumber } from '../../../../domain/contributions/invoice-number.js';
import { DomainError } from '../../../../domain/errors.js';
import { checkPageSize } from '../../../../domain/pages.js';
import { BILLING_RUN_WORKFLOW, billingRunWorkflowId, type BillingRunOutcome, type BillingRunWorkflow } from '../../../../workflows/billing/billing.messages.js';
import type { TaskQueues } from '../../../../workflows/contracts/task-queues.js';
import { auditActorOf, recordAudit } from '../../../kit/src/audit.js';
import type { Caller } from '../../../kit/src/context.js';
import { isUuid } from '../../../kit/src/ids.js';
import type { SqlRow } from '../../../kit/src/sql-row.js';
import { rethrowAsDomainError } from '../../../kit/src/temporal.js';
import { decodeInvoiceCursor, encodeInvoiceCursor } from './invoice.cursor.js';
import { lockAccount, nextSequence } from './invoice.records.js';

export type InvoiceRow = {
  id: string;
  kind: 'INVOICE' | 'CREDIT_NOTE';
  number: string;
  mouId: string;
  mouNumber: string;
  municipalityId: string;
  regionCode: string;
  cityName: string;
  month: string;
  issuedOn: string;
  dueOn: string;
  total: bigint;
  lineCount: number;
  paid: bigint;
  credited: bigint;
  correctsInvoiceId: string | null;
  reason: string | null;
};

export type GroupTotal = { group: string; lines: number; amount: bigint };
export type InvoicePage = { nodes: InvoiceRow[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } };

const SELECT_INVOICE = `SELECT i.id, i.kind, i.number, i.mou_id, i.mou_number, i.municipality_id, i.region_code, i.city_name, to_char(i.billing_month, 'YYYY-MM') AS month,
    i.issued_on::text, i.due_on::text, i.total::text, i.line_count, i.corrects_invoice_id, i.reason,
    (SELECT coalesce(sum(paid), 0)::text FROM participants.invoice_line l WHERE l.invoice_id = i.id) AS paid,
    (SELECT coalesce(sum(credited), 0)::text FROM participants.invoice_line l WHERE l.invoice_id = i.id) AS credited
  FROM participants.invoice i`;

function toInvoice(r: SqlRow): InvoiceRow {
  return {
    id: r['id'],
    kind: r['kind'],
    number: r['number'],
    mouId: r['mou_id'],
    mouNumber: r['mou_number'],
    municipalityId: r['municipality_id'],
    regionCode: r['region_code'],
    cityName: r['city_name'],
    month: r['month'],
    issuedOn: r['issued_on'],
    dueOn: r['due_on'],
    total: BigInt(r['total']),
    lineCount: r['line_count'],
    paid: BigInt(r['paid']),
    credited: BigInt(r['credited']),
    correctsInvoiceId: r['corrects_invoice_id'],
    reason: r['reason'],
  };
}

/** Invoices and credit notes: reads, a billing run on request, corrections. */
export class InvoiceService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly temporal: Client,
    private readonly queues: TaskQueues,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async find(id: string, caller: Caller): Promise<InvoiceRow | null> {
    if (!isUuid(id)) return null;
    const [row] = (await this.dataSource.query(`${SELECT_INVOICE} WHERE i.id = $1`, [id])) as SqlRow[];
    return row && caller.scope.allows(row['region_code']) ? toInvoice(row) : null;
  }

  async require(id: string, caller: Caller): Promise<InvoiceRow> {
    const found = await this.find(id, caller);
    if (!found) throw new DomainError('NOT_FOUND', `No invoice with id ${id}.`, 'invoiceId');
    return found;
  }

  /** An MoU's invoices and credit notes, newest month first (one MoU bills twelve a year: no page needed beyond `first`). */
  /**
   * A keyset page of an MoU's invoices and credit notes, newest month first (then by number,
   * newest first), over the (mou_id, billing_month, number) index: the cost follows the page size.
   */
  async listForMou(mouId: string, page: { first: number; after: string | null }, caller: Caller): Promise<InvoicePage> {
    const first = checkPageSize(page.first);
    const cursor = page.after ? decodeInvoiceCursor(page.after) : null;
    if (!isUuid(mouId)) return { nodes: [], pageInfo: { endCursor: null, hasNextPage: false } };
    const rows = (await this.dataSource.query(
      `${SELECT_INVOICE} WHERE i.mou_id = $1 AND ($2::text[] IS NULL OR i.region_code = ANY($2))
          AND ($3::date IS NULL OR (i.billing_month, i.number) < ($3::date, $4::text))
        ORDER BY i.billing_month DESC, i.number DESC LIMIT $5`,
      [mouId, caller.scope.asSqlArray(), cursor ? `${cursor.month}-01` : null, cursor?.number ?? null, first + 1],
    )) as SqlRow[];
    const nodes = rows.slice(0, first).map(toInvoice);
    const last = nodes[nodes.length - 1];
    return { nodes, pageInfo: { endCursor: last ? encodeInvoiceCursor(last) : null, hasNextPage: rows.length > first } };
  }

  async totalsByGroup(invoiceId: string): Promise<GroupTotal[]> {
    const rows = (await this.dataSource.query(
      `SELECT occupation_group, count(*)::int AS lines, sum(amount)::text AS amount FROM participants.invoice_line WHERE invoice_id = $1 GROUP BY occupation_group ORDER BY occupation_group`,
      [invoiceId],
    )) as SqlRow[];
    return rows.map((r) => ({ group: r['occupation_group'], lines: r['lines'], amount: BigInt(r['amount']) }));
  }

  /** Bills one MoU for one month now (an operator's back-fill; the monthly schedule does this on its own). */
  async runBilling(mouId: string, month: string, caller: Caller): Promise<BillingRunOutcome> {
    parseBillingMonth(month);
    if (!isUuid(mouId)) throw new DomainError('NOT_FOUND', `No MoU with id ${mouId}.`, 'mouId');
    const workflowId = billingRunWorkflowId(mouId, month);
    let joined = false;
    const handle = await this.temporal.workflow
      .start<BillingRunWorkflow>(BILLING_RUN_WORKFLOW, {
        workflowId,
        taskQueue: this.queues.lifecycle,
        args: [{ mouId, month, queues: this.queues, actor: auditActorOf(caller) }],
        workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
      })
      .catch((error: unknown) => {
        // Done or running already: the same month is never billed twice, so join that run.
        if (error instanceof Error && error.name === 'WorkflowExecutionAlreadyStartedError') {
          joined = true;
          return this.temporal.workflow.getHandle<BillingRunWorkflow>(workflowId);
        }
        throw error;
      })
      .catch(rethrowAsDomainError);
    const outcome = await handle.result().catch(rethrowAsDomainError);
    // A joined run's invoice was issued by that run, not by this call (acceptance: run twice, one invoice).
    return joined ? { ...outcome, issued: false } : outcome;
  }

  /**
   * The only correction of an issued invoice: a credit note that credits what is still owed on
   * the lines of the named participants (a paid line cannot be credited: refund it outside).
   */
  async issueCreditNote(input: { invoiceId: string; participantIds: string[]; reason: string }, caller: Caller): Promise<InvoiceRow> {
    const reason = input.reason.trim();
    if (!reason || reason.length > 500) throw new DomainError('BAD_USER_INPUT', 'Give the reason for the credit note (at most 500 characters).', 'reason');
    if (input.participantIds.length === 0 || input.participantIds.length > 10_000 || !input.participantIds.every(isUuid)) {
      throw new DomainError('BAD_USER_INPUT', 'Name from 1 to 10,000 participants (by id) whose lines the credit note corrects.', 'participantIds');
    }
    const invoice = await this.require(input.invoiceId, caller);
    if (invoice.kind !== 'INVOICE') throw new DomainError('BAD_USER_INPUT', `${invoice.number} is a credit note already.`, 'invoiceId');
    const actor = auditActorOf(caller);
    const id = randomUUID();
    await this.dataSource.transaction(async (tx) => {
      await lockAccount(tx, invoice.mouId);
      const lines = (await tx.query(
        `SELECT line_no, participant_id, amount - paid - credited AS owed FROM participants.invoice_line WHERE invoice_id = $1 AND participant_id = ANY($2::uuid[]) ORDER BY line_no`,
        [invoice.id, input.participantIds],
      )) as SqlRow[];
      const missing = input.participantIds.filter((p) => !lines.some((l) => l['participant_id'] === p));
      if (missing.length) throw new DomainError('BAD_USER_INPUT', `${invoice.number} has no line for participant ${missing[0]}.`, 'participantIds');
      if (lines.some((l) => BigInt(l['owed']) <= 0n))
        throw new DomainError('INVALID_TRANSITION', 'A line in the list is paid or credited already; only what is still owed can be credited.', 'participantIds');
      // The header goes in first (its lines are checked against it); it credits what the lines still owe.
      const sums = { lines: lines.length, total: (-lines.reduce((sum, l) => sum + BigInt(l['owed']), 0n)).toString() };
      const [head] = (await tx.query(`SELECT time_zone, billing_month::text FROM participants.invoice WHERE id = $1`, [invoice.id])) as SqlRow[];
      const today = todayIn(head!['time_zone'], this.now());
      const year = Number(today.slice(0, 4));
      const number = formatDocumentNumber('CN', invoice.regionCode, year, await nextSequence(tx, 'CN', invoice.regionCode, year));
      await tx.query(
        `INSERT INTO participants.invoice (id, kind, number, mou_id, mou_number, municipality_id, region_code, city_name, time_zone, billing_month, issued_on, due_on, total, line_count, corrects_invoice_id, reason, issued_by)
         VALUES ($1, 'CREDIT_NOTE', $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11, $12, $13, $14, $15)`,
        [
          id,
          number,
          invoice.mouId,
          invoice.mouNumber,
          invoice.municipalityId,
          invoice.regionCode,
          invoice.cityName,
          head!['time_zone'],
          head!['billing_month'],
          today,
          sums.total,
          sums.lines,
          invoice.id,
          reason,
          actor.subject,
        ],
      );
      await tx.query(
        `INSERT INTO participants.invoice_line (invoice_id, line_no, participant_id, occupation_group, covered_from, covered_to, amount)
         SELECT $1, row_number() OVER (ORDER BY l.line_no), l.participant_id, l.occupation_group, l.covered_from, l.covered_to, -(l.amount - l.paid - l.credited)
           FROM participants.invoice_line l WHERE l.invoice_id = $2 AND l.participant_id = ANY($3::uuid[])`,
        [id, invoice.id, input.participantIds],
      );
      await tx.query(`UPDATE participants.invoice_line SET credited = credited + (amount - paid - credited) WHERE invoice_id = $1 AND participant_id = ANY($2::uuid[])`, [
        invoice.id,
        input.participantIds,
      ]);
      await recordAudit(tx, 'participants', {
        actor,
        action: 'invoice.credit_note',
        entityType: 'Invoice',
        entityId: id,
        regionCode: invoice.regionCode,
        before: null,
        after: { number, corrects: invoice.number, total: sums.total, lines: sums.lines, reason },
      });
    });
    return this.require(id, caller);
  }
}
