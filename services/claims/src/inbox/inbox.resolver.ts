import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../kit/src/context.js';
import type { ClaimEntity } from '../claim/claim.entity.js';
import { ClaimInboxFilter } from '../claim/claim.inputs.js';
import type { ClaimService } from '../claim/claim.service.js';
import { Claim } from '../claim/claim.type.js';
import { ClaimEvent, ClaimSla } from '../claim/claim-detail.type.js';
import type { InboxService } from './inbox.service.js';
import { ClaimInboxPage, ClaimKpi, ClaimNotification } from './inbox.type.js';

/** The caseworkers' inbox and the managers' reads: SLA clocks, timelines, KPIs, notifications; assigning cases. */
@Resolver(() => Claim)
export class ClaimInboxResolver {
  constructor(
    private readonly claims: ClaimService,
    private readonly inboxService: InboxService,
  ) {}

  @Authorized('supervisor', 'manager', 'admin')
  @Query(() => [ClaimNotification], { description: 'SLA escalations and breaches for your role and cities, newest first.' })
  async claimNotifications(@Arg('first', () => Int, { defaultValue: 50 }) first: number, @Ctx() ctx: RequestContext): Promise<ClaimNotification[]> {
    return (await this.inboxService.notifications(ctx, first)) as unknown as ClaimNotification[];
  }

  @FieldResolver(() => [ClaimSla], { description: 'Service-level clocks (payment within 3 working days of complete documents for JKM).' })
  sla(@Root() claim: ClaimEntity, @Ctx() ctx: RequestContext): Promise<ClaimSla[]> {
    return ctx.loader('slaByClaim', (ids: readonly string[]) => this.inboxService.slaClocks(ids)).load(claim.id) as unknown as Promise<ClaimSla[]>;
  }

  @FieldResolver(() => [ClaimEvent], { description: 'Every event of the claim, oldest first, with actor and time.' })
  timeline(@Root() claim: ClaimEntity, @Ctx() ctx: RequestContext): Promise<ClaimEvent[]> {
    return ctx.loader('timelineByClaim', (ids: readonly string[]) => this.inboxService.timelines(ids)).load(claim.id) as unknown as Promise<ClaimEvent[]>;
  }

  @FieldResolver(() => String, { nullable: true, description: 'The caseworker the case is assigned to.' })
  assignee(@Root() claim: ClaimEntity): string | null {
    return claim.assignee;
  }

  @Authorized('caseworker', 'supervisor', 'manager', 'admin')
  @Query(() => ClaimInboxPage, { description: 'Claims of your cities, oldest first (keyset pages).' })
  claimInbox(
    @Arg('filter', () => ClaimInboxFilter, { nullable: true }) filter: ClaimInboxFilter | null,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<ClaimInboxPage> {
    return this.inboxService.inbox(filter ?? {}, first, after ?? null, ctx.scope).then((page) => ({ ...page, leadRegion: filter?.regionCode ?? null }));
  }

  @Authorized('supervisor', 'manager', 'admin')
  @Query(() => [ClaimKpi], { description: 'Per city and program: paid claims, time to pay, SLA breaches (and, from participants, the loss ratio).' })
  async claimKpis(@Arg('year', () => Int) year: number, @Ctx() ctx: RequestContext): Promise<ClaimKpi[]> {
    const rows = await this.inboxService.kpis(year, ctx.scope);
    return rows.map((r) => ({ ...(r as unknown as ClaimKpi), year, paidAmount: BigInt(r.paidAmount as string) }));
  }

  @Authorized('caseworker')
  @Mutation(() => Claim, { description: 'Takes an unassigned case (assigns it to yourself).' })
  async takeClaim(@Arg('claimId', () => ID) claimId: string, @Ctx() ctx: RequestContext): Promise<ClaimEntity> {
    await this.inboxService.assign(claimId, ctx.identity.subject, ctx, true);
    return this.claims.require(claimId, ctx.scope);
  }

  @Authorized('supervisor')
  @Mutation(() => Claim, { description: 'Assigns a case to a caseworker (null: unassigned).' })
  async assignClaim(
    @Arg('claimId', () => ID) claimId: string,
    @Arg('assignee', () => String, { nullable: true }) assignee: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<ClaimEntity> {
    await this.inboxService.assign(claimId, assignee?.trim() || null, ctx, false);
    return this.claims.require(claimId, ctx.scope);
  }
}
