import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { GraphQLISODateTime } from 'type-graphql';
import { CLAIM_STATUSES, type ClaimStatus } from '../../../../domain/claims/claim-status.js';
import { HEIR_RELATIONSHIP_CODES, type HeirRelationship } from '../../../../domain/claims/heirs.js';
import type { Program } from '../../../../domain/programs.js';
import { enumFromList, ProgramEnum } from '../../../kit/src/graphql-enums.js';
import { LocalDateScalar, RupiahScalar } from '../../../kit/src/scalars.js';

export const ClaimStatusEnum = enumFromList(CLAIM_STATUSES, 'ClaimStatus', 'Where a claim is between filing and payout.');
export const HeirRelationshipEnum = enumFromList(HEIR_RELATIONSHIP_CODES, 'HeirRelationship', 'How the heir is related to the deceased; sets their rank.');

@ObjectType({ description: 'Who receives the benefit.' })
export class ClaimHeir {
  @Field(() => String)
  name: string;

  @Field(() => HeirRelationshipEnum)
  relationship: HeirRelationship;

  @Field(() => String, { nullable: true })
  phone: string | null;
}

@ObjectType()
export class BenefitComponent {
  @Field(() => String, { description: 'LUMP_SUM, PERIODIC or FUNERAL.' })
  code: string;

  @Field(() => String)
  label: string;

  @Field(() => RupiahScalar)
  amount: bigint;
}

@ObjectType({ description: 'What the claim pays, from the benefit table in force on the incident date.' })
export class Benefit {
  @Field(() => String, { description: 'The regulation the amounts come from.' })
  regulation: string;

  @Field(() => [BenefitComponent])
  components: BenefitComponent[];

  @Field(() => RupiahScalar)
  total: bigint;
}

@ObjectType()
export class Rejection {
  @Field(() => String)
  reasonCode: string;

  @Field(() => String)
  reason: string;

  @Field(() => String, { nullable: true })
  note: string | null;

  @Field(() => String)
  rejectedBy: string;
}

@ObjectType({ description: 'Money sent for a claim.' })
export class Payout {
  @Field(() => String, { description: 'Transfer reference, e.g. PAY/JKM/2026/000001/1.' })
  reference: string;

  @Field(() => Int)
  instalment: number;

  @Field(() => RupiahScalar)
  amount: bigint;

  @Field(() => GraphQLISODateTime)
  paidAt: Date;
}

@ObjectType({ description: 'A JKM (death) or JKK (work accident) claim.' })
@Directive('@key(fields: "id")')
export class Claim {
  @Field(() => ID)
  id: string;

  @Field(() => String, { description: 'Human reference, e.g. JKM/2026/000001.' })
  number: string;

  @Field(() => ID)
  participantId: string;

  @Field(() => ID)
  municipalityId: string;

  @Field(() => ProgramEnum)
  program: Program;

  @Field(() => LocalDateScalar)
  incidentDate: string;

  @Field(() => ClaimStatusEnum)
  status: ClaimStatus;

  @Field(() => ClaimHeir)
  heir: ClaimHeir;

  @Field(() => Benefit)
  benefit: Benefit;

  @Field(() => String)
  submittedBy: string;

  @Field(() => String, { nullable: true })
  verifiedBy: string | null;

  @Field(() => String, { nullable: true })
  approvedBy: string | null;

  @Field(() => Rejection, { nullable: true })
  rejection: Rejection | null;

  @Field(() => GraphQLISODateTime)
  submittedAt: Date;

  @Field(() => GraphQLISODateTime)
  updatedAt: Date;
}
