import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'municipality' })
export class MunicipalityEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Kemendagri region code, e.g. '18.72' for Kota Metro. */
  @Column({ type: 'text', unique: true })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  province: string;

  /** IANA zone: deadlines and "today" are the city's local date. */
  @Column({ name: 'time_zone', type: 'text' })
  timeZone: string;

  /** Informal workers in the city: the denominator of coverage %; null until known. */
  @Column({ name: 'informal_workforce', type: 'integer', nullable: true })
  informalWorkforce: number | null;

  @Column({ name: 'workforce_year', type: 'integer', nullable: true })
  workforceYear: number | null;

  @Column({ name: 'workforce_source', type: 'text', nullable: true })
  workforceSource: string | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
