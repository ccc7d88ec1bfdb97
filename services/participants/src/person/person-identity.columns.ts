import { Column } from 'typeorm';
import type { Sex } from '../../../../domain/participants/occupation.js';

/**
 * The columns that say who a person is, as the table `person` holds them and the view
 * `participants.participant` repeats them beside each enrolment. Not an entity itself: both
 * entities extend it, so the two cannot drift apart.
 */
export abstract class PersonIdentityColumns {
  /** AES-256-GCM; read through FieldCipher, never logged. */
  @Column({ name: 'nik_ciphertext', type: 'text' })
  nikCiphertext: string;

  /** HMAC of the NIK: one person per NIK and the one-active-enrolment rule, found without decrypting. */
  @Column({ name: 'nik_index', type: 'text' })
  nikIndex: string;

  @Column({ name: 'full_name', type: 'text' })
  fullName: string;

  @Column({ name: 'birth_date', type: 'date' })
  birthDate: string;

  @Column({ type: 'text' })
  sex: Sex;

  @Column({ name: 'mother_maiden_name', type: 'text' })
  motherMaidenName: string;

  @Column({ type: 'text' })
  address: string;

  @Column({ name: 'kpj_number', type: 'text', nullable: true })
  kpjNumber: string | null;

  @Column({ name: 'date_of_death', type: 'date', nullable: true })
  dateOfDeath: string | null;
}
