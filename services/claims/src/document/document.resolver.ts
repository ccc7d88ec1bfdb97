import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { DOCUMENT_TYPES } from '../../../../domain/claims/documents.js';
import type { RequestContext } from '../../../kit/src/context.js';
import type { ClaimEntity } from '../claim/claim.entity.js';
import { ClaimDocumentInput } from '../claim/claim.inputs.js';
import type { ClaimService } from '../claim/claim.service.js';
import { Claim } from '../claim/claim.type.js';
import { ClaimDocument } from '../claim/claim-detail.type.js';
import type { DocumentService } from './document.service.js';

/** A claim's document checklist, and the steps on documents: record, review, request more, resubmitted. */
@Resolver(() => Claim)
export class ClaimDocumentResolver {
  constructor(
    private readonly claims: ClaimService,
    private readonly documentService: DocumentService,
  ) {}

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
}
