import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../kit/src/context.js';
import type { ReferenceResolvers } from '../../../kit/src/subgraph-schema.js';
import type { ClaimEntity } from '../claim/claim.entity.js';
import type { ClaimService } from '../claim/claim.service.js';
import { Claim } from '../claim/claim.type.js';
import { Participant } from './participant.type.js';

@Resolver(() => Participant)
export class ParticipantClaimsResolver {
  constructor(private readonly claimService: ClaimService) {}

  // Nullable, as every field one subgraph adds to another's entity: if claims is down, only this
  // field is null (with SERVICE_UNAVAILABLE), and the participant still arrives.
  @FieldResolver(() => [Claim], { nullable: true, description: 'Claims filed for this participant, oldest first; null (with an error) while claims are unavailable.' })
  claims(@Root() participant: Participant, @Ctx() ctx: RequestContext): Promise<ClaimEntity[]> {
    return ctx.loader('claimsByParticipant', (ids: readonly string[]) => this.claimService.listByParticipants(ids, ctx.scope)).load(participant.id);
  }
}

export const participantStubReference: ReferenceResolvers = {
  Participant: { __resolveReference: (reference) => ({ id: reference.id }) },
};
