import { GraphQLISODateTime } from 'type-graphql';
import { Arg, Authorized, Ctx, Directive, FieldResolver, ID, Int, Mutation, ObjectType, Field, Query, Resolver, Root } from 'type-graphql';
import { DOCUMENT_TYPES } from '../../../../domain/claims/documents.js';
import type { RequestContext } from '../../../kit/src/context.js';
import { LocalDateScalar, RupiahScalar } from '../../../kit/src/scalars.js';
import type { HolidayService } from '../sla/holiday.service.js';
import type { FieldCipher } from '../../../kit/src/field-cipher.js';
import type { DocumentService } from '../document/document.service.js';
import { heirAmounts, heirsOfClaims } from '../heir/heir.records.js';
import type { InboxService } from '../inbox/inbox.service.js';
import type { ClaimEntity } from './claim.entity.js';
import { ClaimDocumentInput, ClaimInboxFilter } from './claim.inputs.js';
import type { ClaimService } from './claim.service.js';
import { Claim } from './claim.type.js';
import { ClaimDocument, ClaimEvent, ClaimHeirDetail, ClaimSla } from './claim-detail.type.js';

/** Roles that pay heirs and so see bank accounts in full. */
const SEES_ACCOUNTS = ['caseworker', 'supervisor', 'admin'];

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

@ObjectType({ description: 'A day off on the working-day calendar of SLA clocks.' })
export class ClaimHoliday {
  @Field(() => LocalDateScalar)
  day: string;

  @Field(() => String, { description: '"*" for a national day, else the city’s region code.' })
  regionCode: string;

  @Field(() => String)
  name: string;

  @Field(() => String, { description: 'PUBLIC_HOLIDAY or COLLECTIVE_LEAVE.' })
  kind: string;
}

/** Heirs, documents, SLA clocks, timeline, inbox and KPIs of claims; the document and case mutations. */
@Resolver(() => Claim)
export class ClaimDetailResolver {
  constructor(
    private readonly claims: ClaimService,
    private readonly documentService: DocumentService,
    private readonly inboxService: InboxService,
    private readonly cipher: FieldCipher,
    private readonly holidays: HolidayService,
  ) {}

  @Authorized('supervisor', 'manager', 'admin')
  @Query(() => [ClaimNotification], { description: 'SLA escalations and breaches for your role and cities, newest first.' })
  async claimNotifications(@Arg('first', () => Int, { defaultValue: 50 }) first: number, @Ctx() ctx: RequestContext): Promise<ClaimNotification[]> {
    return (await this.inboxService.notifications(ctx, first)) as unknown as ClaimNotification[];
  }

  @Authorized()
  @Query(() => [ClaimHoliday], { description: 'Days off of a year: national ones and, with regionCode, the city’s own.' })
  claimHolidays(@Arg('year', () => Int) year: number, @Arg('regionCode', () => String, { nullable: true }) regionCode: string | null): Promise<ClaimHoliday[]> {
    return this.holidays.list(year, regionCode ?? null);
  }

  @Authorized('manager', 'admin')
  @Mutation(() => [ClaimHoliday], { description: 'Adds or corrects a day off (national: admins; a city’s: its managers), or removes it. Answers the year’s days off.' })
  setClaimHoliday(
    @Arg('day', () => LocalDateScalar) day: string,
    @Arg('name', () => String) name: string,
    @Arg('kind', () => String, { defaultValue: 'PUBLIC_HOLIDAY' }) kind: string,
    @Arg('regionCode', () => String, { nullable: true }) regionCode: string | null,
    @Arg('remove', () => Boolean, { defaultValue: false }) remove: boolean,
    @Ctx() ctx: RequestContext,
  ): Promise<ClaimHoliday[]> {
    return this.holidays.set({ day, name, kind, regionCode: regionCode ?? null, remove }, ctx);
  }

  @FieldResolver(() => [ClaimHeirDetail], { description: 'Every heir with legal order, share and amount.' })
  async heirs(@Root() claim: ClaimEntity, @Ctx() ctx: RequestContext): Promise<ClaimHeirDetail[]> {
    const rows = await ctx
      .loader('heirsByClaim', async (ids: readonly string[]) => {
        const all = await heirsOfClaims(this.claims.db, ids);
        return ids.map((id) => all.filter((r) => r.claim_id === id));
      })
      .load(claim.id);
    const amounts = heirAmounts(rows);
    const full = ctx.identity.roles.some((r) => SEES_ACCOUNTS.includes(r));
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      relationship: r.relationship as ClaimHeirDetail['relationship'],
      legalOrder: r.legal_order,
      share: `${r.share_numerator}/${r.share_denominator}`,
      amount: amounts.get(r.id)!,
      phone: r.phone,
      bankName: r.bank_name,
      bankAccount: r.bank_account_enc ? (full ? this.cipher.decrypt(r.bank_account_enc) : `••••${r.bank_account_last4}`) : null,
      accountHolder: r.account_holder,
    }));
  }

  @FieldResolver(() => [ClaimDocument], { description: 'The document checklist.' })
  async documents(@Root() claim: ClaimEntity, @Ctx() ctx: RequestContext): Promise<ClaimDocument[]> {
    const rows = await ctx.loader('documentsByClaim', (ids: readonly string[]) => this.documentService.forClaims(ids)).load(claim.id);
    return rows.map((d) => ({
      type: d.type,
      label: DOCUMENT_TYPES[d.type],
      required: d.required,
      state: d.state,
      storageKey: d.storage_key,
      checksum: d.checksum,
      fileName: d.file_name,
      receivedAt: d.received_at,
      receivedBy: d.received_by,
      sizeBytes: d.size_bytes === null ? null : Number(d.size_bytes),
      contentType: d.content_type,
      downloadPath: d.content_type && d.storage_key ? `/claims/${claim.id}/documents/${d.type}` : null,
      reviewedBy: d.reviewed_by,
      rejectionReason: d.rejection_reason,
    }));
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

  @FieldResolver(() => String, { nullable: true, description: 'Id of the rule table the benefit came from, e.g. JKM/PP-82-2019.' })
  ruleVersion(@Root() claim: ClaimEntity): string | null {
    return claim.benefitRuleVersion;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'JKM scholarship entitlement with its yearly schedule (JSON), when children were named.',
    deprecationReason: 'Use scholarshipSchedule: typed, with each instalment’s status and payout.',
  })
  scholarship(@Root() claim: ClaimEntity): string | null {
    return claim.scholarship ? JSON.stringify(claim.scholarship) : null;
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

  @Authorized('caseworker', 'supervisor')
  @Mutation(() => Claim, { description: 'Records a received document by its storage key and checksum.' })
  async recordClaimDocument(
    @Arg('claimId', () => ID) claimId: string,
    @Arg('input', () => ClaimDocumentInput) input: ClaimDocumentInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ClaimEntity> {
    await this.documentService.receive(claimId, { type: input.type, storageKey: input.storageKey, checksum: input.checksum, fileName: input.fileName ?? null }, ctx);
    return this.claims.require(claimId, ctx.scope);
  }

  @Authorized('caseworker', 'supervisor')
  @Mutation(() => Claim, { description: 'Verifies a received document, or rejects it with a reason.' })
  async reviewClaimDocument(
    @Arg('claimId', () => ID) claimId: string,
    @Arg('type', () => String) type: string,
    @Arg('verified', () => Boolean) verified: boolean,
    @Arg('reason', () => String, { nullable: true }) reason: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<ClaimEntity> {
    await this.documentService.review(claimId, type, verified ? 'VERIFIED' : 'REJECTED', reason ?? null, ctx);
    return this.claims.require(claimId, ctx.scope);
  }

  @Authorized('caseworker', 'supervisor')
  @Mutation(() => Claim, { description: 'Asks the heir for more documents (the note says which).' })
  requestClaimDocuments(@Arg('claimId', () => ID) claimId: string, @Arg('note', () => String) note: string, @Ctx() ctx: RequestContext): Promise<ClaimEntity> {
    return this.claims.requestDocuments(claimId, ctx, note);
  }

  @Authorized('caseworker', 'supervisor')
  @Mutation(() => Claim, { description: 'The heir brought the requested documents: back to verification.' })
  resubmitClaimDocuments(
    @Arg('claimId', () => ID) claimId: string,
    @Arg('note', () => String, { nullable: true }) note: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<ClaimEntity> {
    return this.claims.resubmitDocuments(claimId, ctx, note ?? null);
  }

  @Authorized('caseworker', 'supervisor')
  @Mutation(() => Claim, { description: 'Cancels an open claim (withdrawn, or filed by mistake).' })
  cancelClaim(@Arg('claimId', () => ID) claimId: string, @Arg('note', () => String) note: string, @Ctx() ctx: RequestContext): Promise<ClaimEntity> {
    return this.claims.cancel(claimId, ctx, note);
  }

  @Authorized('supervisor')
  @Mutation(() => Claim, { description: 'Reopens a rejected claim with a reason; it goes back to document verification.' })
  reopenClaim(@Arg('claimId', () => ID) claimId: string, @Arg('reason', () => String) reason: string, @Ctx() ctx: RequestContext): Promise<ClaimEntity> {
    return this.claims.reopen(claimId, ctx, reason);
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
