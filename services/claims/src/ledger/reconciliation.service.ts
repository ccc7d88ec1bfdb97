import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { DomainError } from '../../../../domain/errors.js';
import { payoutConfirmedEntry } from '../../../../domain/ledger/journal.js';
import { countOutcomes, reconcile, type ReconciliationOutcome } from '../../../../domain/ledger/reconciliation.js';
import { readStatementFile } from '../../../../domain/payouts/batch-file.js';
import { auditActorOf, recordAudit } from '../../../kit/src/audit.js';
import type { Caller } from '../../../kit/src/context.js';
import { postEntry } from './ledger.records.js';
import { regionsFor } from './ledger.service.js';
import type { BankStatementReconciliation, ReconciliationCounts } from './ledger.type.js';

/** Statements arrive as text inside the GraphQL request (the gateway caps bodies at 64 KB). */
export const MAX_STATEMENT_CHARACTERS = 60_000;

/**
 * Reconciles a bank statement of a city's fund account against the payouts sent there: the
 * findings are stored with the statement, each matched payout is CONFIRMED and its transfer
 * posted from in-transit to the fund's bank account. One statement file is reconciled once.
 */
export class ReconciliationService {
  constructor(private readonly dataSource: DataSource) {}

  async reconcile(caller: Caller, regionCode: string, text: string): Promise<BankStatementReconciliation> {
    regionsFor(caller, regionCode);
    if (text.length > MAX_STATEMENT_CHARACTERS)
      throw new DomainError('BAD_USER_INPUT', `A statement can be up to ${MAX_STATEMENT_CHARACTERS} characters; split a longer one by date.`, 'statement');
    const lines = readStatementFile(text);
    const lastDate = lines.reduce((max, l) => (l.postingDate > max ? l.postingDate : max), '0000-00-00');
    const digest = createHash('sha256').update(text.replace(/\r\n/g, '\n').trim()).digest('hex');
    const id = await this.dataSource.transaction(async (tx) => {
      // One reconciliation per city at a time, so two uploads cannot both confirm one payout.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('claims.reconcile:' || $1))`, [regionCode]);
      const [earlier] = (await tx.query(`SELECT id, uploaded_at FROM claims.bank_statement WHERE region_code = $1 AND file_sha256 = $2`, [regionCode, digest])) as {
        id: string;
        uploaded_at: Date;
      }[];
      if (earlier)
        throw new DomainError(
          'CONFLICT',
          `This statement was already reconciled on ${earlier.uploaded_at.toISOString().slice(0, 10)} (reconciliation ${earlier.id}).`,
          'statement',
        );
      // Payouts the statement should show: sent up to its last day, or already confirmed (to tell duplicates).
      const sent = (await tx.query(
        `SELECT id, reference, amount, status FROM claims.payout
          WHERE region_code = $1 AND (status = 'CONFIRMED' OR (status = 'SENT' AND (sent_at AT TIME ZONE 'Asia/Jakarta')::date <= $2::date))`,
        [regionCode, lastDate],
      )) as { id: string; reference: string; amount: string; status: string }[];
      const items = reconcile(
        lines,
        sent.map((p) => ({ payoutId: p.id, reference: p.reference, amount: BigInt(p.amount), confirmed: p.status === 'CONFIRMED' })),
      );
      const counts = countOutcomes(items);
      const [statement] = (await tx.query(
        `INSERT INTO claims.bank_statement (region_code, file_sha256, line_count, counts, uploaded_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [regionCode, digest, lines.length, JSON.stringify(counts), caller.identity.subject],
      )) as { id: string }[];
      await tx.query(
        `INSERT INTO claims.reconciliation_item (statement_id, outcome, line, reference, payout_id, expected, actual)
         SELECT $1, * FROM unnest($2::text[], $3::int[], $4::text[], $5::uuid[], $6::bigint[], $7::bigint[])`,
        [
          statement!.id,
          items.map((i) => i.outcome),
          items.map((i) => i.line),
          items.map((i) => i.reference),
          items.map((i) => i.payoutId),
          items.map((i) => i.expected?.toString() ?? null),
          items.map((i) => i.actual?.toString() ?? null),
        ],
      );
      for (const item of items.filter((i) => i.outcome === 'MATCHED')) {
        await tx.query(`UPDATE claims.payout SET status = 'CONFIRMED', confirmed_at = now() WHERE id = $1 AND status = 'SENT'`, [item.payoutId]);
        await postEntry(tx, payoutConfirmedEntry(item.payoutId!, item.reference!, item.expected!), { regionCode, payoutId: item.payoutId, postedBy: caller.identity.subject });
      }
      await recordAudit(tx, 'claims', {
        actor: auditActorOf(caller),
        action: 'statement.reconcile',
        entityType: 'BankStatement',
        entityId: statement!.id,
        regionCode,
        before: null,
        after: counts,
      });
      return statement!.id;
    });
    return (await this.find(caller, id))!;
  }

  async find(caller: Caller, id: string): Promise<BankStatementReconciliation | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const [row] = await this.statements(caller, null, 1, id);
    return row ?? null;
  }

  /** Latest first. */
  async list(caller: Caller, regionCode: string | null, first: number): Promise<BankStatementReconciliation[]> {
    return this.statements(caller, regionsFor(caller, regionCode), first, null);
  }

  private async statements(caller: Caller, regions: string[] | null, first: number, id: string | null): Promise<BankStatementReconciliation[]> {
    const scope = regions ?? caller.scope.asSqlArray();
    const rows = (await this.dataSource.query(
      `SELECT id, region_code, line_count, counts, uploaded_by, uploaded_at FROM claims.bank_statement
        WHERE ($1::text[] IS NULL OR region_code = ANY($1)) AND ($2::uuid IS NULL OR id = $2) ORDER BY uploaded_at DESC, id DESC LIMIT $3`,
      [scope, id, first],
    )) as { id: string; region_code: string; line_count: number; counts: ReconciliationCounts; uploaded_by: string; uploaded_at: Date }[];
    const items = rows.length
      ? ((await this.dataSource.query(
          `SELECT statement_id, outcome, line, reference, payout_id, expected, actual FROM claims.reconciliation_item WHERE statement_id = ANY($1) ORDER BY id`,
          [rows.map((r) => r.id)],
        )) as {
          statement_id: string;
          outcome: ReconciliationOutcome;
          line: number | null;
          reference: string | null;
          payout_id: string | null;
          expected: string | null;
          actual: string | null;
        }[])
      : [];
    return rows.map((r) => ({
      id: r.id,
      regionCode: r.region_code,
      lineCount: r.line_count,
      counts: r.counts,
      uploadedBy: r.uploaded_by,
      uploadedAt: r.uploaded_at,
      items: items
        .filter((i) => i.statement_id === r.id)
        .map((i) => ({
          outcome: i.outcome,
          line: i.line,
          reference: i.reference,
          payoutId: i.payout_id,
          expected: i.expected === null ? null : BigInt(i.expected),
          actual: i.actual === null ? null : BigInt(i.actual),
        })),
    }));
  }
}
