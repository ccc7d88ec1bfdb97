import type { DataSource } from 'typeorm';
import type { Actor } from '../../../../domain/access.js';
import { enrolmentRate } from '../../../../domain/contributions/group-rates.js';
import { OCCUPATION_GROUPS } from '../../../../domain/participants/occupation.js';
import {
  importParticipantId,
  pageRows,
  PLACE_OUTCOME,
  toImportPage,
  type ImportPage,
  type ImportPlace,
  type ImportRecordActivities,
} from '../../../../workflows/enrolment-import/enrolment-import.activities.js';
import type { OccupationGroup } from '../../../../domain/participants/occupation.js';
import type { MouForEnrolment } from '../../../../workflows/enrolment/enrolment.activities.js';
import type { FieldCipher } from '../../../kit/src/field-cipher.js';
import type { FileStorage } from '../../../kit/src/storage/storage.js';
import { ratesFromWire } from '../contribution/billing-wire.js';
import type { CivilRegistry } from '../registry/civil-registry.js';
import { enrolStagedRows, insertEnrolments, type Sql } from './import.people.js';
import { inLongTransaction } from './import.transaction.js';
import { activityProgress, stageImport } from './import.stage.js';
import { issueJson, issueSqlTemplate, issueTemplate } from './import.sql.js';
import { validateImport } from './import.validate.js';

type Refusal = { participantId: string; reason: 'QUOTA_EXCEEDED' | 'GROUP_NOT_FUNDED' };

/** The import workflow's writes in the participants schema. Each is safe to run again (Temporal retries). */
/** Each group's rate for the month coverage starts in, as a single enrolment states it (enrolment.records.ts). */
function groupRatesOn(mou: MouForEnrolment, coverageFrom: string): { group: string; monthlyContribution: string }[] {
  const rates = ratesFromWire(mou.rates ?? []);
  return OCCUPATION_GROUPS.flatMap((group) => {
    const rate = enrolmentRate(rates, group, coverageFrom);
    return rate === null ? [] : [{ group, monthlyContribution: rate.toString() }];
  });
}

/** Where a page's rows are enrolled: the MoU's facts, the coverage period, who enrols them. */
function activationTarget(input: { batchId: string; mou: MouForEnrolment; coverageFrom: string; coverageTo: string; actor: Actor }) {
  return {
    batchId: input.batchId,
    municipalityId: input.mou.municipalityId,
    mouId: input.mou.mouId,
    regionCode: input.mou.regionCode,
    programs: input.mou.programs,
    coverageFrom: input.coverageFrom,
    coverageTo: input.coverageTo,
    enrolledBy: input.actor.subject,
    groupRates: groupRatesOn(input.mou, input.coverageFrom),
  };
}

export class ImportRecords implements ImportRecordActivities {
  constructor(private readonly deps: { dataSource: DataSource; cipher: FieldCipher; storage: FileStorage; registry: CivilRegistry }) {}

  parseImport(input: { batchId: string; mou: MouForEnrolment }): Promise<{ rows: number }> {
    return stageImport(this.deps, input.batchId, input.mou, activityProgress(this.deps.dataSource, input.batchId, 'rows_parsed'));
  }

  validateImport(input: { batchId: string }) {
    return validateImport(this.deps, input.batchId, activityProgress(this.deps.dataSource, input.batchId, 'rows_validated'));
  }

  async claimActivationPage(input: { batchId: string; limit: number }): Promise<ImportPlace[]> {
    // Rows claimed by an attempt that did not finish come first, so a crash never strands them;
    // two index-ordered picks (import_row_claimed_idx, import_row_pending_idx) instead of sorting every waiting row.
    const rows = (await this.deps.dataSource.query(
      `WITH pick AS (
         SELECT row_number FROM (
           (SELECT row_number, 0 AS claimed_later FROM participants.import_row
             WHERE batch_id = $1 AND verdict IN ('ACCEPTED', 'ACCEPTED_WITH_WARNINGS') AND NOT activated AND participant_id IS NOT NULL ORDER BY row_number LIMIT $2)
           UNION ALL
           (SELECT row_number, 1 FROM participants.import_row
             WHERE batch_id = $1 AND verdict IN ('ACCEPTED', 'ACCEPTED_WITH_WARNINGS') AND NOT activated AND participant_id IS NULL ORDER BY row_number LIMIT $2)
         ) waiting ORDER BY claimed_later, row_number LIMIT $2)
       UPDATE participants.import_row r SET participant_id = COALESCE(r.participant_id, gen_random_uuid())
         FROM pick WHERE r.batch_id = $1 AND r.row_number = pick.row_number
       RETURNING r.row_number, r.participant_id AS "participantId", r.occupation_group AS "occupationGroup"`,
      [input.batchId, input.limit],
    )) as [(ImportPlace & { row_number: number })[], number];
    return rows[0].sort((a, b) => a.row_number - b.row_number).map(({ participantId, occupationGroup }) => ({ participantId, occupationGroup }));
  }

  async activateImportPage(input: {
    batchId: string;
    mou: MouForEnrolment;
    coverageFrom: string;
    coverageTo: string;
    granted: string[];
    refused: Refusal[];
    actor: Actor;
  }): Promise<{ activated: number; notInserted: string[] }> {
    return this.deps.dataSource.transaction(async (tx) => {
      for (const reason of ['QUOTA_EXCEEDED', 'GROUP_NOT_FUNDED'] as const) {
        const ids = input.refused.filter((r) => r.reason === reason).map((r) => r.participantId);
        if (ids.length === 0) continue;
        await tx.query(
          `UPDATE participants.import_row SET issues = issues || ${issueSqlTemplate(reason, 'occupationGroup', 'occupation_group', 3)},
                  verdict = 'REJECTED', participant_id = NULL
            WHERE batch_id = $1 AND participant_id = ANY($2::uuid[]) AND NOT activated`,
          [input.batchId, ids, issueTemplate(reason, 'occupationGroup')],
        );
      }
      const inserted = await insertEnrolments(tx, { ...activationTarget(input), participantIds: input.granted });
      if (inserted.length > 0) {
        await tx.query(`UPDATE participants.import_row SET activated = true WHERE batch_id = $1 AND participant_id = ANY($2::uuid[])`, [input.batchId, inserted]);
        await tx.query(`UPDATE participants.enrolment_import SET rows_activated = rows_activated + $2 WHERE batch_id = $1`, [input.batchId, inserted.length]);
        // One audit entry per enrolment, written in the same statement's set, with no NIK in it.
        await tx.query(
          `INSERT INTO participants.audit_event (actor, roles, cities, client_id, request_id, action, entity_type, entity_id, region_code, before, after)
           SELECT $1, $2, $3, $4, $5, 'participant.enrol_import', 'Participant', id::text, $6, NULL,
                  jsonb_build_object('batchId', $7::text, 'mouId', $8::text, 'occupationGroup', occupation_group, 'coverageFrom', coverage_from, 'coverageTo', coverage_to)
             FROM participants.participant WHERE id = ANY($9::uuid[])`,
          [
            input.actor.subject,
            input.actor.roles,
            input.actor.cities === 'ALL' ? null : [...input.actor.cities],
            input.actor.clientId,
            input.actor.requestId,
            input.mou.regionCode,
            input.batchId,
            input.mou.mouId,
            inserted,
          ],
        );
      }
      // Granted but not inserted: covered elsewhere since validation. Rejected here; their places go back.
      const done = new Set(inserted);
      const earlier = (await tx.query(`SELECT participant_id FROM participants.import_row WHERE batch_id = $1 AND participant_id = ANY($2::uuid[]) AND activated`, [
        input.batchId,
        input.granted,
      ])) as { participant_id: string }[];
      for (const row of earlier) done.add(row.participant_id); // enrolled by an attempt that committed before a retry
      const notInserted = input.granted.filter((id) => !done.has(id));
      if (notInserted.length > 0) {
        await tx.query(
          `UPDATE participants.import_row SET issues = issues || $3::jsonb, verdict = 'REJECTED', participant_id = NULL
            WHERE batch_id = $1 AND participant_id = ANY($2::uuid[]) AND NOT activated`,
          [input.batchId, notInserted, issueJson('ALREADY_COVERED', 'nik')],
        );
      }
      return { activated: inserted.length, notInserted };
    });
  }

  nextImportPage(input: { batchId: string; after: number; limit: number }): Promise<ImportPage | null> {
    return inLongTransaction(this.deps.dataSource, (sql) => nextPage(sql, input.batchId, input.after, input.limit));
  }

  /** Pages by row number: refusals, enrolments and the next page in one transaction (import.people.ts does the enrolling). */
  enrolImportPage(input: Parameters<ImportRecordActivities['enrolImportPage']>[0]): ReturnType<ImportRecordActivities['enrolImportPage']> {
    const rows = pageRows(input.page);
    if (rows.length !== input.outcomes.length) throw new Error(`A page of ${rows.length} rows came back with ${input.outcomes.length} outcomes.`);
    const byOutcome: Record<string, number[]> = { G: [], Q: [], N: [] };
    rows.forEach((row, i) => byOutcome[input.outcomes[i]!]?.push(row));
    return inLongTransaction(this.deps.dataSource, async (sql) => {
      for (const code of ['Q', 'N'] as const) {
        const reason = PLACE_OUTCOME[code];
        if (byOutcome[code]!.length === 0) continue;
        await sql(
          `UPDATE participants.import_row SET issues = issues || ${issueSqlTemplate(reason, 'occupationGroup', 'occupation_group', 3)}, verdict = 'REJECTED', participant_id = NULL
            WHERE batch_id = $1 AND row_number = ANY($2::int[]) AND NOT activated`,
          [input.batchId, byOutcome[code], issueTemplate(reason, 'occupationGroup')],
        );
      }
      const granted = byOutcome['G']!;
      const actor = input.actor;
      const enrolled = await enrolStagedRows(sql, {
        ...activationTarget(input),
        rows: granted,
        audit: { actor: actor.subject, roles: actor.roles, cities: actor.cities === 'ALL' ? null : [...actor.cities], clientId: actor.clientId, requestId: actor.requestId },
      });
      if (enrolled.length > 0) await sql(`UPDATE participants.enrolment_import SET rows_activated = rows_activated + $2 WHERE batch_id = $1`, [input.batchId, enrolled.length]);
      // Granted but neither enrolled now nor by an attempt that committed before a retry: covered elsewhere since validation. Rejected; their places go back.
      const left = await sql<{ row_number: number }>(
        `UPDATE participants.import_row SET issues = issues || $3::jsonb, verdict = 'REJECTED', participant_id = NULL
          WHERE batch_id = $1 AND row_number = ANY($2::int[]) AND NOT activated RETURNING row_number`,
        [input.batchId, granted, issueJson('ALREADY_COVERED', 'nik')],
      );
      const [done] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM participants.import_row WHERE batch_id = $1 AND row_number = ANY($2::int[]) AND activated`, [
        input.batchId,
        granted,
      ]);
      const next = await nextPage(sql, input.batchId, rows[rows.length - 1] ?? 0, input.limit);
      return { activated: done?.n ?? 0, notInserted: left.map((r) => importParticipantId(input.batchId, r.row_number)), next };
    });
  }

  /**
   * Records the import's phase and answers how many rows wait for review. AWAITING_REVIEW with no
   * row to review is recorded as DONE: nobody has anything to do, and a city polling the import
   * must not see it wait for review on its way to DONE (the workflow marks DONE next either way).
   */
  async markImport(input: { batchId: string; status: string; failure?: string }): Promise<{ review: number }> {
    const [row] = (await this.deps.dataSource.query(`SELECT count(*)::int AS review FROM participants.import_row WHERE batch_id = $1 AND verdict = 'NEEDS_REVIEW'`, [
      input.batchId,
    ])) as { review: number }[];
    const review = row?.review ?? 0;
    const status = input.status === 'AWAITING_REVIEW' && review === 0 ? 'DONE' : input.status;
    const final = ['DONE', 'CANCELLED', 'FAILED'].includes(status);
    await this.deps.dataSource.query(
      `UPDATE participants.enrolment_import SET status = $2, failure = COALESCE($3, failure), finished_at = CASE WHEN $4 THEN now() ELSE NULL END WHERE batch_id = $1`,
      [input.batchId, status, input.failure ?? null, final],
    );
    return { review };
  }

  async abandonImport(input: { batchId: string; page?: ImportPage }): Promise<string[]> {
    // A page by row number whose places were being held: the ids of its rows not enrolled.
    const inFlight = input.page
      ? ((await this.deps.dataSource.query(`SELECT row_number FROM participants.import_row WHERE batch_id = $1 AND row_number = ANY($2::int[]) AND NOT activated`, [
          input.batchId,
          pageRows(input.page),
        ])) as { row_number: number }[])
      : [];
    const [rows] = (await this.deps.dataSource.query(
      `WITH claimed AS (SELECT row_number, participant_id FROM participants.import_row WHERE batch_id = $1 AND NOT activated AND participant_id IS NOT NULL FOR UPDATE)
       UPDATE participants.import_row r SET participant_id = NULL FROM claimed WHERE r.batch_id = $1 AND r.row_number = claimed.row_number
       RETURNING claimed.participant_id`,
      [input.batchId],
    )) as [{ participant_id: string }[], number];
    return [...rows.map((r) => r.participant_id), ...inFlight.map((r) => importParticipantId(input.batchId, r.row_number))];
  }
}

/** Accepted rows not yet enrolled after a row number, in order (import_row_pending_idx). */
async function nextPage(sql: Sql, batchId: string, after: number, limit: number): Promise<ImportPage | null> {
  const rows = await sql<{ rowNumber: number; occupationGroup: OccupationGroup }>(
    `SELECT row_number AS "rowNumber", occupation_group AS "occupationGroup" FROM participants.import_row
      WHERE batch_id = $1 AND row_number > $2 AND verdict IN ('ACCEPTED', 'ACCEPTED_WITH_WARNINGS') AND NOT activated ORDER BY row_number LIMIT $3`,
    [batchId, after, limit],
  );
  return rows.length === 0 ? null : toImportPage(rows);
}
