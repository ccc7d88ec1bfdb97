import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { OccupationGroup, ParticipantStatus, Sex } from '../../../../domain/participants/occupation.js';
import type { Program } from '../../../../domain/programs.js';

@Entity({ name: 'participant' })
export class ParticipantEntity {
  /** Chosen by the enrolment workflow, so a retried activity inserts the same row once. */
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** AES-256-GCM; read through FieldCipher, never logged. */
  @Column({ name: 'nik_ciphertext', type: 'text' })
  nikCiphertext: string;

  /** HMAC of the NIK: exact lookup and the one-active-enrolment rule without decrypting. */
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

  @Column({ name: 'occupation_group', type: 'text' })
  occupationGroup: OccupationGroup;

  @Column({ name: 'municipality_id', type: 'uuid' })
  municipalityId: string;

  @Column({ name: 'mou_id', type: 'uuid' })
  mouId: string;

  /** The city's region code, for city scoping. */
  @Column({ name: 'region_code', type: 'text' })
  regionCode: string;

  @Column({ type: 'text', array: true })
  programs: Program[];

  @Column({ name: 'coverage_from', type: 'date' })
  coverageFrom: string;

  @Column({ name: 'coverage_to', type: 'date' })
  coverageTo: string;

  @Column({ type: 'text' })
  status: ParticipantStatus;

  @Column({ name: 'enrolled_by', type: 'text' })
  enrolledBy: string;

  @CreateDateColumn({ name: 'enrolled_at', type: 'timestamptz' })
  enrolledAt: Date;
}
