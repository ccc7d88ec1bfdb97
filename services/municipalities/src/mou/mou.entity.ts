import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { MouStatus } from '../../../../domain/mou/mou-status.js';
import type { Program } from '../../../../domain/programs.js';
import { rupiahColumn } from '../../../kit/src/columns.js';

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

  @Column({ name: 'valid_to', type: 'date' })
  validTo: string;

  @Column({ type: 'text' })
  status: MouStatus;

  @Column({ type: 'bigint', transformer: rupiahColumn })
  budget: bigint;

  @Column({ type: 'integer' })
  quota: number;

  @Column({ type: 'text', array: true })
  programs: Program[];

  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;

  @Column({ name: 'activated_by', type: 'text', nullable: true })
  activatedBy: string | null;

  @Column({ name: 'activated_at', type: 'timestamptz', nullable: true })
  activatedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
