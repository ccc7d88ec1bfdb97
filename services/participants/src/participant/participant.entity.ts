import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { EndReason } from '../../../../domain/participants/enrolment-status.js';
import type { OccupationGroup, ParticipantStatus } from '../../../../domain/participants/occupation.js';
import type { Program } from '../../../../domain/programs.js';
import { PersonIdentityColumns } from '../person/person-identity.columns.js';

/**
 * A participant is one enrolment of one person, read through the view `participants.participant`
 * (enrolment joined with person; migration 1765100000000). Read only: enrolments and people are
 * written by the records classes with SQL. The person's own columns come from PersonIdentityColumns.
 */
@Entity({ name: 'participant' })
export class ParticipantEntity extends PersonIdentityColumns {
  /** The enrolment id; chosen by the enrolment workflow, so a retried activity inserts the same row once. */
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

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

  @Column({ name: 'end_reason', type: 'text', nullable: true })
  endReason: EndReason | null;

  @Column({ name: 'end_note', type: 'text', nullable: true })
  endNote: string | null;

  /** Rupiah, the BPU income basis. */
  @Column({ name: 'declared_monthly_income', type: 'bigint', transformer: { from: (v: string) => BigInt(v), to: (v: bigint) => v } })
  declaredMonthlyIncome: bigint;

  /** Rupiah a month, implied by the declared income and the MoU's programs. */
  @Column({ name: 'monthly_contribution', type: 'bigint', transformer: { from: (v: string) => BigInt(v), to: (v: bigint) => v } })
  monthlyContribution: bigint;

  /** The enrolment under the predecessor MoU this one continues (renewal). */
  @Column({ name: 'predecessor_id', type: 'uuid', nullable: true })
  predecessorId: string | null;

  @Column({ name: 'enrolled_by', type: 'text' })
  enrolledBy: string;

  @CreateDateColumn({ name: 'enrolled_at', type: 'timestamptz' })
  enrolledAt: Date;
}
