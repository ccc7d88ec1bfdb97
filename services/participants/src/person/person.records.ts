import type { EntityManager } from 'typeorm';
import { DomainError } from '../../../../domain/errors.js';
import { kpjFromSequence } from '../../../../domain/participants/kpj.js';
import type { Sex } from '../../../../domain/participants/occupation.js';

export interface PersonDetails {
  nikCiphertext: string;
  nikIndex: string;
  fullName: string;
  birthDate: string;
  sex: Sex;
  motherMaidenName: string;
  address: string;
  regionCode: string;
}

/**
 * The person behind a NIK, created on their first enrolment. A later enrolment keeps the identity
 * as first recorded (name, birth date, sex and mother's name come from the KTP and do not change)
 * and takes the new address and city. A person whose death is on record is not enrolled again.
 */
export async function personForEnrolment(tx: EntityManager, details: PersonDetails): Promise<{ id: string }> {
  const [person] = (await tx.query(
    `INSERT INTO participants.person (nik_ciphertext, nik_index, full_name, birth_date, sex, mother_maiden_name, address, region_code)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (nik_index) DO UPDATE SET address = EXCLUDED.address, region_code = EXCLUDED.region_code, updated_at = now()
     RETURNING id, date_of_death::text AS date_of_death`,
    [details.nikCiphertext, details.nikIndex, details.fullName, details.birthDate, details.sex, details.motherMaidenName, details.address, details.regionCode],
  )) as { id: string; date_of_death: string | null }[];
  if (person!.date_of_death !== null) {
    throw new DomainError('NOT_ELIGIBLE', `The death of this person on ${person!.date_of_death} is on record; they cannot be enrolled.`, 'nik');
  }
  return { id: person!.id };
}

/** Issues the person's KPJ number on their first activation; a person who has one keeps it. */
export async function issueKpjOnActivation(tx: EntityManager, personId: string): Promise<string> {
  const [held] = (await tx.query(`SELECT kpj_number FROM participants.person WHERE id = $1 FOR UPDATE`, [personId])) as { kpj_number: string | null }[];
  if (held?.kpj_number) return held.kpj_number;
  const [next] = (await tx.query(`SELECT nextval('participants.kpj_seq')::text AS n`)) as { n: string }[];
  const kpj = kpjFromSequence(BigInt(next!.n));
  await tx.query(`UPDATE participants.person SET kpj_number = $2, updated_at = now() WHERE id = $1`, [personId, kpj]);
  return kpj;
}
