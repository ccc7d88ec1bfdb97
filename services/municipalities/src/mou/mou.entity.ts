import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { MouStatus } from '../../../../domain/mou/mou-status.js';
import type { Program } from '../../../../domain/programs.js';
// Registers the parser that keeps `date` columns as 'YYYY-MM-DD' strings (raw queries read them too).
import '../../../kit/src/columns.js';

@Entity({ name: 'mou' })
export class MouEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Human reference read out on the phone, e.g. MOU/1872/2026/0001. */
  @Column({ type: 'text', unique: true })
  number: string;

  @Column({ name: 'municipality_id', type: 'uuid' })
  municipalityId: string;

  /** The city's region code, copied for city scoping. */
  @Column({ name: 'region_code', type: 'text' })
  regionCode: string;

  @Column({ name: 'city_signatory', type: 'text' })
  citySignatory: string;

  @Column({ name: 'bpjs_office', type: 'text' })
  bpjsOffice: string;

  @Column({ name: 'valid_from', type: 'date' })
  validFrom: string;

  /** End of the term as the latest terms version says (an addendum may extend it). */
  @Column({ name: 'valid_to', type: 'date' })
  validTo: string;

  @Column({ type: 'text' })
  status: MouStatus;

  @Column({ type: 'text', array: true })
  programs: Program[];

  @Column({ name: 'bpjs_signatory', type: 'text' })
  bpjsSignatory: string;

  /** The city also pays JHT (old-age savings); priced into the group rates. */
  @Column({ type: 'boolean' })
  jht: boolean;

  @Column({ name: 'reminder_offsets_days', type: 'integer', array: true })
  reminderOffsetsDays: number[];

  @Column({ name: 'escalation_days_before', type: 'integer' })
  escalationDaysBefore: number;

  /** The MoU this one renews. */
  @Column({ name: 'predecessor_id', type: 'uuid', nullable: true })
  predecessorId: string | null;

  /** Places held right now across every group (the counter the quota guard updates). */
  @Column({ name: 'places_used', type: 'integer' })
  placesUsed: number;

  /** The latest terms version (original = 1, then one per addendum). */
  @Column({ name: 'terms_version', type: 'integer' })
  termsVersion: number;

  @Column({ name: 'termination_reason', type: 'text', nullable: true })
  terminationReason: string | null;

  /** The local date the MoU stopped funding coverage (expiry, end of a renewed term, termination). */
  @Column({ name: 'ended_on', type: 'date', nullable: true })
  endedOn: string | null;

  @Column({ name: 'status_changed_at', type: 'timestamptz' })
  statusChangedAt: Date;

  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;

  @Column({ name: 'activated_by', type: 'text', nullable: true })
  activatedBy: string | null;

  @Column({ name: 'activated_at', type: 'timestamptz', nullable: true })
  activatedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
