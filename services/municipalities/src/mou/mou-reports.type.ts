import { Field, Int, ObjectType } from 'type-graphql';
import type { OccupationGroup } from '../../../../domain/participants/occupation.js';
import type { MouStatus } from '../../../../domain/mou/mou-status.js';
import { LocalDateScalar, RupiahScalar } from '../../../kit/src/scalars.js';
import { Mou, MouStatusEnum, OccupationGroupEnum } from './mou.type.js';

@ObjectType()
export class ExpiringMou {
  @Field(() => Mou)
  mou: Mou;

  @Field(() => Int, { description: 'Days from the city’s today to validTo.' })
  daysLeft: number;
}

@ObjectType({ description: 'Where a keyset page ends.' })
export class MouPageInfo {
  @Field(() => String, { nullable: true, description: 'Pass as `after` to get the next page.' })
  endCursor: string | null;

  @Field(() => Boolean)
  hasNextPage: boolean;
}

@ObjectType({ description: 'A page of MoUs ending within the days asked for, soonest first.' })
export class ExpiringMouPage {
  @Field(() => [ExpiringMou])
  nodes: ExpiringMou[];

  @Field(() => MouPageInfo)
  pageInfo: MouPageInfo;
}

@ObjectType({ description: 'A page of MoUs, soonest-ending first.' })
export class MouPage {
  @Field(() => [Mou])
  nodes: Mou[];

  @Field(() => MouPageInfo)
  pageInfo: MouPageInfo;
}

@ObjectType()
export class RenewalPipelineStage {
  @Field(() => MouStatusEnum)
  status: MouStatus;

  @Field(() => Int)
  count: number;

  /** The city asked about (null: all of the caller's); the stage's `mous` page is read with it. */
  municipalityId: string | null;
}

@ObjectType({ description: 'One APBD fiscal-year line against what the enrolments under the MoU cost.' })
export class BudgetUtilisationLine {
  @Field(() => Int)
  fiscalYear: number;

  @Field(() => RupiahScalar)
  budget: bigint;

  @Field(() => RupiahScalar, { description: 'Owed for this fiscal year’s months up to and including the current one.' })
  spentToDate: bigint;

  @Field(() => RupiahScalar, { description: 'Owed for the whole fiscal year if every current enrolment runs to the end of the term.' })
  committed: bigint;

  @Field(() => String, { description: 'budget − committed, rupiah as digits (negative when overcommitted).' })
  remaining: string;

  @Field(() => RupiahScalar, { description: 'What one month costs at today’s enrolment and rates.' })
  monthlyBurn: bigint;

  @Field(() => Int, { description: 'committed ÷ budget in basis points (10000 = 100%).' })
  utilisationBasisPoints: number;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'First day of the first month the line cannot pay in full at the current enrolment and rate; null if it lasts the year.',
  })
  projectedRunOut: string | null;
}

/** Places against a quota: the fields a whole MoU and each of its groups share (never used as a field type, so not in the schema). */
@ObjectType()
class PlacesUse {
  @Field(() => Int)
  quota: number;

  @Field(() => Int)
  used: number;

  @Field(() => Int)
  remaining: number;
}

@ObjectType()
export class GroupQuotaUse extends PlacesUse {
  @Field(() => OccupationGroupEnum)
  group: OccupationGroup;
}

@ObjectType({ description: 'Places held now against the quota in force today.' })
export class QuotaUseReport extends PlacesUse {
  @Field(() => [GroupQuotaUse])
  groups: GroupQuotaUse[];
}
