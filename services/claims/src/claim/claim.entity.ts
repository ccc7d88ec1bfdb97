import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ClaimStatus } from '../../../../domain/claims/claim-status.js';
import type { HeirRelationship } from '../../../../domain/claims/heirs.js';
import type { Program } from '../../../../domain/programs.js';
import type { StoredBenefitComponent } from '../../../../workflows/claim-lifecycle/claim-lifecycle.activities.js';
import { rupiahColumn } from '../../../kit/src/columns.js';

@Entity({ name: 'claim' })
export class ClaimEntity {
  /** Chosen when the claim is filed; also the workflow id, `claim/<id>`. */
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'text' })
  number: string;

  @Column({ name: 'participant_id', type: 'uuid' })
  participantId: string;

  @Column({ name: 'municipality_id', type: 'uuid' })
  municipalityId: string;

  /** The city's region code, for city scoping. */
  @Column({ name: 'region_code', type: 'text' })
  regionCode: string;

  @Column({ type: 'text' })
  program: Program;

  @Column({ name: 'incident_date', type: 'date' })
  incidentDate: string;

  @Column({ type: 'text' })
  status: ClaimStatus;

  @Column({ name: 'heir_name', type: 'text' })
  heirName: string;

  @Column({ name: 'heir_relationship', type: 'text' })
  heirRelationship: HeirRelationship;

  @Column({ name: 'heir_phone', type: 'text', nullable: true })
  heirPhone: string | null;

  @Column({ name: 'benefit_regulation', type: 'text' })
  benefitRegulation: string;

  @Column({ name: 'benefit_components', type: 'jsonb' })
  benefitComponents: StoredBenefitComponent[];

  @Column({ name: 'benefit_total', type: 'bigint', transformer: rupiahColumn })
  benefitTotal: bigint;

  @Column({ name: 'submitted_by', type: 'text' })
  submittedBy: string;

  @Column({ name: 'verified_by', type: 'text', nullable: true })
  verifiedBy: string | null;

  @Column({ name: 'approved_by', type: 'text', nullable: true })
  approvedBy: string | null;

  @Column({ name: 'rejected_by', type: 'text', nullable: true })
  rejectedBy: string | null;

  @Column({ name: 'rejection_reason', type: 'text', nullable: true })
  rejectionReason: string | null;

  @Column({ name: 'rejection_note', type: 'text', nullable: true })
  rejectionNote: string | null;

  @Column({ name: 'submitted_at', type: 'timestamptz' })
  submittedAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'integer' })
  version: number;

  @Column({ name: 'benefit_rule_version', type: 'text', nullable: true })
  benefitRuleVersion: string | null;

  @Column({ name: 'scholarship', type: 'jsonb', nullable: true })
  scholarship: Record<string, unknown> | null;

  @Column({ name: 'assignee', type: 'text', nullable: true })
  assignee: string | null;

  @Column({ name: 'paid_at', type: 'timestamptz', nullable: true })
  paidAt: Date | null;
}
