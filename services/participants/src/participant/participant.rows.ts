import type { SqlRow } from '../../../kit/src/sql-row.js';
import type { ParticipantEntity } from './participant.entity.js';
import { Participant } from './participant.type.js';

/** Every column of the view `participants.participant` a ParticipantEntity holds, for plain-SQL reads (alias `p`). */
export const PARTICIPANT_COLUMNS = `p.id, p.person_id, p.nik_ciphertext, p.nik_index, p.full_name, p.birth_date, p.sex, p.mother_maiden_name,
  p.address, p.kpj_number, p.date_of_death, p.occupation_group, p.municipality_id, p.mou_id, p.region_code, p.programs,
  p.coverage_from, p.coverage_to, p.status, p.end_reason, p.end_note, p.declared_monthly_income::text AS declared_monthly_income,
  p.monthly_contribution::text AS monthly_contribution, p.predecessor_id, p.enrolled_by, p.enrolled_at`;

/**
 * A ParticipantEntity from a PARTICIPANT_COLUMNS row, without TypeORM's hydration. Made with the
 * GraphQL `Participant` prototype: type-graphql passes such an object to the field resolvers (nik,
 * person, …) as it is, where it copies anything else into a new `Participant` once per field and row.
 */
export function participantFromRow(row: SqlRow): ParticipantEntity {
  const participant: ParticipantEntity = Object.create(Participant.prototype);
  participant.id = row['id'];
  participant.personId = row['person_id'];
  participant.nikCiphertext = row['nik_ciphertext'];
  participant.nikIndex = row['nik_index'];
  participant.fullName = row['full_name'];
  participant.birthDate = row['birth_date'];
  participant.sex = row['sex'];
  participant.motherMaidenName = row['mother_maiden_name'];
  participant.address = row['address'];
  participant.kpjNumber = row['kpj_number'];
  participant.dateOfDeath = row['date_of_death'];
  participant.occupationGroup = row['occupation_group'];
  participant.municipalityId = row['municipality_id'];
  participant.mouId = row['mou_id'];
  participant.regionCode = row['region_code'];
  participant.programs = row['programs'];
  participant.coverageFrom = row['coverage_from'];
  participant.coverageTo = row['coverage_to'];
  participant.status = row['status'];
  participant.endReason = row['end_reason'];
  participant.endNote = row['end_note'];
  participant.declaredMonthlyIncome = BigInt(row['declared_monthly_income']);
  participant.monthlyContribution = BigInt(row['monthly_contribution']);
  participant.predecessorId = row['predecessor_id'];
  participant.enrolledBy = row['enrolled_by'];
  participant.enrolledAt = row['enrolled_at'];
  return participant;
}
