import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { RupiahScalar } from '../../../kit/src/scalars.js';

// Owned by the claims subgraph (claimKpis); this subgraph adds what billing knows of the same
// city and year.
@ObjectType()
@Directive('@key(fields: "regionCode year program")')
export class ClaimKpi {
  @Field(() => String)
  regionCode: string;

  @Field(() => Int)
  year: number;

  @Field(() => String)
  program: string;

  // Owned by claims; read here only where `lossRatio` requires it.
  @Field(() => RupiahScalar)
  @Directive('@external')
  paidAmount?: bigint | string;
}
