import { Arg, Authorized, Ctx, Field, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { OccupationGroup } from '../../../../domain/participants/occupation.js';
import type { MouStatus } from '../../../../domain/mou/mou-status.js';
import type { RequestContext } from '../../../kit/src/context.js';
import { LocalDateScalar, RupiahScalar } from '../../../kit/src/scalars.js';
import type { MouReports } from './mou.reports.js';
import { Mou, MouStatusEnum, OccupationGroupEnum } from './mou.type.js';

@ObjectType()
export class ExpiringMou {
  @Field(() => Mou)
  mou: Mou;

  @Field(() => Int, { description: 'Days from the city’s today to validTo.' })
  daysLeft: number;
}

@ObjectType()
export class RenewalPipelineStage {
  @Field(() => MouStatusEnum)
  status: MouStatus;

  @Field(() => Int)
  count: number;

  @Field(() => [Mou], { description: 'Soonest-ending first.' })
  mous: Mou[];
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

@ObjectType()
export class GroupQuotaUse {
  @Field(() => OccupationGroupEnum)
  group: OccupationGroup;

  @Field(() => Int)
  quota: number;

  @Field(() => Int)
  used: number;

  @Field(() => Int)
  remaining: number;
}

@ObjectType({ description: 'Places held now against the quota in force today.' })
export class QuotaUseReport {
  @Field(() => Int)
  quota: number;

  @Field(() => Int)
  used: number;

  @Field(() => Int)
  remaining: number;

  @Field(() => [GroupQuotaUse])
  groups: GroupQuotaUse[];
}

@Resolver()
export class MouReportsResolver {
  constructor(private readonly reports: MouReports) {}

  @Authorized('manager', 'admin')
  @Query(() => [ExpiringMou], { description: 'MoUs not yet renewed that end within `days` of today, soonest first; one city or all of yours.' })
  mousExpiringWithin(
    @Arg('days', () => Int) days: number,
    @Arg('municipalityId', () => ID, { nullable: true }) municipalityId: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<ExpiringMou[]> {
    return this.reports.expiringWithin(days, municipalityId ?? null, ctx.scope);
  }

  @Authorized('manager', 'admin')
  @Query(() => [RenewalPipelineStage], { description: 'Your MoUs by lifecycle status.' })
  mouRenewalPipeline(@Arg('municipalityId', () => ID, { nullable: true }) municipalityId: string | null, @Ctx() ctx: RequestContext): Promise<RenewalPipelineStage[]> {
    return this.reports.renewalPipeline(municipalityId ?? null, ctx.scope);
  }

  @Authorized('manager', 'admin')
  @Query(() => [BudgetUtilisationLine], { description: 'Budget use per fiscal-year line, with the projected run-out date.' })
  async mouBudgetUtilisation(@Arg('mouId', () => ID) mouId: string, @Ctx() ctx: RequestContext): Promise<BudgetUtilisationLine[]> {
    return (await this.reports.budgetUtilisation(mouId, ctx.scope)).map((line) => ({ ...line, remaining: line.remaining.toString() }));
  }

  @Authorized('city_operator', 'manager', 'admin')
  @Query(() => QuotaUseReport, { description: 'Places held now, in total and per occupation group.' })
  mouQuotaUse(@Arg('mouId', () => ID) mouId: string, @Ctx() ctx: RequestContext): Promise<QuotaUseReport> {
    return this.reports.quotaUse(mouId, ctx.scope);
  }
}
