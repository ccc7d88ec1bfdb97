import type { EntityManager } from 'typeorm';

// Where an import meets the people model: the one place that knows which table holds active
// coverage and how accepted rows become enrolments. Today that is participants.participant (one
// row per enrolment, NIK by blind index); a person/enrolment split changes these two only.

/** SQL for "this NIK (blind index expression) is actively covered anywhere", for EXISTS (…). */
export function ACTIVE_COVERAGE_SQL(nikIndexExpression: string): string {
  return `SELECT 1 FROM participants.participant p WHERE p.nik_index = ${nikIndexExpression} AND p.status = 'ACTIVE'`;
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
}

/**
 * Enrols staged rows in one statement (INSERT … SELECT from staging): a NIK that became actively
 * covered meanwhile is skipped by the one-active-enrolment index, not an error. Returns the ids enrolled.
 */
export async function insertEnrolments(tx: Pick<EntityManager, 'query'>, t: ActivationTarget): Promise<string[]> {
  const rows = (await tx.query(
    `INSERT INTO participants.participant (id, nik_ciphertext, nik_index, full_name, birth_date, sex, mother_maiden_name, address, occupation_group,
                                            municipality_id, mou_id, region_code, programs, coverage_from, coverage_to, status, enrolled_by)
     SELECT r.participant_id, r.nik_ciphertext, r.nik_index, r.full_name, r.birth_date, r.sex, r.mother_maiden_name, r.address, r.occupation_group,
            $3, $4, $5, $6::text[], $7, $8, 'ACTIVE', $9
       FROM participants.import_row r
      WHERE r.batch_id = $1 AND r.participant_id = ANY($2::uuid[]) AND NOT r.activated
      ORDER BY r.row_number
     ON CONFLICT (nik_index) WHERE status = 'ACTIVE' DO NOTHING
     RETURNING id`,
    [t.batchId, t.participantIds, t.municipalityId, t.mouId, t.regionCode, t.programs, t.coverageFrom, t.coverageTo, t.enrolledBy],
  )) as { id: string }[];
  return rows.map((r) => r.id);
}
