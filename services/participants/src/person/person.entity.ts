import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { Sex } from '../../../../domain/participants/occupation.js';

/** A person: one NIK, their identity as on the KTP, a KPJ number once first activated, a date of death once known. */
@Entity({ name: 'person' })
export class PersonEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** AES-256-GCM; read through FieldCipher, never logged. */
  @Column({ name: 'nik_ciphertext', type: 'text' })
  nikCiphertext: string;

  /** HMAC of the NIK: one person per NIK, found without decrypting. */
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

  /** Region code of the city that last enrolled them (where they live, as far as we know). */
  @Column({ name: 'region_code', type: 'text' })
  regionCode: string;

  @Column({ name: 'kpj_number', type: 'text', nullable: true })
  kpjNumber: string | null;

  @Column({ name: 'date_of_death', type: 'date', nullable: true })
  dateOfDeath: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
