import { heartbeat } from '@temporalio/activity';
import type { QueryConfig } from 'pg';
import type { DataSource } from 'typeorm';
import { DomainError } from '../../../../domain/errors.js';
import { FIELD_LABELS, issue, verdictOf } from '../../../../domain/participants/import-issues.js';
import { checkImportRow, mapHeader, type ImportColumn } from '../../../../domain/participants/import-row.js';
import { normaliseName } from '../../../../domain/participants/names.js';
import type { MouForEnrolment } from '../../../../workflows/enrolment/enrolment.activities.js';
import { copyInto, LONG_STATEMENT_TIMEOUT_MS, withPgClient } from '../../../kit/src/copy.js';
import type { FieldCipher } from '../../../kit/src/field-cipher.js';
import type { FileStorage } from '../../../kit/src/storage/storage.js';
import { readRows, type FileKind } from './import.parse.js';

const STAGED_COLUMNS =
  'batch_id, row_number, cells_ciphertext, nik_ciphertext, nik_index, full_name, name_norm, birth_date, sex, mother_maiden_name, mother_norm, address, occupation_group, issues, verdict';

/** Reports progress (rows read so far) from inside an activity; a no-op elsewhere (tests, the bench). */
export type Progress = (rows: number) => Promise<void>;

/**
 * Streams the stored file into participants.import_row: each row checked on its own with the
 * domain rules, NIK encrypted with its blind index, the original cells encrypted for the report.
 * One transaction replaces whatever an earlier attempt staged, so a retried activity stages once.
 */
export async function stageImport(
  deps: { dataSource: DataSource; cipher: FieldCipher; storage: FileStorage },
  batchId: string,
  mou: Pick<MouForEnrolment, 'regionCode' | 'today'>,
  progress: Progress,
): Promise<{ rows: number }> {
  const [batch] = (await deps.dataSource.query(`SELECT storage_key, file_kind FROM participants.enrolment_import WHERE batch_id = $1`, [batchId])) as {
    storage_key: string;
    file_kind: FileKind;
  }[];
  if (!batch) throw new DomainError('NOT_FOUND', `No import ${batchId}.`, 'batchId');
  await deps.dataSource.query(`UPDATE participants.enrolment_import SET region_code = $2, rows_parsed = 0 WHERE batch_id = $1`, [batchId, mou.regionCode]);
  let header: string[] | null = null;
  let columns: Partial<Record<ImportColumn, number>> = {};
  let count = 0;
  const { cipher } = deps;

  async function* staged() {
    for await (const row of readRows(deps.storage.open(batch!.storage_key), batch!.file_kind)) {
      if (!header) {
        const mapping = mapHeader(row.cells);
        if (row.malformed || mapping.missing.length > 0) {
          const missing = mapping.missing.map((f) => FIELD_LABELS[f]).join(', ');
          throw new DomainError(
            'BAD_USER_INPUT',
            `The first row must name the columns; missing: ${missing || 'all'}. Expected: ${Object.values(FIELD_LABELS).slice(1).join(', ')}.`,
            'file',
          );
        }
        header = row.cells.map((cell) => cell.replace(/^\uFEFF/, '').trim());
        columns = mapping.columns;
        continue;
      }
      count++;
      if (count % 2000 === 0) await progress(count);
      if (row.malformed) {
        const issues = [issue('MALFORMED_LINE', 'row', row.malformed)];
        yield [batchId, row.rowNumber, cipher.encrypt(JSON.stringify(row.cells)), null, null, null, null, null, null, null, null, null, null, JSON.stringify(issues), 'REJECTED'];
        continue;
      }
      const cells: Partial<Record<ImportColumn, string>> = {};
      for (const [field, index] of Object.entries(columns) as [ImportColumn, number][]) cells[field] = row.cells[index] ?? '';
      const { applicant: a, issues } = checkImportRow(cells, mou);
      yield [
        batchId,
        row.rowNumber,
        cipher.encrypt(JSON.stringify(row.cells)),
        a ? cipher.encrypt(a.nik) : null,
        a ? cipher.blindIndex('nik', a.nik) : null,
        a?.fullName ?? null,
        a ? normaliseName(a.fullName) : null,
        a?.birthDate ?? null,
        a?.sex ?? null,
        a?.motherMaidenName ?? null,
        a ? normaliseName(a.motherMaidenName) : null,
        a?.address ?? null,
        a?.occupationGroup ?? null,
        JSON.stringify(issues),
        verdictOf(issues),
      ];
    }
  }

  await withPgClient(deps.dataSource, async (client) => {
    await client.query('BEGIN');
    await client.query({ text: `DELETE FROM participants.import_row WHERE batch_id = $1`, values: [batchId], query_timeout: LONG_STATEMENT_TIMEOUT_MS } as QueryConfig);
    await copyInto(client, `participants.import_row (${STAGED_COLUMNS})`, staged());
    if (!header) throw new DomainError('BAD_USER_INPUT', 'The file is empty: it has no header row and no rows.', 'file');
    await client.query(`UPDATE participants.enrolment_import SET header = $2, rows_parsed = $3 WHERE batch_id = $1`, [batchId, header, count]);
    await client.query('COMMIT');
    // Fresh statistics before validation plans its batch-wide statements (migration 1766900000000).
    await client.query({ text: 'ANALYZE participants.import_row', query_timeout: LONG_STATEMENT_TIMEOUT_MS } as QueryConfig);
  });
  return { rows: count };
}

/** Progress from inside a Temporal activity: a heartbeat, and the counter the city's progress query reads. */
export function activityProgress(dataSource: DataSource, batchId: string, column: 'rows_parsed' | 'rows_validated'): Progress {
  return async (rows) => {
    heartbeat({ rows });
    await dataSource.query(`UPDATE participants.enrolment_import SET ${column} = $2 WHERE batch_id = $1`, [batchId, rows]);
  };
}
