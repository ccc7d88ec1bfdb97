import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { rupiahColumn } from '../../../kit/src/columns.js';

/** Money sent for a claim. (claim, instalment) and the idempotency key are unique: paid once. */
@Entity({ name: 'payout' })
export class PayoutEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'claim_id', type: 'uuid' })
  claimId: string;

  @Column({ type: 'integer' })
  instalment: number;

  @Column({ type: 'bigint', transformer: rupiahColumn })
  amount: bigint;

  @Column({ name: 'idempotency_key', type: 'text' })
  idempotencyKey: string;

  @Column({ type: 'text' })
  reference: string;

  @Column({ name: 'paid_at', type: 'timestamptz' })
  paidAt: Date;
}
