import type { DataSource } from 'typeorm';
import { FIELD_LABELS, issue, type ImportIssue } from '../../../../domain/participants/import-issues.js';
import { scoreRegistryMatch } from '../../../../domain/participants/names.js';
import type { CivilRegistry } from '../registry/civil-registry.js';
import { ACTIVE_COVERAGE_SQL, DECEASED_SQL } from './import.people.js';
import { longStatement } from '../../../kit/src/long-statement.js';
import type { Progress } from './import.stage.js';
import { issueJson, issueSqlTemplate, issueTemplate, VERDICT_SQL } from './import.sql.js';

/** Rows per registry page: one candidates query and one update each (pages of 20,000 took the participants service past 512 MiB at 100,000 rows). */
const PAGE = 5000;

// Only rows whose verdict changes are written: rewriting every row (and its index entries) twice was a third of validation.
const SET_VERDICTS = `UPDATE participants.import_row SET verdict = ${VERDICT_SQL} WHERE batch_id = $1 AND verdict IS DISTINCT FROM (${VERDICT_SQL})`;

/**
 * Judges the staged rows against each other and the rest of the system: set-based statements
 * for duplicates in the file and existing active coverage anywhere (the message names no city),
 * then the civil registry page by page, scored by the domain rule. Safe to run twice: every
 * added issue is added only to rows that do not carry it yet.
 */
export async function validateImport(
  deps: { dataSource: DataSource; registry: CivilRegistry },
  batchId: string,
  progress: Progress,
): Promise<{ accepted: number; review: number; rejected: number }> {
  // Statements over the whole batch may outlast the pool's 15 s read timeout on a busy machine.
  const long = (text: string, values: unknown[]) => longStatement(deps.dataSource, text, values);
  // A later row with a NIK seen earlier in the file is rejected, naming the first row.
  await long(
    `WITH seen AS (SELECT row_number, min(row_number) OVER (PARTITION BY nik_index) AS first FROM participants.import_row WHERE batch_id = $1 AND nik_index IS NOT NULL)
     UPDATE participants.import_row r SET issues = r.issues || ${issueSqlTemplate('DUPLICATE_IN_FILE', 'nik', 'seen.first::text', 2)}
       FROM seen WHERE r.batch_id = $1 AND r.row_number = seen.row_number AND seen.first < seen.row_number
        AND NOT r.issues @> '[{"code":"DUPLICATE_IN_FILE"}]'`,
    [batchId, issueTemplate('DUPLICATE_IN_FILE', 'nik')],
  );
  await long(
    `UPDATE participants.import_row r SET issues = r.issues || $2::jsonb
      WHERE r.batch_id = $1 AND r.nik_index IS NOT NULL AND NOT r.activated AND NOT r.issues @> '[{"code":"ALREADY_COVERED"}]'
        AND EXISTS (${ACTIVE_COVERAGE_SQL('r.nik_index')})`,
    [batchId, issueJson('ALREADY_COVERED', 'nik')],
  );
  await long(
    `UPDATE participants.import_row r SET issues = r.issues || $2::jsonb
      WHERE r.batch_id = $1 AND r.nik_index IS NOT NULL AND NOT r.activated AND NOT r.issues @> '[{"code":"PERSON_DECEASED"}]' AND EXISTS (${DECEASED_SQL('r.nik_index')})`,
    [batchId, issueJson('PERSON_DECEASED', 'nik')],
  );
  await long(SET_VERDICTS, [batchId]);

  if (await deps.registry.available()) await verifyAgainstRegistry(deps, batchId, progress);
  else {
    await long(
      `UPDATE participants.import_row SET issues = issues || $2::jsonb WHERE batch_id = $1 AND verdict <> 'REJECTED' AND NOT issues @> '[{"code":"REGISTRY_NOT_CHECKED"}]'`,
      [batchId, issueJson('REGISTRY_NOT_CHECKED', 'nik')],
    );
  }
  await long(SET_VERDICTS, [batchId]);
  const counts = (await long(
    `SELECT count(*) FILTER (WHERE verdict IN ('ACCEPTED', 'ACCEPTED_WITH_WARNINGS'))::int AS accepted, count(*) FILTER (WHERE verdict = 'NEEDS_REVIEW')::int AS review,
            count(*) FILTER (WHERE verdict = 'REJECTED')::int AS rejected, count(*)::int AS total FROM participants.import_row WHERE batch_id = $1`,
    [batchId],
  )) as { accepted: number; review: number; rejected: number; total: number }[];
  await long(`UPDATE participants.enrolment_import SET rows_validated = $2 WHERE batch_id = $1`, [batchId, counts[0]!.total]);
  const { accepted, review, rejected } = counts[0]!;
  return { accepted, review, rejected };
}

interface StagedForRegistry {
  row_number: number;
  nik_index: string;
  name_norm: string;
  full_name: string;
  birth_date: string;
  mother_maiden_name: string;
}

async function verifyAgainstRegistry(deps: { dataSource: DataSource; registry: CivilRegistry }, batchId: string, progress: Progress): Promise<void> {
  const db = { query: (text: string, values: unknown[]) => longStatement(deps.dataSource, text, values) };
  let after = 0;
  let done = 0;
  for (;;) {
    const rows = (await db.query(
      `SELECT row_number, nik_index, name_norm, full_name, to_char(birth_date, 'YYYY-MM-DD') AS birth_date, mother_maiden_name FROM participants.import_row
        WHERE batch_id = $1 AND row_number > $2 AND verdict <> 'REJECTED' AND registry_score IS NULL ORDER BY row_number LIMIT $3`,
      [batchId, after, PAGE],
    )) as StagedForRegistry[];
    if (rows.length === 0) return;
    after = rows[rows.length - 1]!.row_number;
    const candidates = await deps.registry.candidates(rows.map((r) => ({ key: r.row_number, nikIndex: r.nik_index, nameNorm: r.name_norm, birthDate: r.birth_date })));
    const byKey = new Map(candidates.map((c) => [c.key, c]));
    const updates = rows.map((row) => {
      const found = byKey.get(row.row_number);
      if (!found?.record) return { row: row.row_number, issue: issue('REGISTRY_MISMATCH', 'nik', 'NIK'), candidate: null, score: { outcome: 'MISMATCH' } };
      const r = found.record;
      const score = scoreRegistryMatch({
        nikMatches: found.nikMatches,
        row: { fullName: row.full_name, birthDate: row.birth_date, motherMaidenName: row.mother_maiden_name },
        candidate: { fullName: r.fullName, birthDate: r.birthDate, motherMaidenName: r.motherMaidenName },
      });
      const differs = [
        ...(found.nikMatches ? [] : [FIELD_LABELS.nik]),
        ...(score.name < 1 ? [FIELD_LABELS.fullName] : []),
        ...(score.birthDate ? [] : [FIELD_LABELS.birthDate]),
        ...(score.mother < 1 ? [FIELD_LABELS.motherMaidenName] : []),
      ].join(', ');
      let problem: ImportIssue | null = null;
      if (score.outcome === 'MISMATCH') problem = issue('REGISTRY_MISMATCH', found.nikMatches ? 'fullName' : 'nik', differs);
      if (score.outcome === 'NEEDS_REVIEW') problem = issue('REGISTRY_REVIEW', found.nikMatches ? 'fullName' : 'nik', differs);
      return { row: row.row_number, issue: problem, candidate: r.nikIndex, score: { ...score, nikMatches: found.nikMatches } };
    });
    await db.query(
      `UPDATE participants.import_row r SET registry_nik_index = u.candidate, registry_score = u.score,
              issues = CASE WHEN u.issue IS NULL THEN r.issues ELSE r.issues || jsonb_build_array(u.issue) END
         FROM unnest($2::int[], $3::text[], $4::jsonb[], $5::jsonb[]) AS u(row_number, candidate, score, issue)
        WHERE r.batch_id = $1 AND r.row_number = u.row_number AND r.row_number BETWEEN $6 AND $7`,
      [
        batchId,
        updates.map((u) => u.row),
        updates.map((u) => u.candidate),
        updates.map((u) => JSON.stringify(u.score)),
        updates.map((u) => (u.issue ? JSON.stringify(u.issue) : null)),
        // The page's range: the planner then reads these rows by the primary key instead of scanning the whole batch once a page.
        rows[0]!.row_number,
        after,
      ],
    );
    done += rows.length;
    await progress(done);
  }
}
