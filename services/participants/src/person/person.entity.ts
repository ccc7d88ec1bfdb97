import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { PersonIdentityColumns } from './person-identity.columns.js';

/** A person: one NIK, their identity as on the KTP, a KPJ number once first activated, a date of death once known. */
@Entity({ name: 'person' })
export class PersonEntity extends PersonIdentityColumns {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** Region code of the city that last enrolled them (where they live, as far as we know). */
  @Column({ name: 'region_code', type: 'text' })
  regionCode: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
