import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { rejectionReasonLabel, type RejectionReasonCode } from '../../../../domain/claims/claim-status.js';
import type { RequestContext } from '../../../kit/src/context.js';
import type { ReferenceResolvers } from '../../../kit/src/subgraph-schema.js';
import { Participant } from '../federation/participant.type.js';
import type { PayoutService } from '../payout/payout.service.js';
import type { ClaimEntity } from './claim.entity.js';
import { SubmitClaimInput } from './claim.inputs.js';
import type { ClaimService } from './claim.service.js';
import { Benefit, Claim, ClaimHeir, Payout, Rejection } from './claim.type.js';

@Resolver(() => Claim)
export class ClaimResolver {
  constructor(
    private readonly claims: ClaimService,
    private readonly payoutService: PayoutService,
  ) {}

  @Authorized()
  @Query(() => Claim, { nullable: true, description: 'A claim by id (null outside your cities).' })
  claim(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<ClaimEntity | null> {
    return claimLoader(ctx, this.claims).load(id);
  }

  @Authorized('caseworker', 'supervisor')
  @Mutation(() => Claim, { description: 'Files a claim for an heir. Refused unless the participant was covered on the incident date.' })
  submitClaim(@Arg('input', () => SubmitClaimInput) input: SubmitClaimInput, @Ctx() ctx: RequestContext): Promise<ClaimEntity> {
    return this.claims.submit(input, ctx);
  }

  @Authorized('caseworker', 'supervisor')
  @Mutation(() => Claim, { description: 'Confirms the documents are complete and valid; the claim then awaits approval.' })
  verifyClaimDocuments(
    @Arg('claimId', () => ID) claimId: string,
    @Arg('note', () => String, { nullable: true }) note: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<ClaimEntity> {
    return this.claims.verifyDocuments(claimId, ctx, note ?? null);
  }

  @Authorized('caseworker', 'supervisor')
  @Mutation(() => Claim, { description: 'Approves a verified claim for payout. Needs a person who neither filed nor verified it.' })
  approveClaim(@Arg('claimId', () => ID) claimId: string, @Arg('note', () => String, { nullable: true }) note: string | null, @Ctx() ctx: RequestContext): Promise<ClaimEntity> {
    return this.claims.approve(claimId, ctx, note ?? null);
  }

  @Authorized('caseworker', 'supervisor')
  @Mutation(() => Claim, { description: 'Rejects an open claim with a reason code (see REJECTION_REASONS).' })
  rejectClaim(
    @Arg('claimId', () => ID) claimId: string,
    @Arg('reasonCode', () => String) reasonCode: string,
    @Arg('note', () => String, { nullable: true }) note: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<ClaimEntity> {
    return this.claims.reject(claimId, ctx, reasonCode, note ?? null);
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

  @FieldResolver(() => ClaimHeir)
  heir(@Root() claim: ClaimEntity): ClaimHeir {
    return { name: claim.heirName, relationship: claim.heirRelationship, phone: claim.heirPhone };
  }

  @FieldResolver(() => Benefit)
  benefit(@Root() claim: ClaimEntity): Benefit {
    return {
      regulation: claim.benefitRegulation,
      components: claim.benefitComponents.map((c) => ({ code: c.code, label: c.label, amount: BigInt(c.amount) })),
      total: claim.benefitTotal,
    };
  }

  @FieldResolver(() => Rejection, { nullable: true })
  rejection(@Root() claim: ClaimEntity): Rejection | null {
    if (!claim.rejectionReason || !claim.rejectedBy) return null;
    return {
      reasonCode: claim.rejectionReason,
      reason: rejectionReasonLabel(claim.rejectionReason as RejectionReasonCode),
      note: claim.rejectionNote,
      rejectedBy: claim.rejectedBy,
    };
  }

  @FieldResolver(() => [Payout])
  payouts(@Root() claim: ClaimEntity, @Ctx() ctx: RequestContext): Promise<Payout[]> {
    return ctx.loader('payoutsByClaim', (ids: readonly string[]) => this.payoutService.forClaims(ids)).load(claim.id);
  }

  @FieldResolver(() => Participant)
  participant(@Root() claim: ClaimEntity): Participant {
    return { id: claim.participantId };
  }
}

function claimLoader(ctx: RequestContext, service: ClaimService) {
  return ctx.loader('claimById', (ids: readonly string[]) => service.findMany(ids, ctx.scope));
}

export function claimReference(service: ClaimService): ReferenceResolvers {
  return { Claim: { __resolveReference: (reference, ctx) => claimLoader(ctx, service).load(reference.id) } };
}
