import type { EntityManager } from 'typeorm';
import { contributionForIncome, DEFAULT_DECLARED_INCOME } from '../../../../domain/contributions/income-basis.js';
import { kpjFromSequence } from '../../../../domain/participants/kpj.js';
import type { Program } from '../../../../domain/programs.js';
import { importParticipantIdSql } from '../../../../workflows/enrolment-import/enrolment-import.activities.js';

// Where an import meets the people model (issue 13, item 1): the one place that knows which
// tables hold people and their enrolments, and how accepted rows become enrolments.

/** SQL for "this NIK (blind index expression) has an open enrolment anywhere", for EXISTS (…). */
export function ACTIVE_COVERAGE_SQL(nikIndexExpression: string): string {
  return `SELECT 1 FROM participants.person p JOIN participants.enrolment e ON e.person_id = p.id
           WHERE p.nik_index = ${nikIndexExpression} AND e.status IN ('ACTIVE', 'INACTIVE')`;
}

/** SQL for "the death of this NIK's person is on record". */
export function DECEASED_SQL(nikIndexExpression: string): string {
  return `SELECT 1 FROM participants.person p WHERE p.nik_index = ${nikIndexExpression} AND p.date_of_death IS NOT NULL`;
}

export interface ActivationTarget {
  batchId: string;
  participantIds: string[];
  municipalityId: string;
  mouId: string;
  regionCode: string;
  programs: string[];
  coverageFrom: string;
  coverageTo: string;
  enrolledBy: string;
  /** Each group's monthly contribution from the MoU's rates (the one rate source, as billing charges it). */
  groupRates: { group: string; monthlyContribution: string }[];
}

/**
 * Enrols staged rows set-based, in the caller's transaction: a person per NIK not yet known, an
 * ACTIVE enrolment (same id as the row's participant id) with its first standing period, the
 * address the city gave now, and a KPJ number for those activated for the first time. A person
 * enrolled (or recorded dead) meanwhile is skipped by the one-open-enrolment index, not an error.
 * Returns the ids enrolled.
 */
export async function insertEnrolments(tx: Pick<EntityManager, 'query'>, t: ActivationTarget): Promise<string[]> {
  const staged = `FROM participants.import_row r WHERE r.batch_id = $1 AND r.participant_id = ANY($2::uuid[]) AND NOT r.activated`;
  // A person first seen here is enrolled here (a new person has no open enrolment and no death on
  // record), so their KPJ number is written with the row instead of by a second pass over it.
  const newcomers = (await tx.query(
    `SELECT r.participant_id AS id ${staged} AND NOT EXISTS (SELECT 1 FROM participants.person p WHERE p.nik_index = r.nik_index) ORDER BY r.row_number`,
    [t.batchId, t.participantIds],
  )) as { id: string }[];
  const numbers = newcomers.length === 0 ? [] : await nextKpjNumbers(tx, newcomers.length);
  const created = (await tx.query(
    `INSERT INTO participants.person (nik_ciphertext, nik_index, full_name, birth_date, sex, mother_maiden_name, address, region_code, kpj_number)
     SELECT r.nik_ciphertext, r.nik_index, r.full_name, r.birth_date, r.sex, r.mother_maiden_name, r.address, $3, k.kpj
       FROM participants.import_row r JOIN unnest($2::uuid[], $4::text[]) AS k(id, kpj) ON k.id = r.participant_id
      WHERE r.batch_id = $1 AND NOT r.activated ORDER BY r.row_number
     ON CONFLICT (nik_index) DO NOTHING
     RETURNING id`,
    [t.batchId, newcomers.map((n) => n.id), t.regionCode, numbers],
  )) as { id: string }[];
  const inserted = (await tx.query(
    `INSERT INTO participants.enrolment (id, person_id, full_name, occupation_group, municipality_id, mou_id, region_code, programs,
                                         coverage_from, coverage_to, status, declared_monthly_income, monthly_contribution, enrolled_by)
     SELECT r.participant_id, p.id, r.full_name, r.occupation_group, $3, $4, $5, $6::text[], $7, $8, 'ACTIVE', $9, COALESCE(g.rate, $10), $11
       FROM participants.import_row r JOIN participants.person p ON p.nik_index = r.nik_index
       LEFT JOIN unnest($12::text[], $13::bigint[]) AS g(grp, rate) ON g.grp = r.occupation_group
      WHERE r.batch_id = $1 AND r.participant_id = ANY($2::uuid[]) AND NOT r.activated AND p.date_of_death IS NULL
      ORDER BY r.row_number
     ON CONFLICT (person_id) WHERE status IN ('ACTIVE', 'INACTIVE') DO NOTHING
     RETURNING id, person_id`,
    enrolmentParameters(t, t.participantIds),
  )) as { id: string; person_id: string }[];
  if (inserted.length === 0) return [];
  const ids = inserted.map((r) => r.id);
  await tx.query(`INSERT INTO participants.enrolment_status_period (enrolment_id, status, valid_from) SELECT id, 'ACTIVE', $2 FROM unnest($1::uuid[]) AS t(id)`, [
    ids,
    t.coverageFrom,
  ]);
  // People known before (enrolled earlier) take the address the city gives now; those just inserted have it already.
  await tx.query(
    `UPDATE participants.person p SET address = r.address, region_code = $3, updated_at = now()
       FROM participants.import_row r WHERE r.batch_id = $1 AND r.participant_id = ANY($2::uuid[]) AND p.nik_index = r.nik_index AND NOT (p.id = ANY($4::uuid[]))`,
    [t.batchId, ids, t.regionCode, created.map((p) => p.id)],
  );
  const fresh = (await tx.query(`SELECT id FROM participants.person WHERE id = ANY($1::uuid[]) AND kpj_number IS NULL ORDER BY id FOR UPDATE`, [
    inserted.map((r) => r.person_id),
  ])) as { id: string }[];
  if (fresh.length > 0) {
    await tx.query(`UPDATE participants.person p SET kpj_number = v.kpj FROM unnest($1::uuid[], $2::text[]) AS v(id, kpj) WHERE p.id = v.id`, [
      fresh.map((p) => p.id),
      await nextKpjNumbers(tx, fresh.length),
    ]);
  }
  return ids;
}

/** $1 … $13 of an enrolment insert: the batch, its rows (ids or row numbers), the MoU's facts, the declared income and contribution, each group's rate. */
function enrolmentParameters(t: Omit<ActivationTarget, 'participantIds'>, rows: unknown[]): unknown[] {
  // A group the MoU names no rate for (a lookup recorded before rates travelled with it) falls back to the income formula.
  const fallback = contributionForIncome(t.programs as Program[], DEFAULT_DECLARED_INCOME, t.coverageFrom).total;
  return [
    t.batchId,
    rows,
    t.municipalityId,
    t.mouId,
    t.regionCode,
    t.programs,
    t.coverageFrom,
    t.coverageTo,
    DEFAULT_DECLARED_INCOME.toString(),
    fallback.toString(),
    t.enrolledBy,
    t.groupRates.map((g) => g.group),
    t.groupRates.map((g) => g.monthlyContribution),
  ];
}

async function nextKpjNumbers(tx: Pick<EntityManager, 'query'>, count: number): Promise<string[]> {
  const numbers = (await tx.query(`SELECT nextval('participants.kpj_seq')::text AS n FROM generate_series(1, $1)`, [count])) as { n: string }[];
  return numbers.map((v) => kpjFromSequence(BigInt(v.n)));
}

/** One statement of a caller's transaction (a long one: a page of 20,000 rows may outlast the pool's read timeout). */
export type Sql = <T = Record<string, unknown>>(text: string, values: unknown[]) => Promise<T[]>;

export interface PageTarget extends Omit<ActivationTarget, 'participantIds'> {
  /** Staged rows (row numbers) granted a place; each is enrolled under importParticipantId(batch, row). */
  rows: number[];
  /** Who and why, for the one audit entry per enrolment. */
  audit: { actor: string; roles: string[]; cities: string[] | null; clientId: string | null; requestId: string | null };
}

/**
 * insertEnrolments for a page by row number (workflows from patch 'import-pages-by-row'), in four
 * statements whatever the page's size: KPJ numbers for newcomers; their persons; then one
 * statement that inserts the enrolments (ids from the row numbers), their first standing
 * periods and audit entries and marks the staged rows enrolled; and, only for people known
 * before, the address the city gives now. A person enrolled or recorded dead meanwhile is
 * skipped, not an error. Returns the row numbers enrolled.
 */
export async function enrolStagedRows(sql: Sql, t: PageTarget): Promise<number[]> {
  const participantId = importParticipantIdSql;
  if (t.rows.length === 0) return [];
  const page = `unnest($2::int[]) AS u(n) JOIN participants.import_row r ON r.batch_id = $1 AND r.row_number = u.n AND NOT r.activated`;
  // A person first seen here is enrolled here, so their KPJ number is written with the person.
  const newcomers = await sql<{ row_number: number; n: string }>(
    `SELECT row_number, nextval('participants.kpj_seq')::text AS n FROM (
       SELECT r.row_number FROM ${page} WHERE NOT EXISTS (SELECT 1 FROM participants.person p WHERE p.nik_index = r.nik_index) ORDER BY r.row_number) f`,
    [t.batchId, t.rows],
  );
  const created = new Set<string>();
  if (newcomers.length > 0) {
    const ids = await sql<{ id: string }>(
      `INSERT INTO participants.person (nik_ciphertext, nik_index, full_name, birth_date, sex, mother_maiden_name, address, region_code, kpj_number)
       SELECT r.nik_ciphertext, r.nik_index, r.full_name, r.birth_date, r.sex, r.mother_maiden_name, r.address, $3, k.kpj
         FROM unnest($2::int[], $4::text[]) AS k(n, kpj) JOIN participants.import_row r ON r.batch_id = $1 AND r.row_number = k.n AND NOT r.activated
        ORDER BY r.row_number
       ON CONFLICT (nik_index) DO NOTHING
       RETURNING id`,
      [t.batchId, newcomers.map((c) => c.row_number), t.regionCode, newcomers.map((c) => kpjFromSequence(BigInt(c.n)))],
    );
    for (const { id } of ids) created.add(id);
  }
  const enrolled = await sql<{ row_number: number; person_id: string }>(
    `WITH e AS (
       INSERT INTO participants.enrolment (id, person_id, full_name, occupation_group, municipality_id, mou_id, region_code, programs,
                                           coverage_from, coverage_to, status, declared_monthly_income, monthly_contribution, enrolled_by)
       SELECT ${participantId('r.batch_id', 'r.row_number')}, p.id, r.full_name, r.occupation_group, $3, $4, $5, $6::text[], $7, $8, 'ACTIVE', $9, COALESCE(g.rate, $10), $11
         FROM ${page} JOIN participants.person p ON p.nik_index = r.nik_index
         LEFT JOIN unnest($12::text[], $13::bigint[]) AS g(grp, rate) ON g.grp = r.occupation_group
        WHERE p.date_of_death IS NULL
        ORDER BY r.row_number
       ON CONFLICT DO NOTHING
       RETURNING id, person_id, occupation_group),
     periods AS (INSERT INTO participants.enrolment_status_period (enrolment_id, status, valid_from) SELECT id, 'ACTIVE', $7 FROM e),
     audit AS (
       INSERT INTO participants.audit_event (actor, roles, cities, client_id, request_id, action, entity_type, entity_id, region_code, before, after)
       SELECT $14, $15, $16, $17, $18, 'participant.enrol_import', 'Participant', e.id::text, $5, NULL,
              jsonb_build_object('batchId', $1::text, 'mouId', $4::text, 'occupationGroup', e.occupation_group, 'coverageFrom', $7::date, 'coverageTo', $8::date)
         FROM e),
     marked AS (
       UPDATE participants.import_row r SET activated = true, participant_id = e.id
         FROM e WHERE r.batch_id = $1 AND r.row_number = ANY($2::int[]) AND ${participantId('r.batch_id', 'r.row_number')} = e.id
       RETURNING r.row_number, e.person_id)
     SELECT row_number, person_id FROM marked`,
    [...enrolmentParameters(t, t.rows), t.audit.actor, t.audit.roles, t.audit.cities, t.audit.clientId, t.audit.requestId],
  );
  // People known before (enrolled earlier) take the address the city gives now, and a KPJ number if they have none.
  const known = enrolled.filter((e) => !created.has(e.person_id));
  if (known.length > 0) {
    await sql(
      `UPDATE participants.person p SET address = r.address, region_code = $3, updated_at = now()
         FROM unnest($2::int[], $4::uuid[]) AS k(n, person_id) JOIN participants.import_row r ON r.batch_id = $1 AND r.row_number = k.n
        WHERE p.id = k.person_id`,
      [t.batchId, known.map((k) => k.row_number), t.regionCode, known.map((k) => k.person_id)],
    );
    const fresh = await sql<{ id: string }>(`SELECT id FROM participants.person WHERE id = ANY($1::uuid[]) AND kpj_number IS NULL ORDER BY id FOR UPDATE`, [
      known.map((k) => k.person_id),
    ]);
    if (fresh.length > 0) {
      const numbers = await sql<{ n: string }>(`SELECT nextval('participants.kpj_seq')::text AS n FROM generate_series(1, $1)`, [fresh.length]);
      await sql(`UPDATE participants.person p SET kpj_number = v.kpj FROM unnest($1::uuid[], $2::text[]) AS v(id, kpj) WHERE p.id = v.id`, [
        fresh.map((p) => p.id),
        numbers.map((v) => kpjFromSequence(BigInt(v.n))),
      ]);
    }
  }
  return enrolled.map((e) => e.row_number);
}
