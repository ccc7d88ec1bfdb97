import { GraphQLISODateTime } from 'type-graphql';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { RupiahScalar } from '../../../kit/src/scalars.js';
import type { ClaimEntity } from '../claim/claim.entity.js';
import { Claim } from '../claim/claim.type.js';

@ObjectType()
export class ClaimInboxPage {
  @Field(() => [Claim])
  items: ClaimEntity[];

  @Field(() => String, { nullable: true })
  endCursor: string | null;

  @Field(() => Boolean)
  hasNextPage: boolean;

  /** The inbox's city filter, for its claim leads (lead/lead.resolver.ts). */
  leadRegion?: string | null;
}

// An entity so participants can add what it knows of the same city and year: contributions
// billed, and with them the loss ratio (it requires paidAmount).
@ObjectType({ description: 'Claims KPIs of one city and program in one year.' })
@Directive('@key(fields: "regionCode year program")')
export class ClaimKpi {
  @Field(() => String)
  regionCode: string;

  @Field(() => Int)
  year: number;

  @Field(() => ID)
  municipalityId: string;

  @Field(() => String)
  program: string;

  @Field(() => Int, { description: 'Claims paid in the year.' })
  paidCount: number;

  @Field(() => RupiahScalar)
  paidAmount: bigint;

  @Field(() => Number, { nullable: true, description: 'Days from filing to payment, median.' })
  timeToPayDaysP50: number | null;

  @Field(() => Number, { nullable: true, description: 'Days from filing to payment, 95th percentile.' })
  timeToPayDaysP95: number | null;

  @Field(() => Int)
  openCount: number;

  @Field(() => Int, { description: 'Payment clocks due in the year that were missed (or are overdue now).' })
  slaBreaches: number;
}

@ObjectType({ description: 'A claims notification: an SLA escalation (SLA_AT_RISK) or breach (SLA_BREACHED).' })
export class ClaimNotification {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  regionCode: string;

  @Field(() => String)
  recipientRole: string;

  @Field(() => ID, { nullable: true })
  claimId: string | null;

  @Field(() => String)
  kind: string;

  @Field(() => String)
  message: string;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;
}
