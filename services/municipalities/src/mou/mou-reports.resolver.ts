import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { MAX_PAGE_SIZE } from '../../../../domain/pages.js';
import type { RequestContext } from '../../../kit/src/context.js';
import { BudgetUtilisationLine, ExpiringMouPage, MouPage, QuotaUseReport, RenewalPipelineStage } from './mou-reports.type.js';
import { DEFAULT_MOU_PAGE_SIZE } from './mou.pages.js';
import type { MouReports } from './mou.reports.js';

const pageSize = { defaultValue: DEFAULT_MOU_PAGE_SIZE, description: `At most ${MAX_PAGE_SIZE}.` };
const cursor = { nullable: true, description: 'The endCursor of the page before.' };

@Resolver()
export class MouReportsResolver {
  constructor(private readonly reports: MouReports) {}

  @Authorized('manager', 'admin')
  @Query(() => ExpiringMouPage, { description: 'MoUs not yet renewed that end within `days` of today, soonest first; one city or all of yours. Keyset pages.' })
  mousExpiringWithin(
    @Arg('days', () => Int) days: number,
    @Arg('municipalityId', () => ID, { nullable: true }) municipalityId: string | null,
    @Arg('first', () => Int, pageSize) first: number,
    @Arg('after', () => String, cursor) after: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<ExpiringMouPage> {
    return this.reports.expiringWithin(days, municipalityId ?? null, { first, after: after ?? null }, ctx.scope);
  }

  @Authorized('manager', 'admin')
  @Query(() => [RenewalPipelineStage], { description: 'Your MoUs by lifecycle status: how many, and a page of each.' })
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

@Resolver(() => RenewalPipelineStage)
export class RenewalPipelineStageResolver {
  constructor(private readonly reports: MouReports) {}

  @FieldResolver(() => MouPage, { description: 'This stage’s MoUs, soonest-ending first. Keyset pages.' })
  mous(
    @Root() stage: RenewalPipelineStage,
    @Arg('first', () => Int, pageSize) first: number,
    @Arg('after', () => String, cursor) after: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<MouPage> {
    return this.reports.pipelineStage(stage.status, stage.municipalityId, { first, after: after ?? null }, ctx.scope);
  }
}
