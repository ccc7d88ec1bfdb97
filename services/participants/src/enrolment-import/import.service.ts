import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { DomainError } from '../../../../domain/errors.js';
import { FIELD_LABELS, IMPORT_FIELDS, issue, type ImportIssue, type Verdict } from '../../../../domain/participants/import-issues.js';
import { parseImportDate } from '../../../../domain/participants/import-row.js';
import { normaliseName } from '../../../../domain/participants/names.js';
import type { TaskQueues } from '../../../../workflows/contracts/task-queues.js';
import {
  ENROLMENT_IMPORT_WORKFLOW,
  enrolmentImportWorkflowId,
  reviewedSignal,
  type EnrolmentImportWorkflow,
} from '../../../../workflows/enrolment-import/enrolment-import.messages.js';
import { auditActorOf, recordAudit } from '../../../kit/src/audit.js';
import type { Caller } from '../../../kit/src/context.js';
import type { FieldCipher } from '../../../kit/src/field-cipher.js';
import { isUuid } from '../../../kit/src/ids.js';
import type { StoredFile } from '../../../kit/src/storage/storage.js';
import { rethrowAsDomainError } from '../../../kit/src/temporal.js';
import { fileKindOf } from './import.parse.js';
import { VERDICT_SQL } from './import.sql.js';
import type { SqlRow } from '../../../kit/src/sql-row.js';

export interface ImportSummary {
  batchId: string;
  mouId: string;
  regionCode: string | null;
  fileName: string;
  dryRun: boolean;
  status: string;
  failure: string | null;
  rowsRead: number;
  rowsValidated: number;
  rowsActivated: number;
  accepted: number;
  acceptedWithWarnings: number;
  needsReview: number;
  rejected: number;
  createdBy: string;
  createdAt: Date;
  finishedAt: Date | null;
  /** True when this upload was the same file under the same MoU as an earlier one: its import is answered. */
  reused?: boolean;
}

export interface StagedRow {
  batchId: string;
  rowNumber: number;
  verdict: Verdict;
  activated: boolean;
  nikCiphertext: string | null;
  fullName: string | null;
  birthDate: string | null;
  sex: string | null;
  motherMaidenName: string | null;
  occupationGroup: string | null;
  issues: ImportIssue[];
  registryNikIndex: string | null;
  registryScore: Record<string, unknown> | null;
}

/**
 * Rows per activation page: one transaction each, and two activities (places; enrol and read the
 * next page). A page travels by row number (about 2 bytes a row, no participant ids), so 20,000
 * rows are some 40 KB in a payload, and a 100,000-row list needs 5 pages. Workflows started before
 * patch 'import-pages-by-row' keep the size they were started with.
 */
export const IMPORT_PAGE_SIZE = 20_000;

/** The batch: one file (by its SHA-256) under one MoU, real or dry. */
export function importBatchId(sha256: string, mouId: string, dryRun: boolean): string {
  return createHash('sha256')
    .update(`${sha256}:${mouId}:${dryRun ? 'dry-run' : 'enrol'}`)
    .digest('hex')
    .slice(0, 40);
}

const SUMMARY_SQL = `SELECT i.batch_id AS "batchId", i.mou_id AS "mouId", i.region_code AS "regionCode", i.file_name AS "fileName", i.dry_run AS "dryRun", i.status, i.failure,
   i.rows_parsed AS "rowsRead", i.rows_validated AS "rowsValidated", i.rows_activated AS "rowsActivated", i.created_by AS "createdBy", i.created_at AS "createdAt", i.finished_at AS "finishedAt",
   COALESCE(v.accepted, 0) AS accepted, COALESCE(v.warned, 0) AS "acceptedWithWarnings", COALESCE(v.review, 0) AS "needsReview", COALESCE(v.rejected, 0) AS rejected
  FROM participants.enrolment_import i
  LEFT JOIN LATERAL (SELECT count(*) FILTER (WHERE verdict = 'ACCEPTED')::int AS accepted, count(*) FILTER (WHERE verdict = 'ACCEPTED_WITH_WARNINGS')::int AS warned,
                            count(*) FILTER (WHERE verdict = 'NEEDS_REVIEW')::int AS review, count(*) FILTER (WHERE verdict = 'REJECTED')::int AS rejected
                       FROM participants.import_row WHERE batch_id = i.batch_id AND i.status NOT IN ('QUEUED', 'PARSING')) v ON true
 WHERE i.batch_id = $1`;

/** Bulk enrolment use cases: start an import from a stored upload, follow it, review its rows. */
export class ImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly temporal: Client,
    private readonly queues: TaskQueues,
    private readonly cipher: FieldCipher,
  ) {}

  /** Starts the import of a stored file, or answers the earlier import of the same file under the same MoU. */
  async start(upload: StoredFile & { fileName: string; firstBytes: Buffer }, mouId: string, dryRun: boolean, caller: Caller): Promise<ImportSummary> {
    if (!isUuid(mouId)) throw new DomainError('NOT_FOUND', `No MoU with id ${mouId}.`, 'mouId');
    if (upload.bytes === 0) throw new DomainError('BAD_USER_INPUT', 'The file is empty.', 'file');
    const batchId = importBatchId(upload.sha256, mouId, dryRun);
    const inserted = (await this.dataSource.query(
      `INSERT INTO participants.enrolment_import (batch_id, mou_id, file_name, file_sha256, storage_key, file_kind, dry_run, status, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'QUEUED', $8)
       ON CONFLICT (batch_id) DO UPDATE SET status = 'QUEUED', failure = NULL, finished_at = NULL WHERE enrolment_import.status = 'FAILED'
       RETURNING batch_id`,
      [batchId, mouId, upload.fileName.slice(0, 200), upload.sha256, upload.key, fileKindOf(upload.firstBytes, upload.fileName), dryRun, caller.identity.subject],
    )) as unknown[];
    if (inserted.length === 0) {
      const earlier = await this.find(batchId, caller);
      if (!earlier) throw new DomainError('NOT_FOUND', `No MoU with id ${mouId}.`, 'mouId');
      return { ...earlier, reused: true };
    }
    await this.temporal.workflow
      .start<EnrolmentImportWorkflow>(ENROLMENT_IMPORT_WORKFLOW, {
        workflowId: enrolmentImportWorkflowId(batchId),
        taskQueue: this.queues.lifecycle,
        args: [{ batchId, mouId, dryRun, cities: caller.identity.cities, actor: auditActorOf(caller), queues: this.queues, pageSize: IMPORT_PAGE_SIZE }],
      })
      .catch((error: unknown) => {
        if (!(error instanceof WorkflowExecutionAlreadyStartedError)) rethrowAsDomainError(error);
      });
    return (await this.find(batchId, caller, true))!;
  }

  /** An import as its city sees it (null elsewhere); before its MoU is read, only its uploader sees it. */
  async find(batchId: string, caller: Caller, ownEvenUnscoped = false): Promise<ImportSummary | null> {
    const [row] = (await this.dataSource.query(SUMMARY_SQL, [batchId])) as ImportSummary[];
    if (!row) return null;
    const visible = row.regionCode ? caller.scope.allows(row.regionCode) : caller.scope.all || row.createdBy === caller.identity.subject || ownEvenUnscoped;
    return visible ? row : null;
  }

  async rows(batchId: string, caller: Caller, options: { verdict?: Verdict; after?: number; first: number }): Promise<StagedRow[]> {
    if (!(await this.find(batchId, caller))) throw new DomainError('NOT_FOUND', `No import ${batchId}.`, 'batchId');
    return (await this.dataSource.query(
      `SELECT batch_id AS "batchId", row_number AS "rowNumber", verdict, activated, nik_ciphertext AS "nikCiphertext", full_name AS "fullName",
              to_char(birth_date, 'YYYY-MM-DD') AS "birthDate", sex, mother_maiden_name AS "motherMaidenName", occupation_group AS "occupationGroup", issues,
              registry_nik_index AS "registryNikIndex", registry_score AS "registryScore"
         FROM participants.import_row WHERE batch_id = $1 AND ($2::text IS NULL OR verdict = $2) AND row_number > $3 ORDER BY row_number LIMIT $4`,
      [batchId, options.verdict ?? null, options.after ?? 0, Math.min(Math.max(options.first, 1), 500)],
    )) as StagedRow[];
  }

  /**
   * An operator's decision on a row held for review: ACCEPT as submitted, CORRECT to the given
   * values (by default the registry's), or REJECT with a reason. Audited; accepted rows are then
   * enrolled by the import's workflow.
   */
  async review(
    input: {
      batchId: string;
      rowNumber: number;
      decision: 'ACCEPT' | 'CORRECT' | 'REJECT';
      reason?: string | null;
      fullName?: string | null;
      birthDate?: string | null;
      motherMaidenName?: string | null;
    },
    caller: Caller,
    registryRecord: (nikIndex: string) => Promise<{ fullName: string; birthDate: string; motherMaidenName: string } | null>,
  ): Promise<StagedRow> {
    // Row 1 is the header: data rows are numbered from 2, as the city sees them in its spreadsheet.
    if (!Number.isInteger(input.rowNumber) || input.rowNumber < 2)
      throw new DomainError('BAD_USER_INPUT', `rowNumber is a data row of the file (2 or more); got ${input.rowNumber}.`, 'rowNumber');
    const summary = await this.find(input.batchId, caller);
    if (!summary) throw new DomainError('NOT_FOUND', `No import ${input.batchId}.`, 'batchId');
    if (summary.dryRun) throw new DomainError('INVALID_TRANSITION', 'A dry run enrols no one; upload the file without --dry-run to review and enrol.', 'batchId');
    await this.dataSource.transaction(async (tx) => {
      const [row] = (await tx.query(`SELECT * FROM participants.import_row WHERE batch_id = $1 AND row_number = $2 FOR UPDATE`, [input.batchId, input.rowNumber])) as SqlRow[];
      if (!row) throw new DomainError('NOT_FOUND', `The import has no row ${input.rowNumber}.`, 'rowNumber');
      if (row['verdict'] !== 'NEEDS_REVIEW') throw new DomainError('INVALID_TRANSITION', `Row ${input.rowNumber} is ${row['verdict']}, not waiting for review.`, 'rowNumber');
      const kept = (row['issues'] as ImportIssue[]).filter((i) => i.severity !== 'review');
      let change: Record<string, string> = {};
      if (input.decision === 'REJECT') {
        if (!input.reason?.trim()) throw new DomainError('BAD_USER_INPUT', 'Give the reason the row is rejected.', 'reason');
        kept.push(issue('REVIEW_REJECTED', 'row', input.reason.trim().slice(0, 300)));
      }
      if (input.decision === 'CORRECT') {
        const registry = row['registry_nik_index'] ? await registryRecord(row['registry_nik_index'] as string) : null;
        const birthDate = input.birthDate ? parseImportDate(input.birthDate) : (registry?.birthDate ?? null);
        if (input.birthDate && !birthDate) throw new DomainError('BAD_USER_INPUT', `The birth date ${input.birthDate} is not a real date.`, 'birthDate');
        change = {
          full_name: (input.fullName ?? registry?.fullName ?? row['full_name']).trim(),
          birth_date: birthDate ?? row['birth_date'],
          mother_maiden_name: (input.motherMaidenName ?? registry?.motherMaidenName ?? row['mother_maiden_name']).trim(),
        };
        if (!change['full_name'] || !change['mother_maiden_name']) throw new DomainError('BAD_USER_INPUT', 'A corrected row needs a name and a mother’s name.', 'fullName');
      }
      await tx.query(
        `UPDATE participants.import_row SET issues = $3::jsonb, reviewed_by = $4, full_name = COALESCE($5, full_name), name_norm = COALESCE($6, name_norm), birth_date = COALESCE($7::date, birth_date),
                mother_maiden_name = COALESCE($8, mother_maiden_name), mother_norm = COALESCE($9, mother_norm) WHERE batch_id = $1 AND row_number = $2`,
        [
          input.batchId,
          input.rowNumber,
          JSON.stringify(kept),
          caller.identity.subject,
          change['full_name'] ?? null,
          change['full_name'] ? normaliseName(change['full_name']) : null,
          change['birth_date'] ?? null,
          change['mother_maiden_name'] ?? null,
          change['mother_maiden_name'] ? normaliseName(change['mother_maiden_name']) : null,
        ],
      );
      await tx.query(`UPDATE participants.import_row SET verdict = ${VERDICT_SQL} WHERE batch_id = $1 AND row_number = $2`, [input.batchId, input.rowNumber]);
      await recordAudit(tx, 'participants', {
        actor: auditActorOf(caller),
        action: 'import.review',
        entityType: 'EnrolmentImport',
        entityId: input.batchId,
        regionCode: summary.regionCode,
        before: { rowNumber: input.rowNumber, verdict: 'NEEDS_REVIEW', fullName: row['full_name'], birthDate: row['birth_date'], motherMaidenName: row['mother_maiden_name'] },
        after: { rowNumber: input.rowNumber, decision: input.decision, reason: input.reason ?? null, ...change },
      });
    });
    await this.temporal.workflow
      .getHandle(enrolmentImportWorkflowId(input.batchId))
      .signal(reviewedSignal)
      .catch((error: unknown) => {
        if (!(error instanceof WorkflowNotFoundError)) throw error;
      });
    return (await this.rows(input.batchId, caller, { after: input.rowNumber - 1, first: 1 }))[0]!;
  }

  async cancel(batchId: string, caller: Caller): Promise<ImportSummary> {
    const summary = await this.find(batchId, caller);
    if (!summary) throw new DomainError('NOT_FOUND', `No import ${batchId}.`, 'batchId');
    const handle = this.temporal.workflow.getHandle(enrolmentImportWorkflowId(batchId));
    await handle.cancel().catch(rethrowAsDomainError);
    await handle.result().catch(() => undefined);
    return (await this.find(batchId, caller))!;
  }

  nikOf(row: StagedRow): string | null {
    return row.nikCiphertext ? this.cipher.decrypt(row.nikCiphertext) : null;
  }

  /**
   * The report as CSV, streamed: the file's own columns, then the row number, verdict, whether it
   * was enrolled, codes, fields and messages (Indonesian, English). The city fixes the rows and uploads again.
   */
  async report(batchId: string, caller: Caller): Promise<Readable> {
    const summary = await this.find(batchId, caller);
    if (!summary) throw new DomainError('NOT_FOUND', `No import ${batchId}.`, 'batchId');
    const [stored] = (await this.dataSource.query(`SELECT header FROM participants.enrolment_import WHERE batch_id = $1`, [batchId])) as { header: string[] | null }[];
    const columns: string[] = stored?.header ?? IMPORT_FIELDS.map((f) => FIELD_LABELS[f]);
    const db = this.dataSource;
    const cipher = this.cipher;
    const enrolledLabel = summary.dryRun ? 'tidak (uji coba / dry run)' : 'tidak / no';
    async function* lines() {
      yield `\uFEFF${[...columns, 'Baris', 'Putusan', 'Terdaftar', 'Kode', 'Kolom', 'Pesan', 'Message'].map(csvCell).join(',')}\r\n`;
      let after = 0;
      for (;;) {
        const rows = (await db.query(
          `SELECT row_number, cells_ciphertext, verdict, activated, issues FROM participants.import_row WHERE batch_id = $1 AND row_number > $2 ORDER BY row_number LIMIT 1000`,
          [batchId, after],
        )) as { row_number: number; cells_ciphertext: string; verdict: string; activated: boolean; issues: ImportIssue[] }[];
        if (rows.length === 0) return;
        after = rows[rows.length - 1]!.row_number;
        let chunk = '';
        for (const row of rows) {
          const cells = JSON.parse(cipher.decrypt(row.cells_ciphertext)) as string[];
          // The row's own cells under the file's columns (a line that could not be read: its text in the first).
          const own = columns.map((_, i) => cells[i] ?? '');
          chunk += `${[
            ...own,
            String(row.row_number),
            row.verdict,
            row.activated ? 'ya / yes' : enrolledLabel,
            row.issues.map((i) => i.code).join('; '),
            row.issues.map((i) => FIELD_LABELS[i.field]).join('; '),
            row.issues.map((i) => i.messageId).join(' | '),
            row.issues.map((i) => i.messageEn).join(' | '),
          ]
            .map(csvCell)
            .join(',')}\r\n`;
        }
        yield chunk;
      }
    }
    return Readable.from(lines());
  }
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
